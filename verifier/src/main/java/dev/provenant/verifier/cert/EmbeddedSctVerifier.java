package dev.provenant.verifier.cert;

import dev.provenant.x509.PrecertificateTbs;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.crypto.SignatureVerifier;
import dev.provenant.verifier.trust.TransparencyLog;
import dev.provenant.verifier.trust.TrustedRoot;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Verifies the SCTs embedded in a signing certificate against the trusted root's CT logs (RFC 6962
 * sections 3.2 and 5.2): an SCT counts when its log id names a CT log of the trusted root whose key
 * hashes to that id, the log's key was valid at the SCT's time, that time is not in the future, and the
 * log's signature covers the precertificate. At least one must count; SCTs from one log count once.
 */
final class EmbeddedSctVerifier {
    static final int SHA256 = 4;
    static final int RSA = 1;
    static final int ECDSA = 3;

    private final SignatureVerifier signatures;

    EmbeddedSctVerifier(SignatureVerifier signatures) {
        this.signatures = signatures;
    }

    /** The number of distinct trusted CT logs with a verified SCT; at least one, or an SCT failure. */
    int verify(X509Certificate leaf, X509Certificate issuer, TrustedRoot root, Instant now) throws VerificationException {
        if (root.ctlogs().isEmpty()) {
            throw fail("the trusted root has no CT logs to verify the certificate's SCT against");
        }
        byte[] extension = leaf.getExtensionValue(SignedCertificateTimestamp.EMBEDDED_LIST_OID);
        if (extension == null) {
            throw fail("the signing certificate has no embedded signed certificate timestamp");
        }
        List<SignedCertificateTimestamp> scts = SignedCertificateTimestamp.parseEmbedded(extension);
        byte[] tbs;
        try {
            tbs = PrecertificateTbs.of(leaf);
        } catch (IOException e) {
            throw fail("cannot rebuild the precertificate of the signing certificate: " + e.getMessage());
        }
        byte[] issuerKeyHash = sha256(issuer.getPublicKey().getEncoded());
        Set<String> verifiedLogs = new TreeSet<>();
        String reason = scts.isEmpty() ? "the certificate embeds no v1 SCT"
                : "no embedded SCT is from a CT log of the trusted root";
        for (SignedCertificateTimestamp sct : scts) {
            for (TransparencyLog log : root.ctlogs()) {
                if (!MessageDigest.isEqual(log.logIdBytes(), sct.logId())) {
                    continue;
                }
                String failure = check(sct, log, issuerKeyHash, tbs, now);
                if (failure == null) {
                    verifiedLogs.add(HexFormat.of().formatHex(sct.logId()));
                    break;
                }
                reason = failure;
            }
        }
        if (verifiedLogs.isEmpty()) {
            throw fail(reason);
        }
        return verifiedLogs.size();
    }

    /** Why {@code sct} does not verify with {@code log}, or null when it does. */
    private String check(SignedCertificateTimestamp sct, TransparencyLog log, byte[] issuerKeyHash, byte[] tbs, Instant now) {
        String name = "CT log " + log.baseUrl();
        PublicKey key;
        try {
            key = log.publicKey().toPublicKey();
        } catch (FormatException | IllegalArgumentException e) {
            return "the trusted root's key of " + name + " is not a usable public key";
        }
        // RFC 6962 section 3.2: a log's id is the SHA-256 of its key; a trusted root saying otherwise is inconsistent.
        if (!MessageDigest.isEqual(sha256(key.getEncoded()), sct.logId())) {
            return "the trusted root's key of " + name + " does not hash to its log id";
        }
        if (!log.publicKey().validFor().contains(sct.time())) {
            return "SCT time " + sct.time() + " is outside the validity " + log.publicKey().validFor()
                    + " the trusted root gives " + name;
        }
        if (sct.time().isAfter(now)) {
            return "the SCT from " + name + " is dated " + sct.time() + ", in the future";
        }
        if (!supported(sct)) {
            return "the SCT from " + name + " uses unsupported hash " + sct.hashAlgorithm() + " / signature "
                    + sct.signatureAlgorithm() + " (RFC 6962 allows SHA-256 with ECDSA or RSA)";
        }
        // The SCT names its scheme; a key of the other kind cannot have made it.
        boolean keyFits = sct.signatureAlgorithm() == ECDSA ? key instanceof ECPublicKey : key instanceof RSAPublicKey;
        if (keyFits && signatures.verifyDerMessage(key, DigestAlgorithm.SHA256, sct.signedData(issuerKeyHash, tbs), sct.signature())) {
            return null;
        }
        return "the SCT from " + name + " does not verify over the certificate's precertificate";
    }

    private static boolean supported(SignedCertificateTimestamp sct) {
        return sct.hashAlgorithm() == SHA256 && (sct.signatureAlgorithm() == ECDSA || sct.signatureAlgorithm() == RSA);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static VerificationException fail(String message) {
        return new VerificationException(Check.SCT, message);
    }
}
