package dev.provenant.verifier.npm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * An npm package version as attestations name it: the package URL {@code pkg:npm/NAME@VERSION}, in
 * which npm percent-encodes a scoped name's leading {@code @} ({@code pkg:npm/%40scope/name@1.0.0}).
 *
 * @param name the package name, e.g. {@code @scope/name} or {@code name}
 * @param version the version
 */
public record NpmPackageId(String name, String version) {
    static final String PREFIX = "pkg:npm/";

    /**
     * Reads a subject name.
     *
     * @throws IllegalArgumentException when it is not an npm package URL with a name and a version:
     *     another type, qualifiers or a subpath ({@code ?}, {@code #}: a package of another registry),
     *     a malformed percent escape, or no {@code @VERSION}
     */
    public static NpmPackageId fromPurl(String purl) {
        if (purl == null || !purl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("'" + purl + "' is not an npm package URL (pkg:npm/NAME@VERSION)");
        }
        String rest = purl.substring(PREFIX.length());
        if (rest.contains("?") || rest.contains("#")) {
            throw new IllegalArgumentException("package URL '" + purl + "' has qualifiers or a subpath: not a package of the npm registry");
        }
        String decoded = percentDecode(rest, purl);
        int at = decoded.lastIndexOf('@');
        boolean scoped = decoded.startsWith("@");
        if (at <= (scoped ? 0 : -1) || at == 0 || at == decoded.length() - 1) {
            throw new IllegalArgumentException("package URL '" + purl + "' names no NAME@VERSION");
        }
        String name = decoded.substring(0, at);
        if (name.indexOf('@', scoped ? 1 : 0) >= 0 || (scoped && !name.contains("/"))) {
            throw new IllegalArgumentException("package URL '" + purl + "' does not name a package: '" + name + "'");
        }
        return new NpmPackageId(name, decoded.substring(at + 1));
    }

    /** The package URL npm writes for it. */
    public String purl() {
        return PREFIX + (name.startsWith("@") ? "%40" + name.substring(1) : name) + "@" + version;
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }

    private static String percentDecode(String s, String purl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            int c = s.codePointAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("package URL '" + purl + "' has a malformed percent escape");
                }
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(c) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("package URL '" + purl + "' is not UTF-8 once decoded");
        }
    }
}
