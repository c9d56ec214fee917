package dev.provenant.verifier.pkix;

import dev.provenant.verifier.crypto.EcCurve;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * The certificates of one trusted-root authority (issuing certificate first, the anchor last) as the top
 * of RFC 5280 paths. Everything about the authority's own certificates that does not depend on time (the
 * signatures between them, name chaining, basicConstraints and path length, keyCertSign, critical
 * extensions) is checked once, when this is built; a target below them then costs one signature check,
 * and each validation only reads dates. Immutable, so one instance serves every verification.
 *
 * <p>It checks what the JDK's PKIX validator checks for the paths it accepts: ECDSA on P-256/P-384/P-521
 * with SHA-256/384/512, version 3 certificates, no name or policy constraint extensions, critical
 * extensions among basicConstraints, keyUsage, extendedKeyUsage and subjectAltName. Any other path is
 * handed to the JDK validator whole, so nothing it would refuse is accepted here. As with PKIX, the
 * anchor supplies only its name and key: callers check its dates.
 */
public final class TrustedPath {
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of(BASIC_CONSTRAINTS, KEY_USAGE, EXTENDED_KEY_USAGE, SUBJECT_ALT_NAME);
    /** Name constraints, certificate policies, policy mappings, policy constraints, inhibit anyPolicy: PKIX processes these. */
    private static final List<String> CONSTRAINT_EXTENSIONS = List.of("2.5.29.30", "2.5.29.32", "2.5.29.33", "2.5.29.36", "2.5.29.54");
    private static final int KEY_CERT_SIGN = 5;

    private final List<X509Certificate> cas;
    private final X509Certificate anchor;
    private final CertificateSignature signatures;
    /** Whether the authority's own certificates are within what is checked here; else the JDK validates. */
    private final boolean explicit;
    /** Why the authority's certificates do not form the top of a valid path, whatever the time. */
    private final Optional<String> failure;

    private TrustedPath(List<X509Certificate> cas, X509Certificate anchor, CertificateSignature signatures, boolean explicit,
            Optional<String> failure) {
        this.cas = cas;
        this.anchor = anchor;
        this.signatures = signatures;
        this.explicit = explicit;
        this.failure = failure;
    }

