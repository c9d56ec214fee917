package dev.provenant.intoto.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.signer.SecretSource;
import dev.provenant.intoto.keys.SslibKeyFiles;
import dev.provenant.intoto.keys.SslibKeyPair;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** testdata/links/intoto holds links made by in-toto-run 1.3.1 with the keys in testdata/keys/intoto. */
class LinkVerifierTest {
    static final Path TESTDATA = Path.of(System.getProperty("provenant.testdata", "../testdata"));
    static final Path KEYS = TESTDATA.resolve("keys/intoto");
    static final Path LINKS = TESTDATA.resolve("links/intoto");

    static SslibPublicKey pub(String name) throws Exception {
        return SslibKeyFiles.readPublic(KEYS.resolve(name + ".pub"), SslibScheme.RSASSA_PSS_SHA256);
    }

    static Metablock link(String file) throws Exception {
        return Metablock.parse(Files.readAllBytes(LINKS.resolve(file)));
    }

    @ParameterizedTest
    @CsvSource({"rsa-step.b26082d9.link,rsa", "ed-step.1a8aa7f4.link,ed25519", "ec-step.d54458dc.link,ecdsa"})
    void linksMadeByInTotoRunVerify(String file, String key) throws Exception {
        VerifiedLink verified = LinkVerifier.verify(link(file), pub(key));
        assertThat(verified.keyid()).startsWith(file.split("\\.")[1]);
        assertThat(verified.link().materials()).containsKey("foo.txt");
    }

    @Test
    void unicodeByproductsAreCoveredAsPythonSignedThem() throws Exception {
        Link link = LinkVerifier.verify(link("rsa-step.b26082d9.link"), pub("rsa")).link();
        assertThat(link.byproducts().get("stderr").asText()).isEqualTo("é err\n");
    }

    @Test
    void aTamperedLinkFails() throws Exception {
        String text = Files.readString(LINKS.resolve("ed-step.1a8aa7f4.link"));
        Metablock tampered = Metablock.parse(text.replace("5891b5b5", "5891b5b6").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> LinkVerifier.verify(tampered, pub("ed25519")))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SIGNATURE))
                .hasMessageContaining("does not verify");
    }

    @Test
    void anotherKeysLinkHasNoSignatureForThisKey() throws Exception {
        assertThatThrownBy(() -> LinkVerifier.verify(link("rsa-step.b26082d9.link"), pub("ed25519")))
                .isInstanceOf(VerificationException.class).hasMessageContaining("no signature by key 1a8aa7f4");
    }

    @Test
    void signAndVerifyRoundTripWithEachScheme() throws Exception {
        Link link = new Link("step", List.of("true"), new TreeMap<>(Map.of("a", Map.of("sha256", "00".repeat(32)))), null, null, null);
        for (String key : new String[] {"rsa", "ed25519", "ecdsa"}) {
            SslibKeyPair pair = SslibKeyFiles.readPrivate(KEYS.resolve(key), new SecretSource(Map.of(), "X", null),
                    SslibScheme.RSASSA_PSS_SHA256);
            Metablock signed = Metablock.parse(pair.sign(link.unsigned()).toJson());
            assertThat(LinkVerifier.verify(signed, pub(key)).link()).isEqualTo(link);
        }
    }

    @Test
    void aLayoutIsNotALink() throws Exception {
        Metablock layout = Metablock.parse("{\"signatures\":[],\"signed\":{\"_type\":\"layout\"}}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> LinkVerifier.verify(layout, pub("rsa")))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.LINK));
    }
}
