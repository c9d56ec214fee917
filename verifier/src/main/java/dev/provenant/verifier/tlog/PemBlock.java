package dev.provenant.verifier.tlog;

import java.util.Base64;

/** One PEM block as Rekor v1 bodies carry verifiers: a certificate or a public key, base64 of the PEM text. */
record PemBlock(String type, byte[] der) {

    boolean isCertificate() {
        return "CERTIFICATE".equals(type);
    }

    boolean isPublicKey() {
        return "PUBLIC KEY".equals(type);
    }

    static PemBlock parse(String pem) {
        int begin = pem.indexOf("-----BEGIN ");
        if (begin < 0) {
            throw new IllegalArgumentException("not PEM");
        }
        int typeEnd = pem.indexOf("-----", begin + 11);
        if (typeEnd < 0) {
            throw new IllegalArgumentException("PEM header is not closed");
        }
        String type = pem.substring(begin + 11, typeEnd);
        String footer = "-----END " + type + "-----";
        int end = pem.indexOf(footer, typeEnd + 5);
        if (end < 0) {
            throw new IllegalArgumentException("PEM block " + type + " has no end line");
        }
        // Only whitespace may surround the one block; a second block would be a second verifier.
        if (!pem.substring(0, begin).isBlank() || !pem.substring(end + footer.length()).isBlank()) {
            throw new IllegalArgumentException("PEM text holds more than one block");
        }
        String body = pem.substring(typeEnd + 5, end).replaceAll("\\s", "");
        try {
            return new PemBlock(type, Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM block " + type + " is not valid base64");
        }
    }
}
