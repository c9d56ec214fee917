package dev.provenant.verifier.layout;

import java.util.regex.Pattern;

/**
 * An artifact rule's pattern as in-toto matches it, with Python's {@code fnmatch}: {@code *} spans any
 * characters including {@code /} and leading dots, {@code ?} is one character, {@code [seq]} and
 * {@code [!seq]} are sets, and an unclosed {@code [} is literal. Matching is case-sensitive, as on POSIX.
 * This is not the gitignore flavour of exclude patterns: a layout written for in-toto-verify has to
 * consume exactly the artifacts it consumes there.
 */
public record GlobPattern(String pattern, Pattern regex) {

    public static GlobPattern of(String pattern) {
        return new GlobPattern(pattern, Pattern.compile(translate(pattern), Pattern.DOTALL));
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    private static String translate(String pat) {
        StringBuilder out = new StringBuilder();
        int n = pat.length();
        int i = 0;
        while (i < n) {
            char c = pat.charAt(i++);
            if (c == '*') {
                out.append(".*");
            } else if (c == '?') {
                out.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pat.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pat.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pat.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    out.append("\\[");
                } else {
                    String body = pat.substring(i, j);
                    i = j + 1;
                    out.append(characterClass(body));
                }
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    /** fnmatch's set: {@code !} negates, {@code a-z} ranges stay, everything else is literal in Java's syntax. */
    private static String characterClass(String body) {
        StringBuilder cls = new StringBuilder("[");
        int k = 0;
        if (body.startsWith("!")) {
            cls.append('^');
            k = 1;
        }
        for (; k < body.length(); k++) {
            char b = body.charAt(k);
            boolean range = b == '-' && k > (body.startsWith("!") ? 1 : 0) && k < body.length() - 1;
            if (range) {
                cls.append('-');
            } else if (Character.isLetterOrDigit(b)) {
                cls.append(b);
            } else {
                cls.append('\\').append(b);
            }
        }
        return cls.append(']').toString();
    }
}
