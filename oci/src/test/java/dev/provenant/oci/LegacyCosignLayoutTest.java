package dev.provenant.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.RawCertificate;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.keyless.KeylessBundleSigner;
import dev.provenant.localsigstore.Identity;
import dev.provenant.localsigstore.LocalSigstore;
import dev.provenant.localsigstore.RekorApis;
import dev.provenant.oci.testing.LegacyLayout;
import dev.provenant.oci.testing.LegacyLayout.Layer;
import dev.provenant.oci.testing.LocalRegistry;
import dev.provenant.oci.testing.TestImages;
import dev.provenant.signer.file.FileKeySigner;
import dev.provenant.signer.file.KeyType;
import dev.provenant.signer.keyless.IdentityTokenSources;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cosign's legacy layout, keyless, read in full: {@code .sig} layers with their certificate, chain, Rekor
 * bundle and RFC 3161 timestamp, and {@code .att} DSSE layers, signed by the embedded Sigstore stack's
 * Fulcio and Rekor and pushed to a real registry. Every negative changes one thing and fails one check.
 */
class LegacyCosignLayoutTest {
    static final String IDENTITY = "builder@example.test";
    static final String PREDICATE = "https://slsa.dev/provenance/v1";

    @TempDir
    static Path dir;

    static LocalRegistry registry;
    static RegistryClient client;
    static LocalSigstore stack;
    static TrustedRoot root;
    static KeylessBundleSigner signer;
    static List<byte[]> chain;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start(dir.resolve("registry"));
        client = new RegistryClient(RegistryClient.Options.defaults(CredentialStore.anonymous()));
        // Rekor v1 only: cosign's legacy bundle annotation is a Rekor v1 signed entry timestamp
        stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, Identity.parse(IDENTITY), RekorApis.V1);
        System.setProperty("javax.net.ssl.trustStore", stack.trustStore().toString());
        root = TrustedRoot.parse(Files.readAllBytes(stack.trustedRoot()));
        signer = signer(stack);
        chain = new ArrayList<>();
        for (RawCertificate c : root.certificateAuthorities().get(0).certChain().certificates()) {
            chain.add(c.der());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (signer != null) {
            signer.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    static KeylessBundleSigner signer(LocalSigstore on) throws Exception {
        KeylessConfig config = new KeylessConfig(Files.readAllBytes(on.signingConfig()), "stack signing config",
                Files.readAllBytes(on.trustedRoot()), "stack trusted root");
        return new KeylessBundleSigner(config, IdentityTokenSources.standard(null, Map.of("SIGSTORE_ID_TOKEN", on.mintToken()), null, false));
    }

    private static ImageReference ref(String repoAndTag) {
        return ImageReference.parse(registry.host() + "/" + repoAndTag);
    }

    private static VerificationPolicy identity(String who) {
        return VerificationPolicy.ofIdentity(IdentityPolicy.exact(who, stack.oidcIssuer()));
    }

    private static ImageVerification verify(ImageReference image, VerificationPolicy policy) throws Exception {
        return new ImageVerifier(client, new BundleVerifier(root), () -> root).verify(image, policy);
    }

    /** A pushed image to sign. */
    private static Descriptor image(String name) throws Exception {
        return TestImages.push(client, ref("legacy/" + name + ":v1"), TestImages.image("legacy-" + name));
    }

    /** A .sig layer as cosign writes a keyless signature of {@code payload}, with a timestamp over the signature. */
    static Layer signatureLayer(KeylessBundleSigner by, byte[] payload) throws Exception {
        Bundle b = by.signDigest(Manifest.sha256(payload));
        byte[] signature = b.messageSignature().signatureBytes();
        TransparencyLogEntry entry = b.verificationMaterial().tlogEntries().get(0);
        return new Layer(CosignLegacy.SIMPLE_SIGNING_MEDIA_TYPE, payload, Map.of(
                CosignLegacy.SIGNATURE_ANNOTATION, b.messageSignature().signature(),
                CosignLegacy.CERTIFICATE_ANNOTATION, LegacyLayout.pem(List.of(b.verificationMaterial().certificates().get(0).der())),
                CosignLegacy.CHAIN_ANNOTATION, LegacyLayout.pem(chain),
                CosignLegacy.BUNDLE_ANNOTATION, LegacyLayout.rekorBundle(entry),
                CosignLegacy.TIMESTAMP_ANNOTATION, LegacyLayout.timestampAnnotation(LegacyLayout.timestamp(stack.urls().tsa(), signature))));
    }

    /** A .att layer as cosign writes a keyless attestation: the envelope, with a timestamp over the envelope. */
    static Layer attestationLayer(ImageReference image, Digest subject, String predicateType) throws Exception {
        Statement statement = Statement.of(List.of(ResourceDescriptor.of(image.repositoryName(), subject)), predicateType,
                JsonCodec.mapper().createObjectNode().put("builder", "test"));
        Bundle b = signer.attest(statement);
        byte[] envelope = b.dsseEnvelope().toJson();
        return new Layer(CosignLegacy.DSSE_MEDIA_TYPE, envelope, Map.of(
                CosignLegacy.SIGNATURE_ANNOTATION, "",
                CosignLegacy.PREDICATE_TYPE_ANNOTATION, predicateType,
                CosignLegacy.CERTIFICATE_ANNOTATION, LegacyLayout.pem(List.of(b.verificationMaterial().certificates().get(0).der())),
                CosignLegacy.CHAIN_ANNOTATION, LegacyLayout.pem(chain),
                CosignLegacy.BUNDLE_ANNOTATION, LegacyLayout.rekorBundle(b.verificationMaterial().tlogEntries().get(0)),
                CosignLegacy.TIMESTAMP_ANNOTATION, LegacyLayout.timestampAnnotation(LegacyLayout.timestamp(stack.urls().tsa(), envelope))));
    }

    private static byte[] payloadFor(ImageReference image, Digest digest) {
        return LegacyLayout.simpleSigning(image.repositoryName(), digest);
    }

    /** Signs {@code name}'s image, changes the layer with {@code tamper}, and returns the one outcome. */
    private static ImageVerification.Outcome signedThen(String name, UnaryOperator<Layer> tamper, VerificationPolicy policy)
            throws Exception {
        ImageReference image = ref("legacy/" + name + ":v1");
        Descriptor subject = image(name);
        Layer layer = tamper.apply(signatureLayer(signer, payloadFor(image, subject.digest())));
        LegacyLayout.push(client, image, CosignLegacy.signatureTag(subject.digest()), List.of(layer));
        ImageVerification v = verify(image, policy);
        assertThat(v.outcomes()).hasSize(1);
        return v.outcomes().get(0);
    }

    private static Check refusal(String name, UnaryOperator<Layer> tamper) throws Exception {
        ImageVerification.Outcome o = signedThen(name, tamper, identity(IDENTITY));
        assertThat(o.verified()).as("%s verified", name).isFalse();
        return o.failedCheck();
    }

    @Test
    void aKeylessLegacySignatureVerifiesWithItsLogEntryAndTimestamp() throws Exception {
        ImageVerification.Outcome o = signedThen("keyless", l -> l, identity(IDENTITY));
        assertThat(o.verified()).as(o.reason()).isTrue();
        assertThat(o.layout()).isEqualTo(ImageVerification.Layout.COSIGN_SIG_TAG);
        var result = o.result().get();
        assertThat(result.identity().get().identity().san().get().value()).isEqualTo(IDENTITY);
        assertThat(result.tlogEntries()).singleElement().satisfies(e -> assertThat(e.signedEntryTimestampChecked()).isTrue());
        assertThat(result.timestamps()).hasSize(1);
        assertThat(result.checks()).contains(Check.SIGNATURE, Check.TLOG_SET, Check.TLOG_BODY, Check.TIMESTAMP, Check.CERTIFICATE_CHAIN,
                Check.SCT, Check.IDENTITY);
    }

    @Test
    void aPayloadNamingAnotherImageIsRefused() throws Exception {
        ImageReference image = ref("legacy/other-image:v1");
        Descriptor subject = image("other-image");
        Digest another = Manifest.sha256("another image".getBytes(StandardCharsets.UTF_8));
        LegacyLayout.push(client, image, CosignLegacy.signatureTag(subject.digest()),
                List.of(signatureLayer(signer, payloadFor(image, another))));
        ImageVerification v = verify(image, identity(IDENTITY));
        assertThat(v.passed()).isFalse();
        assertThat(v.failedCheck()).isEqualTo(Check.SUBJECT_DIGEST);
    }

    @Test
    void aPayloadNamingAnotherRepositoryIsRefused() throws Exception {
        ImageReference image = ref("legacy/other-repo:v1");
        Descriptor subject = image("other-repo");
        LegacyLayout.push(client, image, CosignLegacy.signatureTag(subject.digest()),
                List.of(signatureLayer(signer, LegacyLayout.simpleSigning(registry.host() + "/legacy/elsewhere", subject.digest()))));
        ImageVerification v = verify(image, identity(IDENTITY));
        assertThat(v.failedCheck()).isEqualTo(Check.STATEMENT);
        assertThat(v.outcomes().get(0).reason()).contains("docker-reference");
    }

    @Test
    void aSignatureOverOtherBytesIsRefused() throws Exception {
        Layer other = signatureLayer(signer, "other bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(refusal("other-bytes", l -> l.with(CosignLegacy.SIGNATURE_ANNOTATION,
                other.annotations().get(CosignLegacy.SIGNATURE_ANNOTATION)))).isEqualTo(Check.SIGNATURE);
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() throws Exception {
        try (LocalSigstore other = LocalSigstore.start(dir.resolve("other-stack"), 0, 0, Identity.parse(IDENTITY), RekorApis.V1)) {
            System.setProperty("javax.net.ssl.trustStore", other.trustStore().toString());
            ImageReference image = ref("legacy/other-ca:v1");
            Descriptor subject = image("other-ca");
            Layer layer;
            try (KeylessBundleSigner elsewhere = signer(other)) {
                byte[] payload = payloadFor(image, subject.digest());
                Bundle b = elsewhere.signDigest(Manifest.sha256(payload));
                layer = new Layer(CosignLegacy.SIMPLE_SIGNING_MEDIA_TYPE, payload, Map.of(
                        CosignLegacy.SIGNATURE_ANNOTATION, b.messageSignature().signature(),
                        CosignLegacy.CERTIFICATE_ANNOTATION, LegacyLayout.pem(List.of(b.verificationMaterial().certificates().get(0).der())),
                        CosignLegacy.BUNDLE_ANNOTATION, LegacyLayout.rekorBundle(b.verificationMaterial().tlogEntries().get(0))));
            } finally {
                System.setProperty("javax.net.ssl.trustStore", stack.trustStore().toString());
            }
            LegacyLayout.push(client, image, CosignLegacy.signatureTag(subject.digest()), List.of(layer));
            assertThat(verify(image, identity(IDENTITY)).failedCheck()).isEqualTo(Check.CERTIFICATE_CHAIN);
            // the same layer verifies against the other stack's root: the CA is what differs
            TrustedRoot otherRoot = TrustedRoot.parse(Files.readAllBytes(other.trustedRoot()));
            ImageVerification there = new ImageVerifier(client, new BundleVerifier(otherRoot), () -> otherRoot).verify(image,
                    VerificationPolicy.ofIdentity(IdentityPolicy.exact(IDENTITY, other.oidcIssuer())));
            assertThat(there.passed()).as(there.failureSummary()).isTrue();
        }
    }

    @Test
    void aSignedEntryTimestampFromAnotherKeyIsRefused() throws Exception {
        FileKeySigner notTheLog = new FileKeySigner(KeyType.ECDSA_P256.generate(), "not the log");
        assertThat(refusal("other-set-key", l -> {
            try {
                TransparencyLogEntry entry = CosignLegacy.rekorEntry(l.annotations().get(CosignLegacy.BUNDLE_ANNOTATION));
                return l.with(CosignLegacy.BUNDLE_ANNOTATION, LegacyLayout.rekorBundle(notTheLog.sign(LegacyLayout.setPayload(entry)), entry));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).isEqualTo(Check.TLOG_SET);
    }

    @Test
    void aLogEntryOfAnotherSignatureIsRefused() throws Exception {
        // a genuine SET and body, of another signature by the same signer
        Layer other = signatureLayer(signer, "another payload".getBytes(StandardCharsets.UTF_8));
        assertThat(refusal("other-body", l -> l.with(CosignLegacy.BUNDLE_ANNOTATION,
                other.annotations().get(CosignLegacy.BUNDLE_ANNOTATION)))).isEqualTo(Check.TLOG_BODY);
    }

    @Test
    void aKeylessSignatureWithoutItsLogEntryIsRefused() throws Exception {
        assertThat(refusal("no-bundle", l -> l.with(CosignLegacy.BUNDLE_ANNOTATION, null))).isEqualTo(Check.TLOG_REQUIRED);
    }

    @Test
    void aTimestampOverOtherBytesIsRefused() throws Exception {
        String stamped = LegacyLayout.timestampAnnotation(LegacyLayout.timestamp(stack.urls().tsa(), "other".getBytes(StandardCharsets.UTF_8)));
        assertThat(refusal("other-timestamp", l -> l.with(CosignLegacy.TIMESTAMP_ANNOTATION, stamped))).isEqualTo(Check.TIMESTAMP);
    }

    @Test
    void anotherIdentityIsRefused() throws Exception {
        ImageVerification.Outcome o = signedThen("wrong-identity", l -> l, identity("mallory@example.test"));
        assertThat(o.verified()).isFalse();
        assertThat(o.failedCheck()).isEqualTo(Check.IDENTITY);
    }

    @Test
    void malformedAnnotationsAreRefusedAsBundleFormat() throws Exception {
        assertThat(refusal("bad-base64", l -> l.with(CosignLegacy.SIGNATURE_ANNOTATION, "not base64!"))).isEqualTo(Check.BUNDLE_FORMAT);
        assertThat(refusal("bad-pem", l -> l.with(CosignLegacy.CERTIFICATE_ANNOTATION,
                "-----BEGIN CERTIFICATE-----\nAAAA*AAA\n-----END CERTIFICATE-----\n"))).isEqualTo(Check.BUNDLE_FORMAT);
        assertThat(refusal("not-a-cert", l -> l.with(CosignLegacy.CERTIFICATE_ANNOTATION,
                LegacyLayout.pem(List.of("not DER".getBytes(StandardCharsets.UTF_8)))))).isEqualTo(Check.BUNDLE_FORMAT);
        assertThat(refusal("bad-chain", l -> l.with(CosignLegacy.CHAIN_ANNOTATION, "garbage"))).isEqualTo(Check.BUNDLE_FORMAT);
        assertThat(refusal("bad-bundle", l -> l.with(CosignLegacy.BUNDLE_ANNOTATION, "{\"Payload\":{}}"))).isEqualTo(Check.BUNDLE_FORMAT);
        assertThat(refusal("bad-timestamp", l -> l.with(CosignLegacy.TIMESTAMP_ANNOTATION, "{\"SignedRFC3161Timestamp\":\"%%\"}")))
                .isEqualTo(Check.BUNDLE_FORMAT);
    }

    @Test
    void oversizedPayloadsAndAnnotationsAreRefusedUnread() throws Exception {
        String huge = LegacyLayout.pem(chain) + " ".repeat(CosignLegacy.MAX_ANNOTATION_CHARS);
        ImageVerification.Outcome annotation = signedThen("huge-chain", l -> l.with(CosignLegacy.CHAIN_ANNOTATION, huge), identity(IDENTITY));
        assertThat(annotation.failedCheck()).isEqualTo(Check.BUNDLE_FORMAT);
        assertThat(annotation.reason()).contains(CosignLegacy.CHAIN_ANNOTATION).contains("more than the " + CosignLegacy.MAX_ANNOTATION_CHARS);

        ImageReference image = ref("legacy/huge-payload:v1");
        Descriptor subject = image("huge-payload");
        byte[] big = new String(payloadFor(image, subject.digest()), StandardCharsets.UTF_8)
                .replace("\"optional\":null", "\"optional\":{\"pad\":\"" + "x".repeat(CosignLegacy.MAX_SIMPLE_SIGNING_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        LegacyLayout.push(client, image, CosignLegacy.signatureTag(subject.digest()), List.of(signatureLayer(signer, big)));
        ImageVerification v = verify(image, identity(IDENTITY));
        assertThat(v.failedCheck()).isEqualTo(Check.BUNDLE_FORMAT);
        assertThat(v.outcomes().get(0).reason()).contains("more than the " + CosignLegacy.MAX_SIMPLE_SIGNING_BYTES);
    }

    @Test
    void aKeylessLegacyAttestationVerifiesForItsPredicateTypeOnly() throws Exception {
        ImageReference image = ref("legacy/attested:v1");
        Descriptor subject = image("attested");
        LegacyLayout.push(client, image, CosignLegacy.attestationTag(subject.digest()),
                List.of(attestationLayer(image, subject.digest(), PREDICATE)));
        ImageVerification v = verify(image, identity(IDENTITY).withPredicateType(PREDICATE));
        assertThat(v.passed()).as(v.failureSummary()).isTrue();
        ImageVerification.Outcome o = v.firstVerified().get();
        assertThat(o.layout()).isEqualTo(ImageVerification.Layout.COSIGN_ATT_TAG);
        assertThat(o.where()).isEqualTo(CosignLegacy.attestationTag(subject.digest()));
        assertThat(o.predicateType()).isEqualTo(PREDICATE);
        assertThat(o.result().get().statement().get().predicateType()).isEqualTo(PREDICATE);
        assertThat(o.result().get().checks()).contains(Check.TLOG_SET, Check.TLOG_BODY, Check.IDENTITY, Check.PREDICATE_TYPE);

        // another predicate type asked for, or a signature (the default): the attestation is listed and refused
        ImageVerification other = verify(image, identity(IDENTITY).withPredicateType("https://example.test/other/v1"));
        assertThat(other.passed()).isFalse();
        assertThat(other.failedCheck()).isEqualTo(Check.PREDICATE_TYPE);
        ImageVerification signature = verify(image, identity(IDENTITY));
        assertThat(signature.passed()).isFalse();
        assertThat(signature.failedCheck()).isEqualTo(Check.PREDICATE_TYPE);
        // and the wrong signer is refused
        assertThat(verify(image, identity("mallory@example.test").withPredicateType(PREDICATE)).failedCheck()).isEqualTo(Check.IDENTITY);
    }

    @Test
    void aLegacyAttestationAboutAnotherImageIsRefused() throws Exception {
        ImageReference image = ref("legacy/attested-other:v1");
        Descriptor subject = image("attested-other");
        LegacyLayout.push(client, image, CosignLegacy.attestationTag(subject.digest()), List.of(attestationLayer(image,
                Manifest.sha256("another image".getBytes(StandardCharsets.UTF_8)), PREDICATE)));
        assertThat(verify(image, identity(IDENTITY).withPredicateType(PREDICATE)).failedCheck()).isEqualTo(Check.SUBJECT_DIGEST);
    }

    @Test
    void aLegacyAttestationTimestampOverItsSignatureInsteadOfItsEnvelopeIsRefused() throws Exception {
        ImageReference image = ref("legacy/attested-ts:v1");
        Descriptor subject = image("attested-ts");
        Layer layer = attestationLayer(image, subject.digest(), PREDICATE);
        byte[] signature = Base64.getDecoder().decode(JsonCodec.mapper().readTree(layer.blob()).at("/signatures/0/sig").asText());
        layer = layer.with(CosignLegacy.TIMESTAMP_ANNOTATION, LegacyLayout.timestampAnnotation(LegacyLayout.timestamp(stack.urls().tsa(), signature)));
        LegacyLayout.push(client, image, CosignLegacy.attestationTag(subject.digest()), List.of(layer));
        assertThat(verify(image, identity(IDENTITY).withPredicateType(PREDICATE)).failedCheck()).isEqualTo(Check.TIMESTAMP);
    }

    @Test
    void aLegacyAttestationLayerOfAnotherMediaTypeIsRefused() throws Exception {
        ImageReference image = ref("legacy/attested-type:v1");
        Descriptor subject = image("attested-type");
        Layer layer = attestationLayer(image, subject.digest(), PREDICATE);
        LegacyLayout.push(client, image, CosignLegacy.attestationTag(subject.digest()),
                List.of(new Layer("application/json", layer.blob(), layer.annotations())));
        assertThat(verify(image, identity(IDENTITY).withPredicateType(PREDICATE)).failedCheck()).isEqualTo(Check.BUNDLE_FORMAT);
    }
}
