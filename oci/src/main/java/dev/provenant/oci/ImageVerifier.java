package dev.provenant.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.BundleVersion;
import dev.provenant.attest.bundle.HashOutput;
import dev.provenant.attest.bundle.MessageSignature;
import dev.provenant.attest.bundle.RawCertificate;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the signatures and attestations of an image in a registry: every Sigstore bundle among its
 * referrers (referrers API or fallback tag) and, for image signatures, cosign's legacy
 * {@code sha256-HEX.sig} tag. Each is verified on its own against the image's manifest digest and the
 * policy; the image passes when one of them does. Nothing a referrer says is believed without a check:
 * its manifest and blobs are fetched by digest and hashed, and its subject must be the image.
 */
public final class ImageVerifier {
    /** The most referrers and legacy signatures examined for one image. */
    public static final int MAX_CANDIDATES = 64;
    /** The largest legacy simple-signing payload read. */
    public static final int MAX_SIMPLE_SIGNING_BYTES = 256 << 10;
    public static final String SIMPLE_SIGNING_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    public static final String CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
    public static final String SIMPLE_SIGNING_TYPE = "cosign container image signature";

    /** An image pinned to a digest, with its manifest. */
    public record Resolved(ImageReference pinned, Manifest manifest, boolean fromTag) {}

    private final RegistryClient client;
    private final BundleVerifier verifier;

    public ImageVerifier(RegistryClient client, BundleVerifier verifier) {
        this.client = client;
        this.verifier = verifier;
    }

    /**
     * The image's manifest: by digest when the reference has one (checked against it), else by tag. A
     * reference with both is refused when the tag now names another manifest: the tag moved.
     */
    public static Resolved resolve(RegistryClient client, ImageReference image)
            throws RegistryException, VerificationException, IOException, FormatException {
        if (image.digest() != null) {
            if (image.tag() != null) {
                Manifest tagged = client.manifest(image, image.tag());
                if (!tagged.digest().equals(image.digest())) {
                    throw new VerificationException(Check.ARTIFACT_DIGEST, "tag " + image.tag() + " of " + image.repositoryName()
                            + " now names " + tagged.digest() + ", not the pinned " + image.digest() + ": the tag moved");
                }
            }
            Manifest manifest = client.manifest(image, image.digest().toString());
            return new Resolved(image.withDigest(image.digest()), manifest, false);
        }
        Manifest manifest = client.manifest(image, image.tag());
        return new Resolved(image.withDigest(manifest.digest()), manifest, true);
    }

    /**
     * Verifies every bundle about {@code image} whose content the policy asks for: its predicate type
     * (default {@link SigstoreLayout#SIGN_PREDICATE_TYPE}, for which legacy signatures count too).
     */
    public ImageVerification verify(ImageReference image, VerificationPolicy policy)
            throws RegistryException, VerificationException, IOException, FormatException {
        Resolved resolved = resolve(client, image);
        Digest digest = resolved.manifest().digest();
        ImageReference repo = resolved.pinned();
        String predicateType = policy.predicateType().orElse(SigstoreLayout.SIGN_PREDICATE_TYPE);
        VerificationPolicy statementPolicy = policy.withPredicateType(predicateType).requiringStatement();
        Referrers.Listing listing = new Referrers(client).list(repo, digest);
        List<ImageVerification.Outcome> outcomes = new ArrayList<>();
        int skipped = 0;
        for (Descriptor referrer : listing.referrers()) {
            if (referrer.artifactType() != null && !SigstoreLayout.isBundle(referrer.artifactType())) {
                continue;
            }
            if (outcomes.size() >= MAX_CANDIDATES) {
                skipped++;
                continue;
            }
            outcomes.add(verifyReferrer(repo, digest, referrer, listing.source(), statementPolicy));
        }
        if (predicateType.equals(SigstoreLayout.SIGN_PREDICATE_TYPE)) {
            Optional<Manifest> legacy = client.manifestIfPresent(repo, Referrers.fallbackTag(digest) + ".sig");
            if (legacy.isPresent()) {
                for (Descriptor layer : legacy.get().layers()) {
                    if (outcomes.size() >= MAX_CANDIDATES) {
                        skipped++;
                        continue;
                    }
                    outcomes.add(verifySimpleSigning(repo, digest, legacy.get(), layer,
                            new VerificationPolicy(policy.signer(), policy.requireTlog(), Optional.empty())));
                }
            }
        }
        return new ImageVerification(image, digest, resolved.fromTag(), listing.source(), outcomes, skipped);
    }

