package dev.provenant.keyless;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.provenant.attest.testing.ConformanceSuite;
import dev.sigstore.proto.trustroot.v1.TrustedRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The direct reader must give exactly the message protobuf's JSON parser gives, or refuse (and leave
 * the file to that parser): checked on the shipped public-good root and, when the conformance suite is
 * given, on every trusted root of it, which includes odd shapes on purpose.
 */
class TrustedRootMessagesTest {
    @Test
    void givesTheSameMessageAsProtobufsParserOnTheShippedPublicGoodRoot() throws Exception {
        byte[] json = dev.provenant.verifier.trust.TrustedRoot.publicGoodJson();
        assertThat(TrustedRootMessages.parse(json)).isEqualTo(protobufs(json));
    }

    @Test
    void givesTheSameMessageAsProtobufsParserOrRefusesOnTheConformanceRoots() throws Exception {
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ConformanceSuite.bundleVerify())) {
            files.filter(p -> p.getFileName().toString().equals("trusted_root.json")).sorted().forEach(roots::add);
        }
        assertThat(roots).hasSizeGreaterThan(10);
        int direct = 0;
        for (Path file : roots) {
            byte[] json = Files.readAllBytes(file);
            TrustedRoot ours;
            try {
                ours = TrustedRootMessages.parse(json);
            } catch (RuntimeException e) {
                continue;
            }
            assertThat(ours).as(file.toString()).isEqualTo(protobufs(json));
            direct++;
        }
        assertThat(direct).as("roots read directly").isGreaterThanOrEqualTo(roots.size() - 2);
    }

    private static TrustedRoot protobufs(byte[] json) throws Exception {
        TrustedRoot.Builder expected = TrustedRoot.newBuilder();
        JsonFormat.parser().ignoringUnknownFields().merge(new String(json, StandardCharsets.UTF_8), expected);
        return expected.build();
    }

    @Test
    void refusesFieldsItDoesNotKnow() {
        byte[] json = ("{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
                + "\"tlogs\":[{\"baseUrl\":\"https://log\",\"hashAlgorithm\":\"SHA2_256\",\"somethingNew\":1,"
                + "\"publicKey\":{\"rawBytes\":\"AA==\",\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"},\"logId\":{\"keyId\":\"AA==\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrustedRootMessages.parse(json))
                .hasMessageContaining("somethingNew");
    }
}
