package dev.provenant.verifier.cert;

import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a Fulcio signing certificate must be for: an end entity (not a CA) with the digitalSignature key
 * usage and the code-signing extended key usage (Fulcio specification, issued certificate). A missing
 * extended key usage is refused, not read as "any": Fulcio always writes it.
 */
final class CodeSigningUsage {
    static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;

    private CodeSigningUsage() {}

    static void checkLeaf(X509Certificate leaf) throws VerificationException {
        if (leaf.getBasicConstraints() >= 0) {
            throw fail("the signing certificate is a CA certificate, not an end-entity certificate");
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage == null || keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE]) {
            throw fail("the signing certificate's key usage does not include digitalSignature");
        }
        List<String> extended = extendedKeyUsage(leaf);
        if (extended == null || !extended.contains(CODE_SIGNING)) {
            throw fail("the signing certificate's extended key usage does not include code signing (" + CODE_SIGNING + ")");
        }
    }

    /**
     * A CA certificate that restricts its extended key usage must allow code signing, or it could not
     * vouch for a code-signing leaf (the nesting Go's x509 and so sigstore-go apply; RFC 5280 leaves it open).
     */
    static void checkAuthority(X509Certificate ca) throws VerificationException {
        List<String> extended = extendedKeyUsage(ca);
        if (extended != null && !extended.contains(CODE_SIGNING) && !extended.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw fail("CA certificate " + ca.getSubjectX500Principal().getName()
                    + " restricts its extended key usage to exclude code signing");
        }
    }

    private static List<String> extendedKeyUsage(X509Certificate certificate) throws VerificationException {
        try {
            return certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw fail("the extended key usage of " + certificate.getSubjectX500Principal().getName() + " is malformed");
        }
    }

    private static VerificationException fail(String message) {
        return new VerificationException(Check.CERTIFICATE_CHAIN, message);
    }
}