    private ImageVerification.Outcome verifyReferrer(ImageReference repo, Digest image, Descriptor referrer, Referrers.Source source,
            VerificationPolicy policy) throws RegistryException, IOException {
        String where = source.label();
        String annotated = referrer.annotations().get(SigstoreLayout.PREDICATE_TYPE_ANNOTATION);
        Digest at = referrer.digest();
        try {
            if (referrer.size() > client.options().maxManifestBytes()) {
                return failed(ImageVerification.Layout.SIGSTORE_BUNDLE, where, at, annotated, Check.BUNDLE_FORMAT,
                        "the referrer manifest is said to be " + referrer.size() + " bytes, more than the "
                                + client.options().maxManifestBytes() + " read");
            }
            Manifest manifest = client.manifest(repo, at.toString());
            if (annotated == null) {
                annotated = manifest.annotations().get(SigstoreLayout.PREDICATE_TYPE_ANNOTATION);
            }
            Optional<Descriptor> subject = manifest.subject();
            if (subject.isEmpty() || !subject.get().digest().equals(image)) {
                return failed(ImageVerification.Layout.SIGSTORE_BUNDLE, where, at, annotated, Check.ARTIFACT_DIGEST,
                        "the referrer's subject is " + subject.map(s -> s.digest().toString()).orElse("missing") + ", not " + image);
            }
            Descriptor layer = null;
            for (Descriptor l : manifest.layers()) {
                if (SigstoreLayout.isBundle(l.mediaType())) {
                    layer = l;
                    break;
                }
            }
            if (layer == null) {
                return failed(ImageVerification.Layout.SIGSTORE_BUNDLE, where, at, annotated, Check.BUNDLE_FORMAT,
                        "the referrer has no Sigstore bundle layer");
            }
            if (layer.size() > SigstoreLayout.MAX_BUNDLE_BYTES) {
                return failed(ImageVerification.Layout.SIGSTORE_BUNDLE, where, at, annotated, Check.BUNDLE_FORMAT,
                        "the bundle layer is " + layer.size() + " bytes, more than the " + SigstoreLayout.MAX_BUNDLE_BYTES + " read");
            }
            byte[] json = client.blob(repo, layer.digest(), (int) layer.size());
            Bundle bundle = Bundle.parse(json);
            VerificationResult result = verifier.verify(bundle, List.of(new Artifact.DigestArtifact(image)), policy);
            return new ImageVerification.Outcome(ImageVerification.Layout.SIGSTORE_BUNDLE, where, at, annotated, Optional.of(result),
                    null, null);
        } catch (VerificationException e) {
            return failed(ImageVerification.Layout.SIGSTORE_BUNDLE, where, at, annotated, e.check(), e.getMessage());
        } catch (FormatException | dev.provenant.attest.io.InputTooLargeException e) {
            return failed(ImageVerification.Layout.SIGSTORE_BUNDLE, where, at, annotated, Check.BUNDLE_FORMAT, e.getMessage());
        }
    }

