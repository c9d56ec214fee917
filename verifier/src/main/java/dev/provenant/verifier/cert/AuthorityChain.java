package dev.provenant.verifier.cert;

import dev.provenant.attest.bundle.RawCertificate;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.crypto.RecentCache;
import dev.provenant.verifier.pkix.CertificateSignature;
import dev.provenant.verifier.pkix.IssuedCertificate;
import dev.provenant.verifier.pkix.PathException;
import dev.provenant.verifier.pkix.TrustedPath;
import dev.provenant.verifier.trust.CertificateAuthority;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Chains a leaf to one of the trusted root's Fulcio certificate authorities, in the client
 * specification's hybrid model: RFC 5280 path validation with each verified signing time as the
 * "current time", so every certificate up to the root must have been valid then, and the authority's
 * {@code validFor} must contain that time. Only the trusted root's certificates are used: whatever else
 * a bundle carries is never a link in the chain.
 *
 * <p>An authority's own certificates are parsed and their mutual checks done once per instance (see
 * {@link TrustedPath}); the leaf's signature and every date are checked on every call.
 */
final class AuthorityChain {
    /** Trusted roots list a handful of authorities; this holds several roots' worth. */
    private static final int REMEMBERED_AUTHORITIES = 16;

    private final CertificateSignature signatures;
    private final RecentCache<List<String>, Authority> authorities = new RecentCache<>(REMEMBERED_AUTHORITIES);

    AuthorityChain(CertificateSignature signatures) {
        this.signatures = signatures;
    }

    /** An authority's certificates as parsed, and the path they head. */
    private record Authority(List<X509Certificate> certificates, TrustedPath path) {}

    /** The authority that issued {@code leaf} and validates it at every one of {@code times}. */
    IssuingAuthority validate(X509Certificate leaf, List<CertificateAuthority> authorities, List<Instant> times)
            throws VerificationException {
        if (authorities.isEmpty()) {
            throw fail("the trusted root has no certificate authorities");
        }
        VerificationException closest = null;
        for (Candidate candidate : likelyIssuersFirst(leaf, authorities)) {
            CertificateAuthority authority = candidate.authority();
            Authority known = candidate.known();
            List<X509Certificate> chain = known.certificates();
            Optional<IssuedCertificate> issued = known.path().issued(leaf);
            if (issued.isEmpty()) {
                continue;
            }
            try {
                for (X509Certificate ca : chain) {
                    CodeSigningUsage.checkAuthority(ca);
                }
                for (Instant time : times) {
                    validateAt(issued.get(), known, authority, time);
                }
                return new IssuingAuthority(authority, chain.get(0));
            } catch (VerificationException e) {
                // This authority issued the leaf but something did not hold: that is the reason to report.
                closest = e;
            }
        }
        throw closest != null ? closest : fail("the signing certificate (issuer '" + leaf.getIssuerX500Principal().getName()
                + "') was not issued by a certificate authority of the trusted root");
    }

    /**
     * Refuses a leaf that no authority of the trusted root signed, checking no dates: the cheap first
     * test of a certificate, made before anything the certificate vouches for is decoded.
     */
    void requireIssuer(X509Certificate leaf, List<CertificateAuthority> authorities) throws VerificationException {
        for (Candidate candidate : likelyIssuersFirst(leaf, authorities)) {
            if (candidate.known().path().issued(leaf).isPresent()) {
                return;
            }
        }
        throw fail(authorities.isEmpty() ? "the trusted root has no certificate authorities"
                : "the signing certificate (issuer '" + leaf.getIssuerX500Principal().getName()
                        + "') was not issued by a certificate authority of the trusted root");
    }

    /** A trusted-root authority with its certificates as parsed. */
    private record Candidate(CertificateAuthority authority, Authority known) {}

    /**
     * The readable authorities, those whose issuing certificate's subject is encoded exactly as the
     * leaf's issuer first: the issuer is usually found without comparing names canonically, which a cold
     * process pays for by loading the JDK's Unicode normalisation data. Every other readable authority is
     * still tried; an unreadable one cannot have issued anything this verifier can check.
     */
    private List<Candidate> likelyIssuersFirst(X509Certificate leaf, List<CertificateAuthority> authorities) {
        List<Candidate> exact = new ArrayList<>();
        List<Candidate> others = new ArrayList<>();
        for (CertificateAuthority authority : authorities) {
            Optional<Authority> known = prepared(authority);
            if (known.isPresent()) {
                (known.get().path().namesIssuerOf(leaf) ? exact : others).add(new Candidate(authority, known.get()));
            }
        }
        exact.addAll(others);
        return exact;
    }

    private Optional<Authority> prepared(CertificateAuthority authority) {
        // Keyed by the certificates' base64 text: comparing strings needs none of a record's generated
        // equals and hashCode, whose first call costs a cold process more than the lookup saves.
        List<String> key = new ArrayList<>();
        for (RawCertificate certificate : authority.certChain().certificates()) {
            key.add(certificate.rawBytes());
        }
        return Optional.ofNullable(authorities.get(key, chain -> {
            try {
                List<X509Certificate> certificates = authority.certificates();
                return certificates.isEmpty() ? null : new Authority(certificates, TrustedPath.of(certificates, signatures));
            } catch (CertificateException e) {
                return null;
            }
        }));
    }

    private static void validateAt(IssuedCertificate leaf, Authority known, CertificateAuthority authority, Instant time)
            throws VerificationException {
        if (!authority.validFor().contains(time)) {
            throw fail("signing time " + time + " is outside the validity " + authority.validFor()
                    + " the trusted root gives certificate authority " + authority.uri());
        }
        X509Certificate root = known.path().anchor();
        try {
            // PKIX takes the anchor's key and name only and never checks its dates; the hybrid model does.
            root.checkValidity(Date.from(time));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw fail("root certificate '" + root.getSubjectX500Principal().getName() + "' of " + authority.uri()
                    + " is not valid at signing time " + time);
        }
        try {
            known.path().validate(leaf, time);
        } catch (PathException e) {
            throw fail("the signing certificate does not chain to " + authority.uri() + " at signing time " + time + ": "
                    + e.getMessage());
        }
    }

    private static VerificationException fail(String message) {
        return new VerificationException(Check.CERTIFICATE_CHAIN, message);
    }
}
