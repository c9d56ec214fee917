package dev.provenant.verifier.cert;

import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.crypto.SignatureVerifier;
import dev.provenant.verifier.identity.CertificateIdentity;
import dev.provenant.verifier.pkix.CertificateSignature;
import dev.provenant.verifier.pkix.DerCertificate;
import dev.provenant.verifier.trust.TrustedRoot;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a bundle's Fulcio signing certificate as the Sigstore client specification (section 4.3)
 * requires: a code-signing end-entity certificate, valid at every verified signing time, chaining at
 * each of those times to a certificate authority of the trusted root, with an embedded SCT from a
 * trusted CT log. Only the bundle's leaf is read: intermediates or a root the bundle also carries are
 * ignored (protobuf-specs lets verifiers ignore them; trusting them would let a bundle name its own CA).
 */
public final class FulcioCertificateVerifier {
    private final Clock clock;
    private final AuthorityChain chains;
    private final EmbeddedSctVerifier scts;

    public FulcioCertificateVerifier() {
        this(Clock.systemUTC());
    }

    /** @param clock what "now" is when refusing SCTs dated in the future */
    public FulcioCertificateVerifier(Clock clock) {
        this(clock, new SignatureVerifier());
    }

    /**
     * @param signatures shared with the bundle's other checks; this verifier also remembers each trusted
     *     authority's checked chain, so keep one instance for many verifications
     */
    public FulcioCertificateVerifier(Clock clock, SignatureVerifier signatures) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.chains = new AuthorityChain(new CertificateSignature(signatures));
        this.scts = new EmbeddedSctVerifier(signatures);
    }

    /**
     * @param bundleCertificatesDer the bundle's certificates, leaf first; only the leaf is used
     * @param signingTimes verified times the signature existed at (integrated times of verified log entries,
     *     verified RFC 3161 timestamps); the certificate must hold at each
     */
    public VerifiedCertificate verify(List<byte[]> bundleCertificatesDer, TrustedRoot root, List<Instant> signingTimes)
            throws VerificationException {
        if (bundleCertificatesDer.isEmpty()) {
            throw new VerificationException(Check.CERTIFICATE_CHAIN, "the bundle has no signing certificate");
        }
        X509Certificate leaf = parse(bundleCertificatesDer.get(0));
        CodeSigningUsage.checkLeaf(leaf);
        if (signingTimes.isEmpty()) {
            throw new VerificationException(Check.CERTIFICATE_VALIDITY,
                    "no verified signing time (log integrated time or RFC 3161 timestamp) to check the certificate at");
        }
        for (Instant time : signingTimes) {
            checkValidity(leaf, time);
        }
        IssuingAuthority issuing = chains.validate(leaf, root.certificateAuthorities(), signingTimes);
        int verifiedScts = scts.verify(leaf, issuing.issuer(), root, clock.instant());
        CertificateIdentity identity;
        try {
            identity = CertificateIdentity.of(leaf);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(Check.IDENTITY, e.getMessage());
        }
        return new VerifiedCertificate(leaf, issuing.authority(), identity, verifiedScts);
    }

    /**
     * Refuses a signing certificate that no certificate authority of the trusted root issued, without
     * the date and SCT checks of {@link #verify}: a certificate a bundle made for itself is refused
     * before anything it signed is decoded.
     */
    public void requireTrustedIssuer(byte[] leafDer, TrustedRoot root) throws VerificationException {
        chains.requireIssuer(parse(leafDer), root.certificateAuthorities());
    }

    private static X509Certificate parse(byte[] der) throws VerificationException {
        try {
            return DerCertificate.parse(der);
        } catch (CertificateException e) {
            throw new VerificationException(Check.CERTIFICATE_CHAIN, "the bundle's signing certificate is not a DER X.509 certificate: "
                    + e.getMessage());
        }
    }

    /** X.509 validity is inclusive at both ends (RFC 5280 section 4.1.2.5), as checkValidity reads it. */
    private static void checkValidity(X509Certificate leaf, Instant time) throws VerificationException {
        try {
            leaf.checkValidity(Date.from(time));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new VerificationException(Check.CERTIFICATE_VALIDITY, "signing time " + time
                    + " is outside the signing certificate's validity [" + leaf.getNotBefore().toInstant() + ", "
                    + leaf.getNotAfter().toInstant() + "]");
        }
    }
}