    /** @param chain the authority's certificates: the one that issues targets first, the trust anchor last */
    public static TrustedPath of(List<X509Certificate> chain, CertificateSignature signatures) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a trusted path needs at least its anchor");
        }
        List<X509Certificate> cas = List.copyOf(chain.subList(0, chain.size() - 1));
        X509Certificate anchor = chain.get(chain.size() - 1);
        boolean explicit = simpleKey(anchor.getPublicKey()) && cas.stream().allMatch(TrustedPath::simpleCa);
        Optional<String> failure = explicit ? checkCas(cas, anchor, signatures) : Optional.empty();
        return new TrustedPath(cas, anchor, signatures, explicit, failure);
    }

    /** The certificate that issues targets: the first intermediate, or the anchor when there is none. */
    public X509Certificate issuer() {
        return cas.isEmpty() ? anchor : cas.get(0);
    }

    public X509Certificate anchor() {
        return anchor;
    }

    /**
     * {@code target}, when it names this authority's issuing certificate as its issuer and carries that
     * certificate's valid signature; what {@link #validate} takes, so the signature is checked once.
     */
    public Optional<IssuedCertificate> issued(X509Certificate target) {
        X509Certificate issuer = issuer();
        if (sameName(issuer.getSubjectX500Principal(), target.getIssuerX500Principal())
                && signatures.verifies(target, issuer.getPublicKey())) {
            return Optional.of(new IssuedCertificate(target, this));
        }
        return Optional.empty();
    }

    /** Whether {@code target}'s issuer name is encoded exactly as this authority's issuing certificate's subject. */
    public boolean namesIssuerOf(X509Certificate target) {
        return sameEncoding(issuer().getSubjectX500Principal(), target.getIssuerX500Principal());
    }

    /** Validates the path from the issued certificate up to the anchor at {@code time}. */
    public void validate(IssuedCertificate issued, Instant time) throws PathException {
        if (issued.issuer() != this) {
            throw new IllegalArgumentException("the certificate was issued under another trusted path");
        }
        X509Certificate target = issued.certificate();
        if (!explicit || !simpleTarget(target)) {
            List<X509Certificate> path = new ArrayList<>();
            path.add(target);
            path.addAll(cas);
            JdkPathValidation.validate(path, anchor, time);
            return;
        }
        if (failure.isPresent()) {
            throw new PathException(failure.get());
        }
        checkValidity(target, time);
        for (X509Certificate ca : cas) {
            checkValidity(ca, time);
        }
    }

    /**
     * RFC 5280 section 6.1.3 and 6.1.4 for the certificates between the target and the anchor, from the
     * anchor down, worded as the JDK validator words the same failures.
     */
    private static Optional<String> checkCas(List<X509Certificate> cas, X509Certificate anchor, CertificateSignature signatures) {
        // The path is the target plus these; a CA's pathLenConstraint counts the non-self-issued CAs below it.
        int maxPathLength = cas.size() + 1;
        X509Certificate issuer = anchor;
        for (int i = cas.size() - 1; i >= 0; i--) {
            X509Certificate ca = cas.get(i);
            if (!sameName(ca.getIssuerX500Principal(), issuer.getSubjectX500Principal())) {
                return Optional.of("subject/issuer name chaining check failed at " + quoted(ca));
            }
            if (!signatures.verifies(ca, issuer.getPublicKey())) {
                return Optional.of("signature check failed for " + quoted(ca));
            }
            boolean[] keyUsage = ca.getKeyUsage();
            if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
                return Optional.of("CA key usage check failed: keyCertSign bit is not set in " + quoted(ca));
            }
            int pathLen = ca.getBasicConstraints();
            if (pathLen < 0) {
                return Optional.of("basic constraints check failed: " + quoted(ca) + " is not a CA certificate");
            }
            if (!selfIssued(ca)) {
                if (maxPathLength <= 0) {
                    return Optional.of("basic constraints check failed: pathLenConstraint violated - " + quoted(ca)
                            + " must be the last certificate in the path");
                }
                maxPathLength--;
            }
            maxPathLength = Math.min(maxPathLength, pathLen);
            issuer = ca;
        }
        return Optional.empty();
    }

    /** The certificate's subject for a message; formatting a name is costly, so only failures do it. */
    private static String quoted(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "'";
    }

    private static void checkValidity(X509Certificate certificate, Instant time) throws PathException {
        try {
            certificate.checkValidity(Date.from(time));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new PathException("validity check failed: '" + certificate.getSubjectX500Principal().getName() + "' is valid ["
                    + certificate.getNotBefore().toInstant() + ", " + certificate.getNotAfter().toInstant() + "]");
        }
    }

    private static boolean simpleCa(X509Certificate ca) {
        return simpleCertificate(ca) && simpleKey(ca.getPublicKey());
    }

    /** A target PKIX would check no further than here: its key only has to be of an algorithm the JDK allows. */
    private static boolean simpleTarget(X509Certificate target) {
        PublicKey key = target.getPublicKey();
        boolean allowedKey = simpleKey(key) || key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048
                || "Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm());
        return simpleCertificate(target) && allowedKey;
    }

    private static boolean simpleCertificate(X509Certificate certificate) {
        if (certificate.getVersion() != 3 || CertificateSignature.ecdsaHash(certificate).isEmpty()) {
            return false;
        }
        Set<String> critical = certificate.getCriticalExtensionOIDs();
        if (critical != null && !UNDERSTOOD_CRITICAL.containsAll(critical)) {
            return false;
        }
        return CONSTRAINT_EXTENSIONS.stream().noneMatch(oid -> certificate.getExtensionValue(oid) != null);
    }

    /** An EC key on a NIST curve: the keys whose signatures are checked here, none of them refused by the JDK's algorithm constraints. */
    private static boolean simpleKey(PublicKey key) {
        return key instanceof ECPublicKey ec && EcCurve.of(ec.getParams()).isPresent();
    }

    /**
     * Self-issued by identical encodings only. A CA whose names match only canonically is then counted
     * against {@code pathLenConstraint} like any other: stricter, never more lenient, and it spares the
     * canonical comparison of every intermediate, whose names differ by design.
     */
    private static boolean selfIssued(X509Certificate certificate) {
        return sameEncoding(certificate.getIssuerX500Principal(), certificate.getSubjectX500Principal());
    }

    /**
     * RFC 5280 name matching. Identical encodings match without {@link X500Principal#equals}, whose
     * canonical comparison loads the JDK's Unicode normalisation data on first use; names encoded
     * differently are still compared canonically.
     */
    static boolean sameName(X500Principal a, X500Principal b) {
        return sameEncoding(a, b) || a.equals(b);
    }

    private static boolean sameEncoding(X500Principal a, X500Principal b) {
        return Arrays.equals(a.getEncoded(), b.getEncoded());
    }
}
