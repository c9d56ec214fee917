package dev.provenant.attest.bundle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a verifier needs besides the signature: exactly one of a public key hint, a certificate chain
 * or a single certificate, plus transparency log entries and RFC 3161 timestamps.
 */
@JsonPropertyOrder({"publicKey", "x509CertificateChain", "certificate", "tlogEntries", "timestampVerificationData"})
public record VerificationMaterial(
        PublicKeyIdentifier publicKey,
        CertificateChain x509CertificateChain,
        RawCertificate certificate,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TransparencyLogEntry> tlogEntries,
        TimestampVerificationData timestampVerificationData) {

    public VerificationMaterial {
        int content = (publicKey != null ? 1 : 0) + (x509CertificateChain != null ? 1 : 0) + (certificate != null ? 1 : 0);
        if (content != 1) {
            throw new IllegalArgumentException(content == 0
                    ? "verificationMaterial has no publicKey, x509CertificateChain or certificate"
                    : "verificationMaterial has more than one of publicKey, x509CertificateChain and certificate");
        }
        tlogEntries = tlogEntries == null ? List.of() : List.copyOf(tlogEntries);
        if (tlogEntries.size() > Bundle.MAX_TLOG_ENTRIES) {
            throw new IllegalArgumentException("verificationMaterial has " + tlogEntries.size()
                    + " tlogEntries; at most " + Bundle.MAX_TLOG_ENTRIES + " are read");
        }
        refuseRepeatedEntries(tlogEntries);
    }

    /**
     * One entry of one log appears once: a repeated entry adds no evidence and would cost another full
     * verification. Entries are the same when they name the same log and log index (as sigstore-js
     * compares them), whatever else they say.
     */
    private static void refuseRepeatedEntries(List<TransparencyLogEntry> entries) {
        Set<String> seen = new HashSet<>();
        for (TransparencyLogEntry entry : entries) {
            String key = Base64.getEncoder().encodeToString(entry.logId().keyIdBytes()) + "/" + entry.logIndex();
            if (!seen.add(key)) {
                throw new IllegalArgumentException("duplicate tlog entry: log index " + entry.logIndex() + " of log "
                        + entry.logId().keyId() + " appears more than once");
            }
        }
    }

    public static VerificationMaterial ofPublicKey(String hint) {
        return new VerificationMaterial(new PublicKeyIdentifier(hint), null, null, List.of(), null);
    }

    /** The RFC 3161 timestamps, empty when there are none. */
    @JsonIgnore
    public List<Rfc3161Timestamp> rfc3161Timestamps() {
        return timestampVerificationData == null ? List.of() : timestampVerificationData.rfc3161Timestamps();
    }

    /** The signing certificate and its chain, leaf first; empty for key-based bundles. */
    @JsonIgnore
    public List<RawCertificate> certificates() {
        if (certificate != null) {
            return List.of(certificate);
        }
        return x509CertificateChain == null ? List.of() : x509CertificateChain.certificates();
    }
}
