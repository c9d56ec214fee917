package dev.provenant.attest.text;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Makes text from untrusted evidence (links, bundles, certificates, statements) safe to print on a
 * terminal or into a build log. A terminal obeys control characters: an escape sequence in a
 * certificate's identity could clear the line, move the cursor or recolour the output, and a carriage
 * return or newline inside a step name could print a line that looks like Provenant's own "Verified OK".
 *
 * <p>Every character a terminal might act on is written as a visible {@code \}{@code uXXXX} escape:
 * C0 controls, DEL, C1 controls, the Unicode line and paragraph separators and the bidirectional
 * embedding, override and isolate marks (which reorder what is shown). The escape has JSON's form, so
 * a JSON document passed through {@link #writer} stays valid and means the same.
 */
public final class TerminalText {
    private TerminalText() {}

    /**
     * One untrusted value for one line of output: every character a terminal acts on, newline and tab
     * included, is escaped; anything else is kept.
     */
    public static String line(String value) {
        if (value == null) {
            return null;
        }
        int n = value.length();
        for (int i = 0; i < n; i++) {
            if (needsEscape(value.charAt(i), false)) {
                return escape(value, false);
            }
        }
        return value;
    }

    /**
     * A writer for a whole output stream: as {@link #line}, except that newline and tab pass through,
     * since the program's own output is made of lines. Values that could carry a newline of their own
     * must still go through {@link #line}.
     */
    public static Writer writer(Writer out) {
        return new EscapingWriter(out);
    }

    static boolean needsEscape(char c, boolean allowLayout) {
        if (c < 0x20) {
            return !(allowLayout && (c == '\n' || c == '\t'));
        }
        return c == 0x7f
                || (c >= 0x80 && c <= 0x9f)
                || c == 0x061c // Arabic letter mark
                || c == 0x200e || c == 0x200f // left-to-right and right-to-left marks
                || c == 0x2028 || c == 0x2029 // line and paragraph separators
                || (c >= 0x202a && c <= 0x202e) // embeddings and overrides
                || (c >= 0x2066 && c <= 0x2069); // isolates
    }

    private static String escape(String value, boolean allowLayout) {
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            appendEscaped(sb, value.charAt(i), allowLayout);
        }
        return sb.toString();
    }

    private static void appendEscaped(StringBuilder sb, char c, boolean allowLayout) {
        if (!needsEscape(c, allowLayout)) {
            sb.append(c);
            return;
        }
        sb.append("\\u");
        String hex = Integer.toHexString(c);
        for (int pad = hex.length(); pad < 4; pad++) {
            sb.append('0');
        }
        sb.append(hex);
    }

    private static final class EscapingWriter extends FilterWriter {
        EscapingWriter(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            char ch = (char) c;
            if (needsEscape(ch, true)) {
                StringBuilder sb = new StringBuilder(6);
                appendEscaped(sb, ch, true);
                out.write(sb.toString());
            } else {
                out.write(c);
            }
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            int start = off;
            int end = off + len;
            for (int i = off; i < end; i++) {
                if (needsEscape(cbuf[i], true)) {
                    out.write(cbuf, start, i - start);
                    write(cbuf[i]);
                    start = i + 1;
                }
            }
            out.write(cbuf, start, end - start);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            write(str.toCharArray(), off, len);
        }
    }
}
