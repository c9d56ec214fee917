package dev.provenant.verifier;

import dev.provenant.verifier.check.VerificationException;

import dev.provenant.verifier.check.Check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real release from the package registry, resolved by Maven itself (see this module's pom):
 * sigstore-java 1.3.0's jar and the keyless bundle published beside it, verified offline against the
 * shipped public-good trusted root, and then rejected for each kind of tampering.
 */
class MavenCentralBundleTest {
    static final Path DIR = Path.of(System.getProperty("provenant.registryArtifacts", "target/registry-artifacts"));
    static final String IDENTITY =
            "https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v1.3.0";
    static final String ISSUER = "https://token.actions.githubusercontent.com";

    static byte[] bundleJson;
    static Path jar;
    static BundleVerifier verifier;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        bundleJson = Files.readAllBytes(DIR.resolve("sigstore-java-1.3.0.jar.sigstore.json"));
        jar = DIR.resolve("sigstore-java-1.3.0.jar");
        verifier = new BundleVerifier(TrustedRoot.publicGood());
    }

    private static VerificationResult verify(Bundle bundle, Path artifact, IdentityPolicy identity) throws Exception {
        return verifier.verify(bundle, List.of(new Artifact.FileArtifact(artifact)), VerificationPolicy.ofIdentity(identity));
    }

    /** The bundle with one edit made to its JSON tree. */
    private static Bundle edited(Consumer<ObjectNode> edit) throws FormatException {
        ObjectNode tree = (ObjectNode) JsonCodec.readTree(bundleJson, "bundle");
        edit.accept(tree);
        return Bundle.parse(JsonCodec.write(tree));
    }

    private static ObjectNode entry(ObjectNode bundle) {
        return (ObjectNode) bundle.at("/verificationMaterial/tlogEntries/0");
    }

    private static String flipBase64(String value, int index) {
        byte[] bytes = Base64.getDecoder().decode(value);
        bytes[index] ^= 0x01;
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static void assertRejected(Check check, Bundle bundle) {
        assertThatThrownBy(() -> verify(bundle, jar, IdentityPolicy.exact(IDENTITY, ISSUER)))
                .isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).check()).isEqualTo(check));
    }

    @Test
    void theReleaseVerifiesOfflineWithItsWorkflowIdentity() throws Exception {
        VerificationResult r = verify(Bundle.parse(bundleJson), jar, IdentityPolicy.exact(IDENTITY, ISSUER));
        assertThat(r.identity()).hasValueSatisfying(s -> assertThat(s.identity().san()).hasValueSatisfying(
                san -> assertThat(san.value()).isEqualTo(IDENTITY)));
        assertThat(r.checks()).contains(Check.SIGNATURE, Check.ARTIFACT_DIGEST, Check.TLOG_SET, Check.TLOG_INCLUSION_PROOF,
                Check.TLOG_CHECKPOINT, Check.CERTIFICATE_CHAIN, Check.CERTIFICATE_VALIDITY, Check.SCT, Check.IDENTITY);
        assertThat(r.tlogEntries()).singleElement().satisfies(e -> assertThat(e.logIndex()).isEqualTo(174242592L));
    }

    @Test
    void aWrongIdentityOrIssuerIsRejected() {
        assertThatThrownBy(() -> verify(Bundle.parse(bundleJson), jar, IdentityPolicy.exact(IDENTITY.replace("v1.3.0", "v1.3.1"), ISSUER)))
                .isInstanceOf(VerificationException.class).hasMessageContaining("certificate identity");
        assertThatThrownBy(() -> verify(Bundle.parse(bundleJson), jar, IdentityPolicy.exact(IDENTITY, "https://accounts.google.com")))
                .isInstanceOf(VerificationException.class).hasMessageContaining("issuer");
        assertThatThrownBy(() -> verify(Bundle.parse(bundleJson), jar,
                IdentityPolicy.of(null, "https://github.com/sigstore/", null, ISSUER)))
                .as("a regular expression must match the whole identity").isInstanceOf(VerificationException.class);
    }

    @Test
    void aFlippedByteInTheJarIsRejected() throws Exception {
        byte[] bytes = Files.readAllBytes(jar);
        bytes[bytes.length / 2] ^= 0x01;
        Path tampered = Files.write(dir.resolve("sigstore-java-1.3.0.jar"), bytes);
        assertThatThrownBy(() -> verify(Bundle.parse(bundleJson), tampered, IdentityPolicy.exact(IDENTITY, ISSUER)))
                .isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).check()).isEqualTo(Check.ARTIFACT_DIGEST));
    }

    @Test
    void aFlippedInclusionProofHashIsRejected() throws Exception {
        assertRejected(Check.TLOG_INCLUSION_PROOF, edited(b -> {
            ArrayNode hashes = (ArrayNode) entry(b).at("/inclusionProof/hashes");
            hashes.set(0, hashes.get(0).asText().isEmpty() ? null : JsonCodec.mapper().getNodeFactory()
                    .textNode(flipBase64(hashes.get(0).asText(), 5)));
        }));
    }

    @Test
    void aCorruptedCheckpointSignatureIsRejected() throws Exception {
        assertRejected(Check.TLOG_CHECKPOINT, edited(b -> {
            ObjectNode checkpoint = (ObjectNode) entry(b).at("/inclusionProof/checkpoint");
            String note = checkpoint.get("envelope").asText();
            int sigStart = note.lastIndexOf(' ') + 1;
            String sig = note.substring(sigStart).strip();
            checkpoint.put("envelope", note.substring(0, sigStart) + flipBase64(sig, sig.length() / 2) + "\n");
        }));
    }

    @Test
    void aCorruptedSignedEntryTimestampIsRejected() throws Exception {
        assertRejected(Check.TLOG_SET, edited(b -> {
            ObjectNode promise = (ObjectNode) entry(b).get("inclusionPromise");
            promise.put("signedEntryTimestamp", flipBase64(promise.get("signedEntryTimestamp").asText(), 20));
        }));
    }

    @Test
    void aShiftedIntegratedTimeIsRejected() throws Exception {
        assertRejected(Check.TLOG_SET, edited(b -> entry(b).put("integratedTime",
                Long.toString(entry(b).get("integratedTime").asLong() + 60))));
    }

    @Test
    void aRemovedInclusionProofIsRejected() {
        // A v0.3 bundle must carry the proof; without it the bundle is malformed, so verification fails closed.
        assertThatThrownBy(() -> edited(b -> entry(b).remove("inclusionProof")))
                .isInstanceOf(FormatException.class).hasMessageContaining("inclusionProof");
    }

    @Test
    void aKeyInsteadOfTheCertificateIsRejected() throws Exception {
        var leafKey = dev.provenant.verifier.tlog.SigningMaterial.ofCertificate(
                Bundle.parse(bundleJson).verificationMaterial().certificates().get(0).der()).publicKey();
        assertThatThrownBy(() -> verifier.verify(Bundle.parse(bundleJson), List.of(new Artifact.FileArtifact(jar)),
                VerificationPolicy.ofKey(leafKey))).isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).check()).isEqualTo(Check.KEY));
    }
}
