package dev.provenant.verifier.cert;

import dev.provenant.verifier.Check;
import dev.provenant.verifier.VerificationException;
import dev.provenant.verifier.trust.CertificateAuthority;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Chains a leaf to one of the trusted root's Fulcio certificate authorities, in the client
 * specification's hybrid model: RFC 5280 path validation with each verified signing time as the
 * "current time", so every certificate up to the root must have been valid then, and the authority's
 * {@code validFor} must contain that time. Only the trusted root's certificates are used: whatever else
 * a bundle carries is never a link in the chain.
 */
final class AuthorityChain {
    private AuthorityChain() {}

    /** The authority that issued {@code leaf} and validates it at every one of {@code times}. */
    static IssuingAuthority validate(X509Certificate leaf, List<CertificateAuthority> authorities, List<Instant> times)
            throws VerificationException {
        if (authorities.isEmpty()) {
            throw fail("the trusted root has no certificate authorities");
        }
        VerificationException closest = null;
        for (CertificateAuthority authority : authorities) {
            List<X509Certificate> chain;
            try {
                chain = authority.certificates();
            } catch (CertificateException e) {
                continue; // an unreadable authority cannot have issued anything this verifier can check
            }
            if (chain.isEmpty() || !signed(chain.get(0), leaf)) {
                continue;
            }
            try {
                for (X509Certificate ca : chain) {
                    CodeSigningUsage.checkAuthority(ca);
                }
                for (Instant time : times) {
                    validateAt(leaf, chain, authority, time);
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

    private static boolean signed(X509Certificate issuer, X509Certificate leaf) {
        if (!issuer.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return false;
        }
        try {
            leaf.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static void validateAt(X509Certificate leaf, List<X509Certificate> chain, CertificateAuthority authority, Instant time)
            throws VerificationException {
        if (!authority.validFor().contains(time)) {
            throw fail("signing time " + time + " is outside the validity " + authority.validFor()
                    + " the trusted root gives certificate authority " + authority.uri());
        }
        X509Certificate root = chain.get(chain.size() - 1);
        try {
            // PKIX takes the anchor's key and name only and never checks its dates; the hybrid model does.
            root.checkValidity(Date.from(time));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw fail("root certificate '" + root.getSubjectX500Principal().getName() + "' of " + authority.uri()
                    + " is not valid at signing time " + time);
        }
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        path.addAll(chain.subList(0, chain.size() - 1));
        try {
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            // Fulcio certificates carry no revocation information; a trusted root's validFor is what retires a CA.
            params.setRevocationEnabled(false);
            params.setDate(Date.from(time));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (GeneralSecurityException e) {
            throw fail("the signing certificate does not chain to " + authority.uri() + " at signing time " + time + ": "
                    + oneLine(e.getMessage()));
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
        return new VerificationException(Check.CERTIFICATE_CHAIN, message);
    }
}
