package dev.provenant.oci;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.Digest;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.pkix.DerCertificate;
import dev.provenant.verifier.timestamp.Rfc3161TimestampVerifier;
import dev.provenant.verifier.timestamp.VerifiedTimestamp;
import dev.provenant.verifier.trust.TrustedRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Verifies the signatures and attestations of an image in a registry: every Sigstore bundle among its
 * referrers (referrers API or fallback tag), for image signatures cosign's legacy
 * {@code sha256-HEX.sig} tag, and cosign's legacy {@code sha256-HEX.att} tag ({@link CosignLegacy}
 * converts both into bundles). Each is verified on its own against the image's manifest digest and the
 * policy; the image passes when one of them does. Nothing a referrer says is believed without a check:
 * its manifest and blobs are fetched by digest and hashed, and its subject must be the image.
 */
public final class ImageVerifier {
    /** The most referrers and legacy signatures examined for one image. */
    public static final int MAX_CANDIDATES = 64;
    /** The largest legacy simple-signing payload read. */
    public static final int MAX_SIMPLE_SIGNING_BYTES = CosignLegacy.MAX_SIMPLE_SIGNING_BYTES;
    public static final String SIMPLE_SIGNING_MEDIA_TYPE = CosignLegacy.SIMPLE_SIGNING_MEDIA_TYPE;
    public static final String SIGNATURE_ANNOTATION = CosignLegacy.SIGNATURE_ANNOTATION;
    public static final String CERTIFICATE_ANNOTATION = CosignLegacy.CERTIFICATE_ANNOTATION;
    public static final String SIMPLE_SIGNING_TYPE = CosignLegacy.SIMPLE_SIGNING_TYPE;

    /** An image pinned to a digest, with its manifest. */
    public record Resolved(ImageReference pinned, Manifest manifest, boolean fromTag) {}

    private final RegistryClient client;
    private final BundleVerifier verifier;
    private final Supplier<TrustedRoot> trustedRoot;
    private final Rfc3161TimestampVerifier timestamps = new Rfc3161TimestampVerifier();

    /** A verifier without a trusted root of its own: a legacy attestation's timestamp then fails ({@link Check#TRUST_ROOT}). */
    public ImageVerifier(RegistryClient client, BundleVerifier verifier) {
        this(client, verifier, () -> null);
    }

    /**
     * @param trustedRoot the root {@code verifier} uses, for what is checked outside a bundle: the RFC 3161
     *     timestamp cosign's legacy layout puts over an attestation's envelope
     */
    public ImageVerifier(RegistryClient client, BundleVerifier verifier, Supplier<TrustedRoot> trustedRoot) {
        this.client = client;
        this.verifier = verifier;
        this.trustedRoot = trustedRoot;
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
            Optional<Manifest> legacy = client.manifestIfPresent(repo, CosignLegacy.signatureTag(digest));
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
        // legacy attestations are read whatever is asked for: one of another predicate type is listed, failing that check
        Optional<Manifest> attestations = client.manifestIfPresent(repo, CosignLegacy.attestationTag(digest));
        if (attestations.isPresent()) {
            for (Descriptor layer : attestations.get().layers()) {
                if (outcomes.size() >= MAX_CANDIDATES) {
                    skipped++;
                    continue;
                }
                outcomes.add(verifyLegacyAttestation(repo, digest, attestations.get(), layer, statementPolicy));
            }
        }
        return new ImageVerification(image, digest, resolved.fromTag(), listing.source(), outcomes, skipped);
    }

    private ImageVerification.Outcome verifyReferrer(ImageReference repo, Digest image, Descriptor referrer, Referrers.Source source,
            VerificationPolicy policy) throws RegistryException, IOException {
        String where = source.label();
        Fetched fetched = fetch(repo, image, referrer);
        if (fetched.json() == null) {
            return failed(ImageVerification.Layout.SIGSTORE_BUNDLE, where, referrer.digest(), fetched.predicateType(), fetched.check(),
                    fetched.reason());
        }
        try {
            Bundle bundle = Bundle.parse(fetched.json());
            VerificationResult result = verifier.verify(bundle, List.of(new Artifact.DigestArtifact(image)), policy);
            return new ImageVerification.Outcome(ImageVerification.Layout.SIGSTORE_BUNDLE, where, referrer.digest(),
                    fetched.predicateType(), Optional.of(result), null, null);
        } catch (VerificationException e) {
            return failed(ImageVerification.Layout.SIGSTORE_BUNDLE, where, referrer.digest(), fetched.predicateType(), e.check(),
                    e.getMessage());
        } catch (FormatException | dev.provenant.attest.io.InputTooLargeException e) {
            return failed(ImageVerification.Layout.SIGSTORE_BUNDLE, where, referrer.digest(), fetched.predicateType(),
                    Check.BUNDLE_FORMAT, e.getMessage());
        }
    }

