package dev.provenant.signer.pkcs11;

/**
 * One-line descriptions of failures from SunPKCS11. Its exceptions wrap a PKCS#11 return value such as
 * {@code CKR_PIN_INCORRECT} a few causes deep; that code is what a user can act on. No message built here
 * includes a PIN, because SunPKCS11's never do and nothing else is added.
 */
final class Pkcs11Errors {
    private Pkcs11Errors() {}

    /** The innermost CKR_ code in the cause chain, or the innermost message. */
    static String describe(Throwable error) {
        String innermost = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("CKR_")) {
                int start = m.indexOf("CKR_");
                int end = start;
                while (end < m.length() && (Character.isLetterOrDigit(m.charAt(end)) || m.charAt(end) == '_')) {
                    end++;
                }
                return m.substring(start, end);
            }
            if (m != null && !m.isBlank()) {
                innermost = m.replace('\n', ' ');
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return innermost != null ? innermost : error.getClass().getSimpleName();
    }

    static boolean isWrongPin(Throwable error) {
        String code = describe(error);
        return code.equals("CKR_PIN_INCORRECT") || code.equals("CKR_PIN_LEN_RANGE");
    }
}
