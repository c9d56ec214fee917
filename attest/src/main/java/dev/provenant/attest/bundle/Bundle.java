package dev.provenant.attest.bundle;

import dev.provenant.attest.io.InputLimit;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.json.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A Sigstore bundle (v0.1 to v0.3): the signature over an artifact ({@code messageSignature}) or a
 * DSSE envelope, with the material to verify it. The constructor enforces the structural rules of
 * each version; it says nothing about whether the signature is good.
 */
@JsonPropertyOrder({"mediaType", "verificationMaterial", "messageSignature", "dsseEnvelope"})
public record Bundle(
        String mediaType,
        VerificationMaterial verificationMaterial,
        MessageSignature messageSignature,
        Envelope dsseEnvelope) {
    /**
     * Transparency log entries in one bundle. Sigstore clients write one; each costs a full
     * verification, so a bundle with more is refused before any is read.
     */
    public static final int MAX_TLOG_ENTRIES = 16;
    /** RFC 3161 timestamps in one bundle; clients write one or two. */
    public static final int MAX_TIMESTAMPS = 16;
    /** Certificates in an {@code x509CertificateChain}: a leaf, intermediates and a root. */
    public static final int MAX_CHAIN_CERTIFICATES = 10;
    /**
     * The largest DSSE payload a signer puts in a bundle: in base64 it takes 4/3 of its size, and the
     * bundle must stay within {@link InputLimit#BUNDLE} with 64 KiB to spare for certificates, log
     * entries and timestamps, or no verifier would read it.
     */
    public static final int MAX_DSSE_PAYLOAD_BYTES = (InputLimit.BUNDLE.maxBytes() - (64 << 10)) / 4 * 3;

    /** Refuses a payload above {@link #MAX_DSSE_PAYLOAD_BYTES}, before anything signs it. */
    public static void requireSignablePayload(int payloadBytes) {
        if (payloadBytes > MAX_DSSE_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a statement of " + payloadBytes + " bytes would make a bundle larger than the "
                    + InputLimit.BUNDLE.describeCap() + " a verifier reads; at most " + MAX_DSSE_PAYLOAD_BYTES + " bytes are signed");
        }
    }

    public Bundle {
        BundleVersion version = BundleVersion.fromMediaType(mediaType).orElseThrow(() -> new IllegalArgumentException(
                mediaType == null ? "mediaType is missing" : "unsupported bundle mediaType '" + mediaType + "'"));
        if (verificationMaterial == null) {
            throw new IllegalArgumentException("verificationMaterial is missing");
        }
        if ((messageSignature == null) == (dsseEnvelope == null)) {
            throw new IllegalArgumentException("a bundle holds exactly one of messageSignature and dsseEnvelope");
        }
        if (messageSignature != null && messageSignature.messageDigest() == null) {
            // Every Sigstore signer records it, and sigstore-js refuses a bundle without it: so does Provenant,
            // rather than accept what another verifier calls an invalid bundle.
            throw new IllegalArgumentException("messageSignature has no messageDigest");
        }
        checkVersionRules(version, verificationMaterial);
    }

    private static void checkVersionRules(BundleVersion version, VerificationMaterial material) {
        if (version == BundleVersion.V0_1 || version == BundleVersion.V0_2) {
            if (material.certificate() != null) {
                throw new IllegalArgumentException("bundle " + version.mediaType() + " carries x509CertificateChain, not certificate");
            }
        }
        if (version == BundleVersion.V0_3 && material.x509CertificateChain() != null) {
            // v0.3 carries the leaf alone, in certificate (the bundle spec); sigstore-js and sigstore-go refuse a chain
            throw new IllegalArgumentException("bundle " + version.mediaType() + " carries certificate, not x509CertificateChain");
        }
        for (TransparencyLogEntry entry : material.tlogEntries()) {
            if (version == BundleVersion.V0_1 && entry.inclusionPromise() == null) {
                throw new IllegalArgumentException("a v0.1 bundle's tlog entry needs an inclusionPromise");
            }
            if (version != BundleVersion.V0_1) {
                if (entry.inclusionProof() == null) {
                    throw new IllegalArgumentException("tlog entry " + entry.logIndex() + " has no inclusionProof");
                }
                if (entry.inclusionProof().checkpoint() == null) {
                    throw new IllegalArgumentException("tlog entry " + entry.logIndex() + " inclusionProof has no checkpoint");
                }
            }
        }
    }

    @JsonIgnore
    public BundleVersion version() {
        return BundleVersion.fromMediaType(mediaType).orElseThrow();
    }

    public static Bundle ofMessageSignature(VerificationMaterial material, MessageSignature signature) {
        return new Bundle(BundleVersion.V0_3.mediaType(), material, signature, null);
    }

    public static Bundle ofEnvelope(VerificationMaterial material, Envelope envelope) {
        return new Bundle(BundleVersion.V0_3.mediaType(), material, null, envelope);
    }

    public Bundle withTlogEntries(List<TransparencyLogEntry> entries) {
        VerificationMaterial m = verificationMaterial;
        return new Bundle(mediaType, new VerificationMaterial(m.publicKey(), m.x509CertificateChain(), m.certificate(),
                entries, m.timestampVerificationData()), messageSignature, dsseEnvelope);
    }

    public static Bundle parse(byte[] json) throws FormatException {
        return BundleJson.bundle(JsonValue.parse(json, "bundle"));
    }

    /** Reads a bundle file, refusing files too large to be a bundle before reading them. */
    public static Bundle read(Path file) throws IOException, FormatException {
        return parse(JsonValue.readDocument(file, InputLimit.BUNDLE));
    }

    public byte[] toJson() {
        return JsonCodec.write(this);
    }
}