    private ImageVerification.Outcome verifySimpleSigning(ImageReference repo, Digest image, Manifest sigManifest, Descriptor layer,
            VerificationPolicy policy) throws RegistryException, IOException {
        String where = Referrers.fallbackTag(image) + ".sig";
        ImageVerification.Layout layout = ImageVerification.Layout.COSIGN_SIG_TAG;
        Digest at = sigManifest.digest();
        String type = SigstoreLayout.SIGN_PREDICATE_TYPE;
        try {
            if (!layer.mediaType().equals(SIMPLE_SIGNING_MEDIA_TYPE)) {
                return failed(layout, where, at, type, Check.BUNDLE_FORMAT, "layer " + layer.digest() + " is " + layer.mediaType()
                        + ", not a simple-signing payload");
            }
            String signature = layer.annotations().get(SIGNATURE_ANNOTATION);
            if (signature == null || signature.isEmpty()) {
                return failed(layout, where, at, type, Check.SIGNATURE, "layer " + layer.digest() + " has no " + SIGNATURE_ANNOTATION);
            }
            if (layer.size() > MAX_SIMPLE_SIGNING_BYTES) {
                return failed(layout, where, at, type, Check.BUNDLE_FORMAT, "the simple-signing payload is " + layer.size()
                        + " bytes, more than the " + MAX_SIMPLE_SIGNING_BYTES + " read");
            }
            byte[] payload = client.blob(repo, layer.digest(), (int) layer.size());
            VerificationMaterial material;
            String pem = layer.annotations().get(CERTIFICATE_ANNOTATION);
            if (pem != null && !pem.isBlank()) {
                material = new VerificationMaterial(null, null, new RawCertificate(Base64.getEncoder().encodeToString(firstPem(pem))),
                        List.of(), null);
            } else {
                material = VerificationMaterial.ofPublicKey("");
            }
            Bundle bundle;
            try {
                bundle = new Bundle(BundleVersion.V0_3.mediaType(), material,
                        new MessageSignature(HashOutput.of(Manifest.sha256(payload)), signature), null);
            } catch (IllegalArgumentException e) {
                return failed(layout, where, at, type, Check.BUNDLE_FORMAT, e.getMessage());
            }
            VerificationResult result = verifier.verify(bundle, List.of(new Artifact.DigestArtifact(Manifest.sha256(payload))), policy);
            JsonNode claims = JsonCodec.readTreeUniqueNames(payload, "simple-signing payload");
            String claimedType = claims.path("critical").path("type").asText("");
            if (!claimedType.equals(SIMPLE_SIGNING_TYPE)) {
                return failed(layout, where, at, type, Check.STATEMENT, "the payload's critical.type is '" + claimedType
                        + "', not '" + SIMPLE_SIGNING_TYPE + "'");
            }
            String claimed = claims.path("critical").path("image").path("docker-manifest-digest").asText("");
            if (!claimed.equals(image.toString())) {
                return failed(layout, where, at, type, Check.SUBJECT_DIGEST, "the signed payload names image " + claimed + ", not " + image);
            }
            return new ImageVerification.Outcome(layout, where, at, type, Optional.of(result), null, null);
        } catch (VerificationException e) {
            return failed(layout, where, at, type, e.check(), e.getMessage());
        } catch (FormatException | dev.provenant.attest.io.InputTooLargeException e) {
            return failed(layout, where, at, type, Check.BUNDLE_FORMAT, e.getMessage());
        }
    }

    /** The DER of the first certificate in a PEM text. */
    private static byte[] firstPem(String pem) throws FormatException {
        int begin = pem.indexOf("-----BEGIN CERTIFICATE-----");
        int end = pem.indexOf("-----END CERTIFICATE-----");
        if (begin < 0 || end < begin) {
            throw new FormatException("the " + CERTIFICATE_ANNOTATION + " annotation is not a PEM certificate");
        }
        String body = pem.substring(begin + "-----BEGIN CERTIFICATE-----".length(), end).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new FormatException("the " + CERTIFICATE_ANNOTATION + " annotation is not base64 PEM");
        }
    }

    private static ImageVerification.Outcome failed(ImageVerification.Layout layout, String where, Digest at, String type, Check check,
            String reason) {
        return new ImageVerification.Outcome(layout, where, at, type, Optional.empty(), check, reason);
    }
}
