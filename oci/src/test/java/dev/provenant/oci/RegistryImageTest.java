package dev.provenant.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.oci.testing.LocalRegistry;
import dev.provenant.oci.testing.TestImages;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeySigner;
import dev.provenant.signer.file.KeyType;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing and verifying images in a real registry (docker-registry 2.8: the fallback tag path). */
class RegistryImageTest {
    @TempDir
    static Path dir;

    static LocalRegistry registry;
    static RegistryClient client;
    static FileKeySigner key;
    static FileKeySigner otherKey;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start(dir.resolve("registry"));
        client = new RegistryClient(RegistryClient.Options.defaults(CredentialStore.anonymous()));
        key = new FileKeySigner(KeyType.ECDSA_P256.generate(), "test key");
        otherKey = new FileKeySigner(KeyType.ECDSA_P256.generate(), "other key");
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private ImageReference ref(String repoAndTag) {
        return ImageReference.parse(registry.host() + "/" + repoAndTag);
    }

    private static BundleVerifier verifier() {
        return new BundleVerifier(new ArtifactDigester(), () -> {
            throw new IllegalStateException("a key-signed bundle needs no trusted root");
        }, Clock.systemUTC());
    }

    private static byte[] signImage(FileKeySigner signer, ImageReference image, Digest digest, String predicateType) throws Exception {
        Statement statement = Statement.of(List.of(ResourceDescriptor.of(image.repositoryName(), digest)), predicateType,
                JsonCodec.mapper().createObjectNode());
        return new BundleSigner(signer, new ArtifactDigester()).attest(statement).toJson();
    }

    private Referrers.Attached publish(ImageReference image, Descriptor subject, FileKeySigner signer, Digest about, String type)
            throws Exception {
        return new ImagePublisher(client).publish(image, subject, signImage(signer, image, about, type), type, Instant.now());
    }

    @Test
    void skopeoPushedImageSignsAndVerifiesThroughTheFallbackTag() throws Exception {
        TestImages.Image image = TestImages.image("skopeo");
        Path layout = TestImages.layout(dir.resolve("layout"), image, "v1");
        TestImages.skopeo("copy", "--preserve-digests", "--dest-tls-verify=false", "oci:" + layout + ":v1", "docker://" + registry.host() + "/app/skopeo:v1");
        ImageReference tagged = ref("app/skopeo:v1");
        ImageVerifier.Resolved resolved = ImageVerifier.resolve(client, tagged);
        assertThat(resolved.manifest().digest().toString()).isEqualTo(image.digest());
        assertThat(resolved.fromTag()).isTrue();

        Referrers.Attached attached = publish(tagged, resolved.manifest().descriptor(), key, resolved.manifest().digest(),
                SigstoreLayout.SIGN_PREDICATE_TYPE);
        assertThat(attached.fallbackTagUpdated()).isTrue();
        assertThat(attached.fallbackTag()).isEqualTo("sha256-" + resolved.manifest().digest().hex());

        // an independent client reads the fallback index and the referrer Provenant wrote
        JsonNode index = JsonCodec.mapper().readTree(TestImages.skopeo("inspect", "--raw", "--tls-verify=false",
                "docker://" + registry.host() + "/app/skopeo:" + attached.fallbackTag()));
        assertThat(index.path("mediaType").asText()).isEqualTo(Manifest.OCI_INDEX);
        assertThat(index.path("manifests").get(0).path("digest").asText()).isEqualTo(attached.referrer().toString());
        assertThat(index.path("manifests").get(0).path("artifactType").asText()).isEqualTo(SigstoreLayout.BUNDLE_MEDIA_TYPE);
        JsonNode referrer = JsonCodec.mapper().readTree(TestImages.skopeo("inspect", "--raw", "--tls-verify=false",
                "docker://" + registry.host() + "/app/skopeo@" + attached.referrer()));
        assertThat(referrer.path("subject").path("digest").asText()).isEqualTo(image.digest());
        assertThat(referrer.path("config").path("mediaType").asText()).isEqualTo(SigstoreLayout.EMPTY_CONFIG_MEDIA_TYPE);
        assertThat(referrer.path("layers").get(0).path("mediaType").asText()).isEqualTo(SigstoreLayout.BUNDLE_MEDIA_TYPE);
        assertThat(referrer.path("annotations").path(SigstoreLayout.CONTENT_ANNOTATION).asText()).isEqualTo("dsse-envelope");

        ImageVerification ok = new ImageVerifier(client, verifier()).verify(tagged.withDigest(resolved.manifest().digest()),
                VerificationPolicy.ofKey(key.publicKey()));
        assertThat(ok.passed()).isTrue();
        assertThat(ok.source()).isEqualTo(Referrers.Source.FALLBACK_TAG);
        assertThat(ok.firstVerified().get().manifest()).isEqualTo(attached.referrer());

        ImageVerification wrongKey = new ImageVerifier(client, verifier()).verify(tagged, VerificationPolicy.ofKey(otherKey.publicKey()));
        assertThat(wrongKey.passed()).isFalse();
        assertThat(wrongKey.failedCheck()).isEqualTo(Check.SIGNATURE);
    }

