package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.localsigstore.Identity;
import dev.provenant.localsigstore.LocalSigstore;
import dev.provenant.localsigstore.RekorApis;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.npm.NpmAttestations;
import dev.provenant.verifier.npm.NpmPackageExpectations;
import dev.provenant.verifier.npm.NpmPackageVerifier;
import dev.provenant.verifier.npm.NpmRegistryKeys;
import dev.provenant.verifier.npm.VerifiedNpmPackage;
import dev.provenant.verifier.provenance.ProvenanceExpectations;
import dev.provenant.verifier.provenance.TrustedBuilders;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry key's validity window against the time a transparency log recorded the publish
 * attestation, on attestations logged in the embedded stack's Rekor by {@code attest --tlog-upload}:
 * the "registry" key is a test key, the provenance key-signed (the library's key mode; keyless GitHub
 * Actions certificates cannot be made here, NpmPackageVerifierTest holds the builder rules to them).
 */
class NpmPackageStackTest {
    static final Path KEYS = TlogUploadCliTest.KEYS;
    static final String KEY_ID = "SHA256:stack-registry-key";
    static final String REPO = "https://github.com/acme/widget";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static LocalSigstore stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalSigstore.start(shared.resolve("stack"), 0, 0, Identity.parse("unused@example.test"), RekorApis.V1);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    Path logged(String name, String statement, String key) throws Exception {
        Path file = Files.writeString(dir.resolve(name + ".json"), statement);
        Path bundle = dir.resolve(name + ".sigstore.json");
        CliRun attest = CliRun.of("attest", "--key", key, "--password-file", TlogUploadCliTest.PASSPHRASE, "--tlog-upload",
                "--signing-config", stack.signingConfig().toString(), "--statement", file.toString(), "--bundle", bundle.toString());
        assertThat(attest.exitCode()).as(attest.err()).isZero();
        return bundle;
    }

    byte[] document(Path tarball) throws Exception {
        String sha512 = new ArtifactDigester().digest(tarball, DigestAlgorithm.SHA512).hex();
        String subject = "[{\"name\": \"pkg:npm/%40acme/widget@1.2.3\", \"digest\": {\"sha512\": \"" + sha512 + "\"}}]";
        Path publish = logged("publish", "{\"_type\": \"https://in-toto.io/Statement/v1\", \"subject\": " + subject
                + ", \"predicateType\": \"" + NpmAttestations.PUBLISH_PREFIX + "v0.1\", \"predicate\": {\"name\": \"@acme/widget\","
                + " \"version\": \"1.2.3\", \"registry\": \"https://registry.example.test\"}}", TlogUploadCliTest.KEY);
        Path provenance = logged("provenance", "{\"_type\": \"https://in-toto.io/Statement/v1\", \"subject\": " + subject
                + ", \"predicateType\": \"https://slsa.dev/provenance/v1\", \"predicate\": {\"buildDefinition\": {\"buildType\":"
                + " \"https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1\", \"externalParameters\": {\"workflow\":"
                + " {\"ref\": \"refs/tags/v1.2.3\", \"repository\": \"" + REPO + "\", \"path\": \".github/workflows/publish.yml\"}}},"
                + " \"runDetails\": {\"builder\": {\"id\": \"" + NpmPackageVerifier.HOSTED_RUNNER + "\"}}}}",
                KEYS.resolve("rsa-3072-pkcs1-encrypted.pem").toString());
        ObjectNode publishBundle = (ObjectNode) JsonCodec.mapper().readTree(publish.toFile());
        ((ObjectNode) publishBundle.path("verificationMaterial")).putObject("publicKey").put("hint", KEY_ID);
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        ArrayNode list = root.putArray("attestations");
        list.addObject().put("predicateType", NpmAttestations.PUBLISH_PREFIX + "v0.1").set("bundle", publishBundle);
        list.addObject().put("predicateType", "https://slsa.dev/provenance/v1").set("bundle", JsonCodec.mapper().readTree(provenance.toFile()));
        return JsonCodec.write(root);
    }

    static NpmRegistryKeys keys(PublicKey key, String start, String end) throws Exception {
        return NpmRegistryKeys.parse(("{\"keys\": [{\"keyId\": \"" + KEY_ID + "\", \"keyUsage\": \"npm:attestations\", \"publicKey\":"
                + " {\"rawBytes\": \"" + Base64.getEncoder().encodeToString(key.getEncoded()) + "\", \"validFor\": {\"start\": \"" + start
                + "\"" + (end == null ? "" : ", \"end\": \"" + end + "\"") + "}}}]}").getBytes(StandardCharsets.UTF_8), "keys.json");
    }

    VerifiedNpmPackage verify(byte[] document, Path tarball, NpmRegistryKeys keys) throws Exception {
        TrustedRoot root = TrustedRoot.parse(Files.readAllBytes(stack.trustedRoot()));
        PublicKey provenanceKey = PemPublicKeys.parse(Files.readString(KEYS.resolve("rsa-3072.pub")));
        return new NpmPackageVerifier(new BundleVerifier(root), keys, TrustedBuilders.builtIn(), new SignerTrust.Key(provenanceKey), true)
                .verify(document, new Artifact.FileArtifact(tarball), new NpmPackageExpectations(ProvenanceExpectations.of(
                        "github.com/acme/widget", NpmPackageVerifier.HOSTED_RUNNER, null, null, Map.of()), Optional.of("@acme/widget"),
                        Optional.of("1.2.3")));
    }

    @Test
    void theRegistryKeyMustHaveBeenValidWhenTheLogRecordedThePublish() throws Exception {
        Path tarball = Files.writeString(dir.resolve("widget-1.2.3.tgz"), "tarball " + System.nanoTime());
        byte[] document = document(tarball);
        PublicKey registry = PemPublicKeys.parse(Files.readString(Path.of(TlogUploadCliTest.PUB)));
        VerifiedNpmPackage ok = verify(document, tarball, keys(registry, "2020-01-01T00:00:00Z", null));
        assertThat(ok.publish().tlogEntries()).hasSize(1);
        assertThat(ok.checked()).anyMatch(l -> l.contains("registry key " + KEY_ID));
        for (String[] window : new String[][] {{"2099-01-01T00:00:00Z", null}, {"2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"}}) {
            NpmRegistryKeys k = keys(registry, window[0], window[1]);
            assertThatThrownBy(() -> verify(document, tarball, k)).isInstanceOfSatisfying(VerificationException.class,
                    e -> assertThat(e.check()).as(e.getMessage()).isEqualTo(Check.NPM_REGISTRY_KEY)).hasMessageContaining("was logged at");
        }
        // without the log entry the publish attestation is refused: the registry logs every one
        ObjectNode root = (ObjectNode) JsonCodec.mapper().readTree(document);
        ((ObjectNode) root.path("attestations").get(0).path("bundle").path("verificationMaterial")).putArray("tlogEntries");
        assertThatThrownBy(() -> verify(JsonCodec.write(root), tarball, keys(registry, "2020-01-01T00:00:00Z", null)))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TLOG_REQUIRED));
    }
}
