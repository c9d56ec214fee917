package dev.provenant.verifier.timestamp;

import dev.provenant.attest.bundle.Rfc3161Timestamp;
import dev.provenant.verifier.Check;
import dev.provenant.verifier.VerificationException;
import dev.provenant.verifier.trust.CertificateAuthority;
import dev.provenant.verifier.trust.TrustedRoot;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Verifies an RFC 3161 timestamp over a bundle's signature against the trusted root's timestamp
 * authorities. The token's message imprint must be the hash of the signature bytes; the token must be
 * signed by the leaf of a trusted authority's chain (certificates embedded in the token are not trusted,
 * only the trusted root's); that leaf must be a timestamping certificate valid at the token's time and
 * chain to the authority's root at that time; and the time must fall in the authority's validFor.
 */
public final class Rfc3161TimestampVerifier {

    public VerifiedTimestamp verify(Rfc3161Timestamp timestamp, byte[] signature, TrustedRoot root) throws VerificationException {
        return verify(timestamp.der(), signature, root);
    }

    public VerifiedTimestamp verify(byte[] timestampDer, byte[] signature, TrustedRoot root) throws VerificationException {
        TimeStampToken token = TimestampTokens.read(timestampDer);
        checkImprint(token, signature);
        Instant time = token.getTimeStampInfo().getGenTime().toInstant();
        if (root.timestampAuthorities().isEmpty()) {
            throw fail("the trusted root has no timestamp authorities");
        }
        VerificationException closest = null;
        for (CertificateAuthority authority : root.timestampAuthorities()) {
            try {
                verifyWith(token, time, authority);
                return new VerifiedTimestamp(time, authority);
            } catch (AuthorityMismatch e) {
                // Not this authority's token: try the next.
            } catch (VerificationException e) {
                // This authority signed it but something did not hold: that is the reason to report.
                closest = e;
            }
        }
        throw closest != null ? closest : fail("timestamp is not signed by a timestamp authority of the trusted root");
    }

    private static void checkImprint(TimeStampToken token, byte[] signature) throws VerificationException {
        ASN1ObjectIdentifier oid = token.getTimeStampInfo().getMessageImprintAlgOID();
        String algorithm = imprintAlgorithm(oid);
        byte[] expected;
        try {
            expected = MessageDigest.getInstance(algorithm).digest(signature);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
        if (!MessageDigest.isEqual(expected, token.getTimeStampInfo().getMessageImprintDigest())) {
            throw fail("timestamp message imprint is not the " + algorithm + " of the bundle signature");
        }
    }

    private static String imprintAlgorithm(ASN1ObjectIdentifier oid) throws VerificationException {
        if (NISTObjectIdentifiers.id_sha256.equals(oid)) {
            return "SHA-256";
        }
        if (NISTObjectIdentifiers.id_sha384.equals(oid)) {
            return "SHA-384";
        }
        if (NISTObjectIdentifiers.id_sha512.equals(oid)) {
            return "SHA-512";
        }
        throw fail("timestamp message imprint uses unsupported hash " + oid.getId());
    }

    private static void verifyWith(TimeStampToken token, Instant time, CertificateAuthority authority)
            throws VerificationException, AuthorityMismatch {
        List<X509Certificate> chain;
        try {
            chain = authority.certificates();
        } catch (CertificateException e) {
            throw new AuthorityMismatch();
        }
        X509Certificate leaf = chain.get(0);
        if (!signedBy(token.getSID(), leaf)) {
            throw new AuthorityMismatch();
        }
        SignerInformationVerifier verifier;
        try {
            verifier = new JcaSimpleSignerInfoVerifierBuilder().build(leaf);
        } catch (OperatorCreationException e) {
            throw fail("timestamp authority " + authority.uri() + " certificate is unusable: " + e.getMessage());
        }
        try {
            // Checks the CMS signature, that the ESSCertID names this certificate, that it is a critical
            // id-kp-timeStamping certificate, and that it was valid at genTime.
            token.validate(verifier);
        } catch (TSPException e) {
            throw fail("timestamp does not verify with " + authority.uri() + ": " + oneLine(e.getMessage()));
        }
        checkChain(chain, time, authority);
        if (!authority.validFor().contains(time)) {
            throw fail("timestamp time " + time + " is outside the validity " + authority.validFor()
                    + " the trusted root gives " + authority.uri());
        }
    }

    private static boolean signedBy(SignerId sid, X509Certificate certificate) {
        try {
            return sid.match(new X509CertificateHolder(certificate.getEncoded()));
        } catch (java.io.IOException | CertificateException e) {
            return false;
        }
    }

    /** The leaf chains through the authority's intermediates to its last certificate, at the token's time. */
    private static void checkChain(List<X509Certificate> chain, Instant time, CertificateAuthority authority)
            throws VerificationException {
        X509Certificate anchor = chain.get(chain.size() - 1);
        if (chain.size() == 1) {
            // A trusted root listing the TSA certificate alone trusts that certificate directly; genTime was
            // already checked against its validity by validate().
            return;
        }
        try {
            List<X509Certificate> path = new ArrayList<>(chain.subList(0, chain.size() - 1));
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(time));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (GeneralSecurityException e) {
            throw fail("timestamp authority certificate does not chain to the root of " + authority.uri()
                    + " at " + time + ": " + oneLine(e.getMessage()));
        }
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static VerificationException fail(String message) {
        return new VerificationException(Check.TIMESTAMP, message);
    }

    /** The token was not signed by this authority's leaf; the next authority may have signed it. */
    private static final class AuthorityMismatch extends Exception {
        AuthorityMismatch() {
            super(null, null, false, false);
        }
    }
}