    @Test
    void aSecondReferrerIsAddedToTheFallbackIndexAndEitherMaySatisfyThePolicy() throws Exception {
        ImageReference image = ref("app/two:v1");
        Descriptor subject = TestImages.push(client, image, TestImages.image("two"));
        publish(image, subject, otherKey, subject.digest(), SigstoreLayout.SIGN_PREDICATE_TYPE);
        publish(image, subject, key, subject.digest(), SigstoreLayout.SIGN_PREDICATE_TYPE);
        ImageVerification v = new ImageVerifier(client, verifier()).verify(image, VerificationPolicy.ofKey(key.publicKey()));
        assertThat(v.outcomes()).hasSize(2);
        assertThat(v.outcomes().get(0).verified()).isFalse();
        assertThat(v.outcomes().get(1).verified()).isTrue();
        assertThat(v.passed()).isTrue();
    }

    @Test
    void aBundleForAnotherDigestDoesNotVerify() throws Exception {
        ImageReference image = ref("app/other-digest:v1");
        Descriptor subject = TestImages.push(client, image, TestImages.image("other-digest"));
        Digest another = Manifest.sha256("another image".getBytes(StandardCharsets.UTF_8));
        publish(image, subject, key, another, SigstoreLayout.SIGN_PREDICATE_TYPE);
        ImageVerification v = new ImageVerifier(client, verifier()).verify(image, VerificationPolicy.ofKey(key.publicKey()));
        assertThat(v.passed()).isFalse();
        assertThat(v.failedCheck()).isEqualTo(Check.SUBJECT_DIGEST);
    }

    @Test
    void aBundleOfAnotherPredicateTypeDoesNotCountAsASignature() throws Exception {
        ImageReference image = ref("app/other-type:v1");
        Descriptor subject = TestImages.push(client, image, TestImages.image("other-type"));
        publish(image, subject, key, subject.digest(), "https://slsa.dev/provenance/v1");
        ImageVerification v = new ImageVerifier(client, verifier()).verify(image, VerificationPolicy.ofKey(key.publicKey()));
        assertThat(v.passed()).isFalse();
        assertThat(v.failedCheck()).isEqualTo(Check.PREDICATE_TYPE);
        ImageVerification asProvenance = new ImageVerifier(client, verifier()).verify(image,
                VerificationPolicy.ofKey(key.publicKey()).withPredicateType("https://slsa.dev/provenance/v1"));
        assertThat(asProvenance.passed()).isTrue();
    }

    @Test
    void aReferrerWhoseSubjectIsAnotherImageIsRefused() throws Exception {
        ImageReference image = ref("app/stolen:v1");
        Descriptor subject = TestImages.push(client, image, TestImages.image("stolen"));
        Descriptor other = TestImages.push(client, ref("app/stolen:other"), TestImages.image("stolen-other"));
        // a bundle that would verify for the image, published with the other image as its subject ...
        Referrers.Attached attached = publish(image, other, key, subject.digest(), SigstoreLayout.SIGN_PREDICATE_TYPE);
        // ... and listed in the image's fallback index
        byte[] referrer = client.manifest(image, attached.referrer().toString()).bytes();
        client.pushManifest(image, Referrers.fallbackTag(subject.digest()), Referrers.index(List.of(
                new Descriptor(Manifest.OCI_MANIFEST, attached.referrer(), referrer.length, SigstoreLayout.BUNDLE_MEDIA_TYPE, Map.of()))),
                Manifest.OCI_INDEX);
        ImageVerification v = new ImageVerifier(client, verifier()).verify(image, VerificationPolicy.ofKey(key.publicKey()));
        assertThat(v.passed()).isFalse();
        assertThat(v.failedCheck()).isEqualTo(Check.ARTIFACT_DIGEST);
        assertThat(v.outcomes().get(0).reason()).contains("subject is " + other.digest());
    }

