package dev.provenant.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.oci.testing.ReferrersApiDouble;
import dev.provenant.oci.testing.TestImages;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeySigner;
import dev.provenant.signer.file.KeyType;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.VerificationPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The referrers API path and bearer tokens, against {@link ReferrersApiDouble}, a test double of a
 * distribution 1.1 registry (docker-registry 2.8, which the other tests use, has neither).
 */
class ReferrersApiTest {
    private static byte[] signature(FileKeySigner key, ImageReference image, Descriptor subject) throws Exception {
        Statement statement = Statement.of(List.of(ResourceDescriptor.of(image.repositoryName(), subject.digest())),
                SigstoreLayout.SIGN_PREDICATE_TYPE, JsonCodec.mapper().createObjectNode());
        return new BundleSigner(key, new ArtifactDigester()).attest(statement).toJson();
    }

    private static BundleVerifier verifier() {
        return new BundleVerifier(new ArtifactDigester(), () -> {
            throw new IllegalStateException("no trusted root for key-signed bundles");
        }, Clock.systemUTC());
    }

    @Test
    void aRegistryWithTheReferrersApiGetsNoFallbackTagAndListsTheReferrer() throws Exception {
        try (ReferrersApiDouble registry = ReferrersApiDouble.open()) {
            RegistryClient client = new RegistryClient(RegistryClient.Options.defaults(CredentialStore.anonymous()));
            ImageReference image = ImageReference.parse(registry.host() + "/app/api:1");
            Descriptor subject = TestImages.push(client, image, TestImages.image("api"));
            FileKeySigner key = new FileKeySigner(KeyType.ECDSA_P256.generate(), "test");
            Referrers.Attached attached = new ImagePublisher(client).publish(image, subject, signature(key, image, subject),
                    SigstoreLayout.SIGN_PREDICATE_TYPE, Instant.now());
            assertThat(attached.fallbackTagUpdated()).isFalse();
            assertThat(registry.hasManifest("app/api", Referrers.fallbackTag(subject.digest()))).isFalse();

            Referrers.Listing listing = new Referrers(client).list(image, subject.digest());
            assertThat(listing.source()).isEqualTo(Referrers.Source.REFERRERS_API);
            assertThat(listing.referrers()).extracting(Descriptor::digest).containsExactly(attached.referrer());
            assertThat(listing.referrers().get(0).artifactType()).isEqualTo(SigstoreLayout.BUNDLE_MEDIA_TYPE);
            assertThat(registry.requests()).anyMatch(r -> r.method().equals("GET")
                    && r.path().equals("/v2/app/api/referrers/" + subject.digest()));

            ImageVerification v = new ImageVerifier(client, verifier()).verify(image.withDigest(subject.digest()),
                    VerificationPolicy.ofKey(key.publicKey()));
            assertThat(v.passed()).isTrue();
            assertThat(v.source()).isEqualTo(Referrers.Source.REFERRERS_API);
        }
    }

    @Test
    void bearerTokensAreFetchedWithTheScopeAndTheLogin() throws Exception {
        try (ReferrersApiDouble registry = ReferrersApiDouble.withTokenAuth("robot", "s3cret-password")) {
            CredentialStore login = host -> Optional.of(Credential.basic("robot", "s3cret-password"));
            RegistryClient client = new RegistryClient(RegistryClient.Options.defaults(login));
            ImageReference image = ImageReference.parse(registry.host() + "/team/app:1");
            Descriptor subject = TestImages.push(client, image, TestImages.image("bearer"));
            assertThat(client.manifest(image, subject.digest().toString()).digest()).isEqualTo(subject.digest());
            assertThat(registry.requests()).anyMatch(r -> r.path().equals("/token") && r.query().contains("service=double")
                    && r.query().contains("scope=repository%3Ateam%2Fapp%3Apull%2Cpush"));

            CredentialStore wrong = host -> Optional.of(Credential.basic("robot", "wrong-password"));
            RegistryClient refused = new RegistryClient(RegistryClient.Options.defaults(wrong));
            assertThatThrownBy(() -> refused.manifest(image, "1")).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("refused the credentials (user robot)").hasMessageNotContaining("wrong-password")
                    .extracting(e -> ((RegistryException) e).status()).isEqualTo(401);

            RegistryClient anonymous = new RegistryClient(RegistryClient.Options.defaults(CredentialStore.anonymous()));
            assertThatThrownBy(() -> anonymous.manifest(image, "1")).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("needs credentials: docker login " + registry.host());
        }
    }
}
