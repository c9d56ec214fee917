package dev.provenant.verifier.identity;

/**
 * Certificate values and patterns as a failure line prints them: control characters are escaped so a
 * value cannot break the one-line message or forge a second line.
 */
final class Printable {
    private Printable() {}

    static String of(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