    /**
     * A referrer's bundle bytes, fetched by digest, or why they could not be: a manifest or layer over its
     * cap, a subject that is not the image, no bundle layer. Nothing in the bytes is checked here.
     */
    private record Fetched(byte[] json, String predicateType, Check check, String reason) {}

    private Fetched fetch(ImageReference repo, Digest image, Descriptor referrer) throws RegistryException, IOException {
        String annotated = referrer.annotations().get(SigstoreLayout.PREDICATE_TYPE_ANNOTATION);
        Digest at = referrer.digest();
        try {
            if (referrer.size() > client.options().maxManifestBytes()) {
                return new Fetched(null, annotated, Check.BUNDLE_FORMAT, "the referrer manifest is said to be " + referrer.size()
                        + " bytes, more than the " + client.options().maxManifestBytes() + " read");
            }
            Manifest manifest = client.manifest(repo, at.toString());
            if (annotated == null) {
                annotated = manifest.annotations().get(SigstoreLayout.PREDICATE_TYPE_ANNOTATION);
            }
            Optional<Descriptor> subject = manifest.subject();
            if (subject.isEmpty() || !subject.get().digest().equals(image)) {
                return new Fetched(null, annotated, Check.ARTIFACT_DIGEST, "the referrer's subject is "
                        + subject.map(s -> s.digest().toString()).orElse("missing") + ", not " + image);
            }
            Descriptor layer = null;
            for (Descriptor l : manifest.layers()) {
                if (SigstoreLayout.isBundle(l.mediaType())) {
                    layer = l;
                    break;
                }
            }
            if (layer == null) {
                return new Fetched(null, annotated, Check.BUNDLE_FORMAT, "the referrer has no Sigstore bundle layer");
            }
            if (layer.size() > SigstoreLayout.MAX_BUNDLE_BYTES) {
                return new Fetched(null, annotated, Check.BUNDLE_FORMAT, "the bundle layer is " + layer.size()
                        + " bytes, more than the " + SigstoreLayout.MAX_BUNDLE_BYTES + " read");
            }
            return new Fetched(client.blob(repo, layer.digest(), (int) layer.size()), annotated, null, null);
        } catch (VerificationException e) {
            return new Fetched(null, annotated, e.check(), e.getMessage());
        } catch (FormatException | dev.provenant.attest.io.InputTooLargeException e) {
            return new Fetched(null, annotated, Check.BUNDLE_FORMAT, e.getMessage());
        }
    }

    /** A Sigstore bundle attached to an image as a referrer: where it was found, and its bytes, not yet verified. */
    public record ReferrerBundle(ImageReference image, Digest referrer, String predicateType, byte[] json) {
        /** Where the bundle came from, as evidence names it: {@code REPOSITORY@IMAGE_DIGEST referrer DIGEST}. */
        public String uri() {
            return "oci://" + image + " referrer " + referrer;
        }
    }

    /**
     * The Sigstore bundles among an image's referrers (referrers API or fallback tag), fetched by digest and
     * bounded as {@link #verify} bounds them, for a caller that verifies them itself (a promotion gate).
     * Referrers that are not bundles about this image are left out; so are those past {@link #MAX_CANDIDATES}.
     *
     * @param pinned the image, pinned by digest ({@link #resolve})
     */
    public List<ReferrerBundle> referrerBundles(Resolved pinned)
            throws RegistryException, VerificationException, IOException, FormatException {
        Digest digest = pinned.manifest().digest();
        List<ReferrerBundle> out = new ArrayList<>();
        for (Descriptor referrer : new Referrers(client).list(pinned.pinned(), digest).referrers()) {
            if (referrer.artifactType() != null && !SigstoreLayout.isBundle(referrer.artifactType())) {
                continue;
            }
            if (out.size() >= MAX_CANDIDATES) {
                break;
            }
            Fetched fetched = fetch(pinned.pinned(), digest, referrer);
            if (fetched.json() != null) {
                out.add(new ReferrerBundle(pinned.pinned(), referrer.digest(), fetched.predicateType(), fetched.json()));
            }
        }
        return List.copyOf(out);
    }