    @Test
    void aTagThatMovedIsRefused() throws Exception {
        ImageReference image = ref("app/moved:v1");
        Descriptor first = TestImages.push(client, image, TestImages.image("moved-1"));
        publish(image, first, key, first.digest(), SigstoreLayout.SIGN_PREDICATE_TYPE);
        TestImages.push(client, image, TestImages.image("moved-2"));
        ImageReference pinned = ImageReference.parse(image + "@" + first.digest());
        assertThatThrownBy(() -> new ImageVerifier(client, verifier()).verify(pinned, VerificationPolicy.ofKey(key.publicKey())))
                .isInstanceOf(VerificationException.class).hasMessageContaining("the tag moved")
                .extracting(e -> ((VerificationException) e).check()).isEqualTo(Check.ARTIFACT_DIGEST);
        // by tag alone, the new image is what is verified, and it has no signature
        ImageVerification v = new ImageVerifier(client, verifier()).verify(image, VerificationPolicy.ofKey(key.publicKey()));
        assertThat(v.passed()).isFalse();
        assertThat(v.outcomes()).isEmpty();
        assertThat(v.failureSummary()).startsWith("no signature or attestation found");
    }

    @Test
    void aTamperedManifestInStorageIsRefused() throws Exception {
        ImageReference image = ref("app/tampered:v1");
        TestImages.Image original = TestImages.image("tampered");
        Descriptor subject = TestImages.push(client, image, original);
        Path data = registry.blobData(subject.digest().hex());
        Files.write(data, new String(original.manifest(), StandardCharsets.UTF_8).replace("amd64", "arm64")
                .replace("\"size\":", "\"size\": ").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> client.manifest(image, subject.digest().toString()))
                .isInstanceOf(VerificationException.class).hasMessageContaining("whose digest is");
    }

    @Test
    void aManifestOverTheCapIsRefusedUnread() throws Exception {
        ImageReference image = ref("app/huge:v1");
        TestImages.Image small = TestImages.image("huge");
        client.pushBlob(image, small.config());
        client.pushBlob(image, small.layer());
        String padded = new String(small.manifest(), StandardCharsets.UTF_8).replaceFirst("\\}$",
                ",\"annotations\":{\"pad\":\"" + "x".repeat(300 << 10) + "\"}}");
        client.pushManifest(image, "v1", padded.getBytes(StandardCharsets.UTF_8), Manifest.OCI_MANIFEST);
        // docker-registry 2.8 refuses to store a manifest above 4 MiB itself, so the cap is lowered to see it hold
        RegistryClient capped = new RegistryClient(client.options().withMaxManifestBytes(256 << 10));
        assertThatThrownBy(() -> capped.manifest(image, "v1")).isInstanceOf(InputTooLargeException.class)
                .hasMessageContaining("256 KiB");
        assertThat(client.manifest(image, "v1").size()).isGreaterThan(300 << 10);
    }

    @Test
    void legacyCosignSignatureTagsVerify() throws Exception {
        ImageReference image = ref("app/legacy:v1");
        Descriptor subject = TestImages.push(client, image, TestImages.image("legacy"));
        pushLegacySignature(image, subject.digest(), subject.digest(), key);
        ImageVerification v = new ImageVerifier(client, verifier()).verify(image, VerificationPolicy.ofKey(key.publicKey()));
        assertThat(v.passed()).isTrue();
        assertThat(v.firstVerified().get().layout()).isEqualTo(ImageVerification.Layout.COSIGN_SIG_TAG);

        ImageReference other = ref("app/legacy:other");
        Descriptor otherSubject = TestImages.push(client, other, TestImages.image("legacy-other"));
        pushLegacySignature(other, otherSubject.digest(), subject.digest(), key);
        ImageVerification refused = new ImageVerifier(client, verifier()).verify(other, VerificationPolicy.ofKey(key.publicKey()));
        assertThat(refused.passed()).isFalse();
        assertThat(refused.failedCheck()).isEqualTo(Check.SUBJECT_DIGEST);
    }

    /** Writes what cosign 2 writes: tag sha256-HEX.sig, a simple-signing payload naming {@code claimed}. */
    private void pushLegacySignature(ImageReference image, Digest at, Digest claimed, FileKeySigner signer) throws Exception {
        byte[] payload = ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + image.repositoryName() + "\"},\"image\":{"
                + "\"docker-manifest-digest\":\"" + claimed + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
                .getBytes(StandardCharsets.UTF_8);
        String signature = Base64.getEncoder().encodeToString(signer.sign(payload));
        byte[] config = "{\"architecture\":\"\",\"os\":\"\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        client.pushBlob(image, config);
        client.pushBlob(image, payload);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length + ",\"digest\":\"" + Manifest.sha256(config)
                + "\"},\"layers\":[{\"mediaType\":\"" + ImageVerifier.SIMPLE_SIGNING_MEDIA_TYPE + "\",\"size\":" + payload.length
                + ",\"digest\":\"" + Manifest.sha256(payload) + "\",\"annotations\":{\"" + ImageVerifier.SIGNATURE_ANNOTATION + "\":\""
                + signature + "\"}}]}";
        client.pushManifest(image, Referrers.fallbackTag(at) + ".sig", manifest.getBytes(StandardCharsets.UTF_8), Manifest.OCI_MANIFEST);
    }
}
