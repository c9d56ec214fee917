package dev.provenant.verifier.timestamp;

import dev.provenant.attest.bundle.CertificateChain;
import dev.provenant.attest.bundle.Rfc3161Timestamp;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.crypto.RecentCache;
import dev.provenant.verifier.crypto.SignatureVerifier;
import dev.provenant.verifier.pkix.CertificateSignature;
import dev.provenant.verifier.pkix.IssuedCertificate;
import dev.provenant.verifier.pkix.PathException;
import dev.provenant.verifier.pkix.TrustedPath;
import dev.provenant.verifier.trust.CertificateAuthority;
import dev.provenant.verifier.trust.TrustedRoot;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
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
    /** Trusted roots list a handful of timestamp authorities; this holds several roots' worth. */
    private static final int REMEMBERED_AUTHORITIES = 16;

    private final SignatureVerifier signatures;
    private final CertificateSignature certificateSignatures;
    private final RecentCache<CertificateChain, Authority> authorities = new RecentCache<>(REMEMBERED_AUTHORITIES);

    public Rfc3161TimestampVerifier() {
        this(new SignatureVerifier());
    }

    /**
     * @param signatures shared with the bundle's other checks; this verifier also remembers each trusted
     *     authority's parsed and checked chain, so keep one instance for many verifications
     */
    public Rfc3161TimestampVerifier(SignatureVerifier signatures) {
        this.signatures = signatures;
        this.certificateSignatures = new CertificateSignature(signatures);
    }

    /**
     * A timestamp authority's chain from the trusted root, with what does not depend on the token worked
     * out once: the signing certificate in Bouncy Castle's form, and, for a chain longer than the signing
     * certificate alone, the path above it and whether it issued the signing certificate.
     */
    private record Authority(List<X509Certificate> chain, X509CertificateHolder leafHolder, Optional<TrustedPath> path,
            Optional<IssuedCertificate> issuedLeaf) {}

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

    private void verifyWith(TimeStampToken token, Instant time, CertificateAuthority authority)
            throws VerificationException, AuthorityMismatch {
        Authority known = prepared(authority).orElseThrow(AuthorityMismatch::new);
        X509Certificate leaf = known.chain().get(0);
        if (!token.getSID().match(known.leafHolder())) {
            throw new AuthorityMismatch();
        }
        SignerInformationVerifier verifier = new SignerInformationVerifier(new DefaultCMSSignatureAlgorithmNameGenerator(),
                new DefaultSignatureAlgorithmIdentifierFinder(),
                new CmsSignatureVerifierProvider(leaf, known.leafHolder(), signatures), new BcDigestCalculatorProvider());
        try {
            // Checks the CMS signature, that the ESSCertID names this certificate, that it is a critical
            // id-kp-timeStamping certificate, and that it was valid at genTime.
            token.validate(verifier);
        } catch (TSPException e) {
            throw fail("timestamp does not verify with " + authority.uri() + ": " + oneLine(e.getMessage()));
        } catch (IllegalArgumentException e) {
            // Bouncy Castle's answer to a signature or digest algorithm it has no name for
            throw fail("timestamp names a signature algorithm that cannot be verified: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            // a signed attribute Bouncy Castle cannot read (a signingTime that is no time: IllegalStateException)
            throw fail("timestamp does not verify with " + authority.uri() + ": " + oneLine(String.valueOf(e.getMessage())));
        }
        checkChain(known, time, authority);
        if (!authority.validFor().contains(time)) {
            throw fail("timestamp time " + time + " is outside the validity " + authority.validFor()
                    + " the trusted root gives " + authority.uri());
        }
    }

    private Optional<Authority> prepared(CertificateAuthority authority) {
        return Optional.ofNullable(authorities.get(authority.certChain(), c -> {
            try {
                List<X509Certificate> chain = authority.certificates();
                X509CertificateHolder holder = new X509CertificateHolder(chain.get(0).getEncoded());
                if (chain.size() == 1) {
                    return new Authority(chain, holder, Optional.empty(), Optional.empty());
                }
                TrustedPath path = TrustedPath.of(chain.subList(1, chain.size()), certificateSignatures);
                return new Authority(chain, holder, Optional.of(path), path.issued(chain.get(0)));
            } catch (CertificateException | java.io.IOException e) {
                return null;
            }
        }));
    }

    /** The leaf chains through the authority's intermediates to its last certificate, at the token's time. */
    private static void checkChain(Authority known, Instant time, CertificateAuthority authority) throws VerificationException {
        if (known.path().isEmpty()) {
            // A trusted root listing the TSA certificate alone trusts that certificate directly; genTime was
            // already checked against its validity by validate().
            return;
        }
        if (known.issuedLeaf().isEmpty()) {
            throw fail("timestamp authority certificate does not chain to the root of " + authority.uri()
                    + ": it is not signed by the next certificate of the chain");
        }
        try {
            known.path().get().validate(known.issuedLeaf().get(), time);
        } catch (PathException e) {
            throw fail("timestamp authority certificate does not chain to the root of " + authority.uri()
                    + " at " + time + ": " + e.getMessage());
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
