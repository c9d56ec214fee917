package dev.provenant.signer.pkcs11;

import dev.provenant.signer.KeyReferenceException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * A {@code pkcs11:} key reference (RFC 7512), reduced to what Provenant uses: the token (by label or slot
 * id), the key (by label or id), the module to load and where the PIN is kept.
 *
 * <p>Error messages name attributes, never their values, because a mistyped URI may still carry a PIN.
 *
 * @param token the token label ({@code token=}), or null
 * @param slotId the slot id ({@code slot-id=}), or null
 * @param object the key's label ({@code object=}), or null
 * @param id the key's CKA_ID ({@code id=}), or null
 * @param modulePath the PKCS#11 library ({@code module-path=})
 * @param pinSource a file holding the PIN ({@code pin-source=}), or null for the environment
 */
public record Pkcs11Uri(String token, Long slotId, String object, byte[] id, Path modulePath, Path pinSource) {
    public static final String SCHEME = "pkcs11:";

    /** Standard attributes Provenant does not act on; refused rather than silently ignored, so a URI never selects a key it did not mean. */
    private static final Set<String> UNSUPPORTED = Set.of("manufacturer", "model", "serial", "library-manufacturer",
            "library-description", "library-version", "slot-description", "slot-manufacturer", "module-name");

    public static boolean claims(String keyRef) {
        return keyRef.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    public static Pkcs11Uri parse(String text) throws KeyReferenceException {
        if (!claims(text)) {
            throw new KeyReferenceException("not a pkcs11: URI");
        }
        String rest = text.substring(SCHEME.length());
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q + 1);
        var b = new Builder();
        Set<String> seen = new HashSet<>();
        for (String attr : split(path, ';')) {
            b.path(attribute(attr, seen));
        }
        for (String attr : split(query, '&')) {
            b.query(attribute(attr, seen));
        }
        return b.build();
    }

    /** The URI without its query: what messages and logs show. */
    public String display() {
        StringBuilder s = new StringBuilder(SCHEME);
        String sep = "";
        if (token != null) {
            s.append("token=").append(encode(token.getBytes(StandardCharsets.UTF_8)));
            sep = ";";
        }
        if (slotId != null) {
            s.append(sep).append("slot-id=").append(slotId);
            sep = ";";
        }
        if (object != null) {
            s.append(sep).append("object=").append(encode(object.getBytes(StandardCharsets.UTF_8)));
            sep = ";";
        }
        if (id != null) {
            s.append(sep).append("id=").append(encodeAll(id));
        }
        return s.toString();
    }

