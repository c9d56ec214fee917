package dev.provenant.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.BundleVersion;
import dev.provenant.attest.bundle.CertificateChain;
import dev.provenant.attest.bundle.HashOutput;
import dev.provenant.attest.bundle.InclusionPromise;
import dev.provenant.attest.bundle.KindVersion;
import dev.provenant.attest.bundle.LogId;
import dev.provenant.attest.bundle.MessageSignature;
import dev.provenant.attest.bundle.PublicKeyIdentifier;
import dev.provenant.attest.bundle.RawCertificate;
import dev.provenant.attest.bundle.Rfc3161Timestamp;
import dev.provenant.attest.bundle.TimestampVerificationData;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.pkix.DerCertificate;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cosign's legacy layout of signatures and attestations (cosign 1 and 2, still in most registries), read
 * into the inputs Provenant's bundle verifier already checks, so that no check is written twice.
 *
 * <p>The tag {@code sha256-HEX.sig} holds one layer per signature: a simple-signing payload (the blob)
 * with its base64 signature, and for keyless signatures the Fulcio certificate and chain (PEM), cosign's
 * Rekor bundle (the signed entry timestamp and the entry it covers) and an RFC 3161 timestamp over the
 * raw signature, all in layer annotations. Each becomes a v0.1 Sigstore bundle whose message signature
 * is over the payload's digest: the signature, certificate chain to the trusted root's Fulcio CAs, SCT,
 * identity, the SET with the trusted root's Rekor key, the entry body (a hashedrekord of this very
 * signature, certificate and payload digest) and the timestamp are then verified as for any bundle.
 *
 * <p>The tag {@code sha256-HEX.att} holds one DSSE envelope per layer, with the same annotations (no
 * signature annotation: the signature is in the envelope). Each becomes a v0.1 bundle of that envelope.
 * cosign timestamps an attestation's envelope bytes rather than its signature, so that timestamp is
 * handed back on its own ({@link #timestamp}) for the caller to verify over the layer.
 */
public final class CosignLegacy {
    public static final String SIMPLE_SIGNING_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String DSSE_MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    public static final String CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
    public static final String CHAIN_ANNOTATION = "dev.sigstore.cosign/chain";
    public static final String BUNDLE_ANNOTATION = "dev.sigstore.cosign/bundle";
    public static final String TIMESTAMP_ANNOTATION = "dev.sigstore.cosign/rfc3161timestamp";
    /** The annotation cosign's {@code attest} gives an attestation layer (a hint: the envelope's statement is what is checked). */
    public static final String PREDICATE_TYPE_ANNOTATION = "predicateType";
    public static final String SIMPLE_SIGNING_TYPE = "cosign container image signature";
    /** The largest simple-signing payload read; cosign's are under 1 KiB. */
    public static final int MAX_SIMPLE_SIGNING_BYTES = 256 << 10;
    /** The largest attestation envelope read: what a bundle layer may hold. */
    public static final int MAX_ENVELOPE_BYTES = SigstoreLayout.MAX_BUNDLE_BYTES;
    /** The longest legacy annotation read (a certificate, chain, Rekor bundle or timestamp is a few KiB). */
    public static final int MAX_ANNOTATION_CHARS = 64 << 10;

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private CosignLegacy() {}

    /** The signature tag of image {@code d}: {@code sha256-HEX.sig}. */
    public static String signatureTag(Digest d) {
        return Referrers.fallbackTag(d) + ".sig";
    }

    /** The attestation tag of image {@code d}: {@code sha256-HEX.att}. */
    public static String attestationTag(Digest d) {
        return Referrers.fallbackTag(d) + ".att";
    }

    /**
     * A simple-signing layer as a bundle: the message signature over {@code payload}'s SHA-256, with the
     * layer's certificate, chain, Rekor entry and timestamp.
     *
     * @throws FormatException when an annotation is missing, too long or malformed
     */
    public static Bundle signatureBundle(Map<String, String> annotations, byte[] payload) throws FormatException {
        String signature = annotation(annotations, SIGNATURE_ANNOTATION);
        if (signature == null || signature.isEmpty()) {
            throw new FormatException("the layer has no " + SIGNATURE_ANNOTATION + " annotation");
        }
        List<Rfc3161Timestamp> timestamps = timestamp(annotations).map(der -> List.of(new Rfc3161Timestamp(Base64Text.encode(der))))
                .orElse(List.of());
        try {
            return new Bundle(BundleVersion.V0_1.mediaType(), material(annotations, timestamps),
                    new MessageSignature(HashOutput.of(Manifest.sha256(payload)), signature), null);
        } catch (IllegalArgumentException e) {
            throw new FormatException(SIGNATURE_ANNOTATION + ": " + e.getMessage());
        }
    }

    /**
     * A DSSE layer as a bundle of its envelope, with the layer's certificate, chain and Rekor entry. The
     * layer's timestamp is not part of it (cosign's is over the envelope bytes, see {@link #timestamp}).
     */
    public static Bundle attestationBundle(Map<String, String> annotations, byte[] envelope) throws FormatException {
        Envelope parsed = Envelope.parse(envelope);
        try {
            return new Bundle(BundleVersion.V0_1.mediaType(), material(annotations, List.of()), null, parsed);
        } catch (IllegalArgumentException e) {
            throw new FormatException("the attestation layer: " + e.getMessage());
        }
    }

    /** The DER TimeStampResp of the layer's {@code dev.sigstore.cosign/rfc3161timestamp} annotation, if it has one. */
    public static Optional<byte[]> timestamp(Map<String, String> annotations) throws FormatException {
        String json = annotation(annotations, TIMESTAMP_ANNOTATION);
        if (json == null || json.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = JsonCodec.readTreeUniqueNames(json.getBytes(StandardCharsets.UTF_8), "the " + TIMESTAMP_ANNOTATION + " annotation");
        JsonNode token = root.path("SignedRFC3161Timestamp");
        if (!root.isObject() || !token.isTextual() || token.asText().isEmpty()) {
            throw new FormatException("the " + TIMESTAMP_ANNOTATION + " annotation has no SignedRFC3161Timestamp");
        }
        try {
            return Optional.of(Base64Text.decode(TIMESTAMP_ANNOTATION + " SignedRFC3161Timestamp", token.asText()));
        } catch (IllegalArgumentException e) {
            throw new FormatException(e.getMessage());
        }
    }

    /**
     * The claims of a simple-signing payload whose signature has been verified: it is a cosign image
     * signature, of image {@code image}, in repository {@code repository}.
     */
    public static void checkClaims(byte[] payload, Digest image, ImageReference repository) throws VerificationException, FormatException {
        JsonNode claims = JsonCodec.readTreeUniqueNames(payload, "simple-signing payload");
        JsonNode critical = claims.path("critical");
        String type = critical.path("type").asText("");
        if (!type.equals(SIMPLE_SIGNING_TYPE)) {
            throw new VerificationException(Check.STATEMENT, "the payload's critical.type is '" + type + "', not '" + SIMPLE_SIGNING_TYPE + "'");
        }
        String digest = critical.path("image").path("docker-manifest-digest").asText("");
        if (!digest.equals(image.toString())) {
            throw new VerificationException(Check.SUBJECT_DIGEST, "the signed payload names image " + digest + ", not " + image);
        }
        String reference = critical.path("identity").path("docker-reference").asText("");
        if (!sameRepository(reference, repository)) {
            throw new VerificationException(Check.STATEMENT, "the signed payload's critical.identity.docker-reference is '" + reference
                    + "', not this image's repository " + repository.repositoryName());
        }
    }

    /** Whether cosign's {@code docker-reference} names {@code repository} (Docker Hub as cosign spells it, too). */
    static boolean sameRepository(String reference, ImageReference repository) {
        if (reference.equals(repository.repositoryName())) {
            return true;
        }
        return repository.registry().equals(ImageReference.DOCKER_HUB)
                && reference.equals("index.docker.io/" + repository.repository());
    }

    private static VerificationMaterial material(Map<String, String> annotations, List<Rfc3161Timestamp> timestamps)
            throws FormatException {
        List<RawCertificate> certificates = new ArrayList<>();
        String leaf = annotation(annotations, CERTIFICATE_ANNOTATION);
        if (leaf != null && !leaf.isBlank()) {
            List<byte[]> leafDer = certificates(leaf, CERTIFICATE_ANNOTATION);
            if (leafDer.size() != 1) {
                throw new FormatException("the " + CERTIFICATE_ANNOTATION + " annotation holds " + leafDer.size()
                        + " certificates, not the one signing certificate");
            }
            certificates.add(new RawCertificate(Base64Text.encode(leafDer.get(0))));
            String chain = annotation(annotations, CHAIN_ANNOTATION);
            if (chain != null && !chain.isBlank()) {
                // read and parsed so a malformed chain fails; the verifier trusts only the trusted root's CAs
                for (byte[] der : certificates(chain, CHAIN_ANNOTATION)) {
                    certificates.add(new RawCertificate(Base64Text.encode(der)));
                }
            }
        }
        List<TransparencyLogEntry> entries = new ArrayList<>();
        String rekor = annotation(annotations, BUNDLE_ANNOTATION);
        if (rekor != null && !rekor.isEmpty()) {
            entries.add(rekorEntry(rekor));
        }
        try {
            return new VerificationMaterial(certificates.isEmpty() ? new PublicKeyIdentifier("") : null,
                    certificates.isEmpty() ? null : new CertificateChain(certificates), null, entries,
                    timestamps.isEmpty() ? null : new TimestampVerificationData(timestamps));
        } catch (IllegalArgumentException e) {
            throw new FormatException(e.getMessage());
        }
    }

    /**
     * cosign's Rekor bundle, {@code {"SignedEntryTimestamp": base64, "Payload": {"body": base64,
     * "integratedTime", "logIndex", "logID": hex}}}, as the transparency log entry it vouches for. The
     * kind of the entry is read from its body; the SET and the body are verified by the caller's verifier.
     */
    static TransparencyLogEntry rekorEntry(String json) throws FormatException {
        String where = "the " + BUNDLE_ANNOTATION + " annotation";
        JsonNode root = JsonCodec.readTreeUniqueNames(json.getBytes(StandardCharsets.UTF_8), where);
        JsonNode set = root.path("SignedEntryTimestamp");
        JsonNode payload = root.path("Payload");
        if (!root.isObject() || !set.isTextual() || !payload.isObject()) {
            throw new FormatException(where + " lacks SignedEntryTimestamp or Payload");
        }
        JsonNode body = payload.path("body");
        JsonNode integratedTime = payload.path("integratedTime");
        JsonNode logIndex = payload.path("logIndex");
        JsonNode logId = payload.path("logID");
        if (!body.isTextual() || !integratedTime.isIntegralNumber() || !integratedTime.canConvertToLong()
                || !logIndex.isIntegralNumber() || !logIndex.canConvertToLong() || !logId.isTextual()) {
            throw new FormatException(where + ": Payload needs a base64 body, integer integratedTime and logIndex, and a hex logID");
        }
        byte[] id;
        try {
            id = HexFormat.of().parseHex(logId.asText());
        } catch (IllegalArgumentException e) {
            throw new FormatException(where + ": Payload.logID is not hex");
        }
        if (id.length != 32 || !logId.asText().equals(HexFormat.of().formatHex(id))) {
            throw new FormatException(where + ": Payload.logID is not the lower-case hex of a 32-byte log id");
        }
        try {
            byte[] entry = Base64Text.decode(where + " Payload.body", body.asText());
            JsonNode proposed = JsonCodec.readTreeUniqueNames(entry, "the Rekor entry body of " + where);
            JsonNode kind = proposed.path("kind");
            JsonNode version = proposed.path("apiVersion");
            if (!kind.isTextual() || !version.isTextual()) {
                throw new FormatException("the Rekor entry body of " + where + " names no kind and apiVersion");
            }
            return new TransparencyLogEntry(logIndex.asLong(), new LogId(Base64.getEncoder().encodeToString(id)),
                    new KindVersion(kind.asText(), version.asText()), integratedTime.asLong(),
                    new InclusionPromise(set.asText()), null, Base64Text.encode(entry));
        } catch (IllegalArgumentException e) {
            throw new FormatException(where + ": " + e.getMessage());
        }
    }

    /** The DER of each certificate of a PEM text; anything but certificate blocks and white space is refused. */
    static List<byte[]> certificates(String pem, String annotation) throws FormatException {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = pem.indexOf(BEGIN, at);
            if (begin < 0) {
                if (!pem.substring(at).isBlank()) {
                    throw new FormatException("the " + annotation + " annotation holds text outside its PEM certificates");
                }
                break;
            }
            if (!pem.substring(at, begin).isBlank()) {
                throw new FormatException("the " + annotation + " annotation holds text outside its PEM certificates");
            }
            // searched after the BEGIN line: its closing dashes may start an END line ("-----BEGIN CERTIFICATE-----END ...")
            int end = pem.indexOf(END, begin + BEGIN.length());
            if (end < 0) {
                throw new FormatException("the " + annotation + " annotation has a PEM certificate without its END line");
            }
            if (out.size() == Bundle.MAX_CHAIN_CERTIFICATES) {
                throw new FormatException("the " + annotation + " annotation holds more than " + Bundle.MAX_CHAIN_CERTIFICATES + " certificates");
            }
            String body = pem.substring(begin + BEGIN.length(), end).replaceAll("[ \t\r\n]", "");
            byte[] der;
            try {
                der = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new FormatException("the " + annotation + " annotation's PEM certificate is not valid base64");
            }
            try {
                DerCertificate.parse(der);
            } catch (CertificateException e) {
                throw new FormatException("the " + annotation + " annotation's PEM block is not an X.509 certificate");
            }
            out.add(der);
            at = end + END.length();
        }
        if (out.isEmpty()) {
            throw new FormatException("the " + annotation + " annotation is not a PEM certificate");
        }
        return out;
    }

    /** An annotation's value, refused above {@link #MAX_ANNOTATION_CHARS}. */
    static String annotation(Map<String, String> annotations, String key) throws FormatException {
        String value = annotations.get(key);
        if (value != null && value.length() > MAX_ANNOTATION_CHARS) {
            throw new FormatException("the " + key + " annotation is " + value.length() + " characters, more than the "
                    + MAX_ANNOTATION_CHARS + " read");
        }
        return value;
    }
}
