package dev.provenant.keyless;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
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
 * the file to that parser): checked on the public-good root and every trusted root of the
 * conformance suite, which includes odd shapes on purpose.
 */
class TrustedRootMessagesTest {
    private static final Path SHARED = Path.of(System.getProperty("provenant.shared", "../../shared"));

    @Test
    void givesTheSameMessageAsProtobufsParserOrRefuses() throws Exception {
        List<Path> roots = new ArrayList<>();
        roots.add(SHARED.resolve("trust/public-good-trusted_root.json"));
        try (Stream<Path> files = Files.walk(SHARED.resolve("conformance/bundle-verify"))) {
            files.filter(p -> p.getFileName().toString().equals("trusted_root.json")).sorted().forEach(roots::add);
        }
        assertThat(roots).hasSizeGreaterThan(10);
        int direct = 0;
        for (Path file : roots) {
            byte[] json = Files.readAllBytes(file);
            TrustedRoot.Builder expected = TrustedRoot.newBuilder();
            JsonFormat.parser().ignoringUnknownFields().merge(new String(json, StandardCharsets.UTF_8), expected);
            TrustedRoot ours;
            try {
                ours = TrustedRootMessages.parse(json);
            } catch (RuntimeException e) {
                continue;
            }
            assertThat(ours).as(file.toString()).isEqualTo(expected.build());
            direct++;
        }
        assertThat(direct).as("roots read directly").isGreaterThanOrEqualTo(roots.size() - 2);
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