    /** The full URI Provenant would accept back: {@link #display()} plus module-path (and pin-source when set). */
    public String toUriString() {
        StringBuilder s = new StringBuilder(display()).append("?module-path=")
                .append(encode(modulePath.toString().getBytes(StandardCharsets.UTF_8)));
        if (pinSource != null) {
            s.append("&pin-source=").append(encode(pinSource.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return s.toString();
    }

    public Pkcs11Uri withObject(String label) {
        return new Pkcs11Uri(token, slotId, label, id, modulePath, pinSource);
    }

    @Override
    public String toString() {
        return display();
    }

    private record Attribute(String name, byte[] value) {
        String text() throws KeyReferenceException {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
            } catch (CharacterCodingException e) {
                throw new KeyReferenceException("pkcs11: URI attribute '" + name + "' is not UTF-8 after percent-decoding");
            }
        }
    }

    private static final class Builder {
        String token;
        Long slotId;
        String object;
        byte[] id;
        Path modulePath;
        Path pinSource;

        void path(Attribute a) throws KeyReferenceException {
            switch (a.name()) {
                case "token" -> token = a.text();
                case "slot-id" -> slotId = slotId(a.text());
                case "object" -> object = a.text();
                case "id" -> id = a.value();
                case "type" -> {
                    if (!a.text().equals("private")) {
                        throw new KeyReferenceException("pkcs11: URI type must be 'private' (a signing key)");
                    }
                }
                default -> unknown(a.name(), "path");
            }
        }

        void query(Attribute a) throws KeyReferenceException {
            switch (a.name()) {
                case "module-path" -> modulePath = path("module-path", a.text());
                case "pin-source" -> pinSource = pinFile(a.text());
                case "pin-value" -> throw new KeyReferenceException(
                        "pkcs11: URI pin-value is refused: a PIN on the command line leaks into process lists and logs;"
                                + " use pin-source=FILE or PROVENANT_PKCS11_PIN");
                default -> unknown(a.name(), "query");
            }
        }

        Pkcs11Uri build() throws KeyReferenceException {
            if (modulePath == null) {
                throw new KeyReferenceException("pkcs11: URI needs ?module-path=/path/to/the/pkcs11-module.so");
            }
            if (token == null && slotId == null) {
                throw new KeyReferenceException("pkcs11: URI needs token=LABEL or slot-id=N to choose the token");
            }
            return new Pkcs11Uri(token, slotId, object, id, modulePath, pinSource);
        }

        private static void unknown(String name, String part) throws KeyReferenceException {
            if (name.startsWith("x-")) {
                return; // RFC 7512 section 2.3: vendor attributes may be ignored by those who do not know them
            }
            if (UNSUPPORTED.contains(name)) {
                throw new KeyReferenceException("pkcs11: URI attribute '" + name + "' is not supported; select the token by token= or slot-id=");
            }
            throw new KeyReferenceException("unknown pkcs11: URI " + part + " attribute '" + name + "'");
        }

        private static Long slotId(String text) throws KeyReferenceException {
            try {
                return Long.parseUnsignedLong(text);
            } catch (NumberFormatException e) {
                throw new KeyReferenceException("pkcs11: URI slot-id must be a decimal number");
            }
        }

        private static Path pinFile(String text) throws KeyReferenceException {
            // RFC 7512 makes pin-source a URI; a plain path and file: URIs are the forms that name a file.
            String file = text.startsWith("file://") ? text.substring("file://".length())
                    : text.startsWith("file:") ? text.substring("file:".length()) : text;
            if (file.isEmpty() || text.contains("://") && !text.startsWith("file://")) {
                throw new KeyReferenceException("pkcs11: URI pin-source must name a file");
            }
            return path("pin-source", file);
        }

        /** A file path; one the platform cannot name (a NUL byte) is a bad reference, not a crash. */
        private static Path path(String name, String text) throws KeyReferenceException {
            try {
                return Path.of(text);
            } catch (java.nio.file.InvalidPathException e) {
                throw new KeyReferenceException("pkcs11: URI " + name + " is not a file path: " + e.getReason());
            }
        }
    }

    private static java.util.List<String> split(String part, char separator) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (part.isEmpty()) {
            return out;
        }
        for (String s : part.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1)) {
            out.add(s);
        }
        return out;
    }

    private static Attribute attribute(String text, Set<String> seen) throws KeyReferenceException {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new KeyReferenceException("pkcs11: URI has an attribute without a name=value form");
        }
        String name = text.substring(0, eq).toLowerCase(java.util.Locale.ROOT);
        if (!seen.add(name)) {
            throw new KeyReferenceException("pkcs11: URI repeats attribute '" + name + "'");
        }
        return new Attribute(name, decode(name, text.substring(eq + 1)));
    }

    private static byte[] decode(String name, String value) throws KeyReferenceException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new KeyReferenceException("pkcs11: URI attribute '" + name + "' has a truncated %XX escape");
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new KeyReferenceException("pkcs11: URI attribute '" + name + "' has an invalid %XX escape");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** Percent-encodes everything outside RFC 7512's unreserved set and the path characters it allows. */
    private static String encode(byte[] value) {
        StringBuilder s = new StringBuilder();
        for (byte b : value) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~:[]@!$'()*+,/".indexOf(c) >= 0) {
                s.append((char) c);
            } else {
                s.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return s.toString();
    }

    /** An id as {@code id=} writes it: every byte percent-encoded. */
    static String encodeId(byte[] id) {
        return encodeAll(id);
    }

    private static String encodeAll(byte[] value) {
        StringBuilder s = new StringBuilder();
        for (byte b : value) {
            s.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pkcs11Uri u && java.util.Objects.equals(token, u.token) && java.util.Objects.equals(slotId, u.slotId)
                && java.util.Objects.equals(object, u.object) && java.util.Arrays.equals(id, u.id)
                && modulePath.equals(u.modulePath) && java.util.Objects.equals(pinSource, u.pinSource);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(token, slotId, object, java.util.Arrays.hashCode(id), modulePath, pinSource);
    }
}