    private ImageVerification.Outcome verifySimpleSigning(ImageReference repo, Digest image, Manifest sigManifest, Descriptor layer,
            VerificationPolicy policy) throws RegistryException, IOException {
        String where = CosignLegacy.signatureTag(image);
        ImageVerification.Layout layout = ImageVerification.Layout.COSIGN_SIG_TAG;
        Digest at = sigManifest.digest();
        String type = SigstoreLayout.SIGN_PREDICATE_TYPE;
        try {
            if (!layer.mediaType().equals(CosignLegacy.SIMPLE_SIGNING_MEDIA_TYPE)) {
                return failed(layout, where, at, type, Check.BUNDLE_FORMAT, "layer " + layer.digest() + " is " + layer.mediaType()
                        + ", not a simple-signing payload");
            }
            String signature = layer.annotations().get(CosignLegacy.SIGNATURE_ANNOTATION);
            if (signature == null || signature.isEmpty()) {
                return failed(layout, where, at, type, Check.SIGNATURE, "layer " + layer.digest() + " has no "
                        + CosignLegacy.SIGNATURE_ANNOTATION);
            }
            if (layer.size() > CosignLegacy.MAX_SIMPLE_SIGNING_BYTES) {
                return failed(layout, where, at, type, Check.BUNDLE_FORMAT, "the simple-signing payload is " + layer.size()
                        + " bytes, more than the " + CosignLegacy.MAX_SIMPLE_SIGNING_BYTES + " read");
            }
            byte[] payload = client.blob(repo, layer.digest(), (int) layer.size());
            Bundle bundle = CosignLegacy.signatureBundle(layer.annotations(), payload);
            VerificationResult result = verifier.verify(bundle, List.of(new Artifact.DigestArtifact(Manifest.sha256(payload))), policy);
            // the claims are read from the very bytes whose signature verified
            CosignLegacy.checkClaims(payload, image, repo);
            return new ImageVerification.Outcome(layout, where, at, type, Optional.of(result), null, null);
        } catch (VerificationException e) {
            return failed(layout, where, at, type, e.check(), e.getMessage());
        } catch (FormatException | dev.provenant.attest.io.InputTooLargeException e) {
            return failed(layout, where, at, type, Check.BUNDLE_FORMAT, e.getMessage());
        }
    }

    private ImageVerification.Outcome verifyLegacyAttestation(ImageReference repo, Digest image, Manifest attManifest, Descriptor layer,
            VerificationPolicy policy) throws RegistryException, IOException {
        String where = CosignLegacy.attestationTag(image);
        ImageVerification.Layout layout = ImageVerification.Layout.COSIGN_ATT_TAG;
        Digest at = attManifest.digest();
        String annotated = layer.annotations().get(CosignLegacy.PREDICATE_TYPE_ANNOTATION);
        String type = annotated != null && annotated.length() <= CosignLegacy.MAX_ANNOTATION_CHARS ? annotated : null;
        try {
            if (type == null && annotated != null) {
                return failed(layout, where, at, null, Check.BUNDLE_FORMAT, "the " + CosignLegacy.PREDICATE_TYPE_ANNOTATION
                        + " annotation is longer than " + CosignLegacy.MAX_ANNOTATION_CHARS + " characters");
            }
            if (!layer.mediaType().equals(CosignLegacy.DSSE_MEDIA_TYPE)) {
                return failed(layout, where, at, type, Check.BUNDLE_FORMAT, "layer " + layer.digest() + " is " + layer.mediaType()
                        + ", not a DSSE envelope");
            }
            if (layer.size() > CosignLegacy.MAX_ENVELOPE_BYTES) {
                return failed(layout, where, at, type, Check.BUNDLE_FORMAT, "the attestation envelope is " + layer.size()
                        + " bytes, more than the " + CosignLegacy.MAX_ENVELOPE_BYTES + " read");
            }
            Optional<byte[]> timestamp = CosignLegacy.timestamp(layer.annotations());
            byte[] envelope = client.blob(repo, layer.digest(), (int) layer.size());
            Bundle bundle = CosignLegacy.attestationBundle(layer.annotations(), envelope);
            VerificationResult result = verifier.verify(bundle, List.of(new Artifact.DigestArtifact(image)), policy);
            if (timestamp.isPresent()) {
                // cosign's timestamp of an attestation is over the envelope as stored, not over its signature
                TrustedRoot root = trustedRoot.get();
                if (root == null) {
                    throw new VerificationException(Check.TRUST_ROOT, "no trusted root is available to verify the attestation's timestamp");
                }
                VerifiedTimestamp t = timestamps.verify(timestamp.get(), envelope, root);
                if (!bundle.verificationMaterial().certificates().isEmpty()) {
                    requireValidAt(bundle.verificationMaterial().certificates().get(0).der(), t.time());
                }
            }
            return new ImageVerification.Outcome(layout, where, at, type, Optional.of(result), null, null);
        } catch (VerificationException e) {
            return failed(layout, where, at, type, e.check(), e.getMessage());
        } catch (FormatException | dev.provenant.attest.io.InputTooLargeException e) {
            return failed(layout, where, at, type, Check.BUNDLE_FORMAT, e.getMessage());
        }
    }

    /** The signing certificate, already verified at the log's time, must also hold at the timestamp's. */
    private static void requireValidAt(byte[] leafDer, java.time.Instant time) throws VerificationException {
        try {
            DerCertificate.parse(leafDer).checkValidity(java.util.Date.from(time));
        } catch (java.security.cert.CertificateException e) {
            throw new VerificationException(Check.CERTIFICATE_VALIDITY, "the attestation's timestamp " + time
                    + " is outside its signing certificate's validity");
        }
    }

    private static ImageVerification.Outcome failed(ImageVerification.Layout layout, String where, Digest at, String type, Check check,
            String reason) {
        return new ImageVerification.Outcome(layout, where, at, type, Optional.empty(), check, reason);
    }
}
