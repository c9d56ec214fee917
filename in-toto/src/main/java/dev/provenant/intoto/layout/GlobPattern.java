package dev.provenant.intoto.layout;

import dev.provenant.attest.FormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An artifact rule's pattern as in-toto matches it, with Python's {@code fnmatch} (as of Python 3.11):
 * {@code *} spans any characters including {@code /} and leading dots, {@code ?} is one character (one
 * code point), {@code [seq]} and {@code [!seq]} are sets whose ranges and literals are read exactly as
 * {@code fnmatch.translate} reads them (reversed ranges dropped, an unclosed {@code [} literal).
 * Matching is case-sensitive, as on POSIX. This is not the gitignore flavour of exclude patterns: a
 * layout written for in-toto-verify has to consume exactly the artifacts it consumes there.
 *
 * <p>Matching simulates the pattern's automaton over the path, one set of pattern positions per path
 * character, so it costs at most the path's length times the pattern's length (in 64-position words)
 * and never backtracks, whatever the pattern.
 */
public final class GlobPattern {
    /** The longest pattern accepted, in code points: Linux's PATH_MAX, so no real artifact path is longer. */
    public static final int MAX_PATTERN_LENGTH = 4096;

    /** One pattern position: a star, or a set of code points (literal, {@code ?} or a bracket set). */
    private sealed interface Token permits Star, CodePointSet {}

    private record Star() implements Token {}

    /** Code points in {@code ranges} (inclusive pairs), or outside them when {@code negated}. */
    private record CodePointSet(boolean negated, int[] ranges) implements Token {
        static CodePointSet literal(int cp) {
            return new CodePointSet(false, new int[] {cp, cp});
        }

        static final CodePointSet ANY = new CodePointSet(true, new int[0]);
        static final CodePointSet NONE = new CodePointSet(false, new int[0]);

        boolean contains(int cp) {
            boolean in = false;
            for (int i = 0; i < ranges.length && !in; i += 2) {
                in = cp >= ranges[i] && cp <= ranges[i + 1];
            }
            return in != negated;
        }
    }

    private final String pattern;
    private final Token[] tokens;
    /** Positions whose token is a star: they stay active on any character and may be skipped. */
    private final long[] stars;
    private final int words;

    private GlobPattern(String pattern, List<Token> tokens) {
        this.pattern = pattern;
        this.tokens = tokens.toArray(Token[]::new);
        // positions 0..n, where n (all tokens consumed) accepts
        this.words = (this.tokens.length + 1 + 63) / 64;
        this.stars = new long[words];
        for (int i = 0; i < this.tokens.length; i++) {
            if (this.tokens[i] instanceof Star) {
                stars[i >>> 6] |= 1L << i;
            }
        }
    }

    public static GlobPattern of(String pattern) throws FormatException {
        if (pattern.codePointCount(0, pattern.length()) > MAX_PATTERN_LENGTH) {
            throw new FormatException("the pattern '" + pattern.substring(0, 40) + "…' is longer than " + MAX_PATTERN_LENGTH
                    + " characters");
        }
        return new GlobPattern(pattern, translate(pattern.codePoints().toArray()));
    }

    /** The pattern as the layout wrote it. */
    public String pattern() {
        return pattern;
    }

    public boolean matches(String path) {
        long[] active = new long[words];
        active[0] = 1L;
        skipStars(active);
        long[] next = new long[words];
        long[] cached = new long[words];
        int cachedCodePoint = -1;
        for (int i = 0; i < path.length(); ) {
            int cp = path.codePointAt(i);
            i += Character.charCount(cp);
            if (cp != cachedCodePoint) {
                accepting(cp, cached);
                cachedCodePoint = cp;
            }
            boolean any = false;
            long carry = 0;
            for (int w = 0; w < words; w++) {
                long step = active[w] & cached[w];
                long shifted = (step << 1) | carry;
                carry = step >>> 63;
                next[w] = (active[w] & stars[w]) | shifted;
                any |= next[w] != 0;
            }
            if (!any) {
                return false;
            }
            skipStars(next);
            long[] swap = active;
            active = next;
            next = swap;
        }
        int end = tokens.length;
        return (active[end >>> 6] & (1L << end)) != 0;
    }

    /** Positions whose set holds {@code cp}: stepping over them consumes it. */
    private void accepting(int cp, long[] out) {
        Arrays.fill(out, 0L);
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] instanceof CodePointSet set && set.contains(cp)) {
                out[i >>> 6] |= 1L << i;
            }
        }
    }

    /** A star matches the empty string too: an active star activates the position after it (stars never follow stars). */
    private void skipStars(long[] active) {
        long carry = 0;
        for (int w = 0; w < words; w++) {
            long skip = active[w] & stars[w];
            long shifted = (skip << 1) | carry;
            carry = skip >>> 63;
            active[w] |= shifted;
        }
    }

    /** fnmatch.translate, producing positions instead of a regular expression. */
    private static List<Token> translate(int[] pat) {
        List<Token> out = new ArrayList<>();
        int n = pat.length;
        int i = 0;
        while (i < n) {
            int c = pat[i++];
            if (c == '*') {
                if (out.isEmpty() || !(out.get(out.size() - 1) instanceof Star)) {
                    out.add(new Star());
                }
            } else if (c == '?') {
                out.add(CodePointSet.ANY);
            } else if (c == '[') {
                int j = i;
                if (j < n && pat[j] == '!') {
                    j++;
                }
                if (j < n && pat[j] == ']') {
                    j++;
                }
                while (j < n && pat[j] != ']') {
                    j++;
                }
                if (j >= n) {
                    out.add(CodePointSet.literal('['));
                } else {
                    out.add(bracket(pat, i, j));
                    i = j + 1;
                }
            } else {
                out.add(CodePointSet.literal(c));
            }
        }
        return out;
    }

    /**
     * The set {@code pat[start, end)} (between the brackets), read as fnmatch reads it: the text is cut
     * into chunks at each hyphen that makes a range, a range whose ends are reversed is dropped together
     * with its ends, and what is left is a regular-expression set in which only the hyphens between chunks
     * are ranges; a leading {@code !} then negates it.
     */
    private static CodePointSet bracket(int[] pat, int start, int end) {
        List<int[]> chunks = new ArrayList<>();
        int i = start;
        int k = pat[start] == '!' ? start + 2 : start + 1;
        while (true) {
            k = indexOf(pat, '-', k, end);
            if (k < 0) {
                break;
            }
            chunks.add(Arrays.copyOfRange(pat, i, k));
            i = k + 1;
            k = k + 3;
        }
        if (i < end) {
            chunks.add(Arrays.copyOfRange(pat, i, end));
        } else if (chunks.isEmpty()) {
            chunks.add(new int[0]);
        } else {
            int[] last = chunks.get(chunks.size() - 1);
            int[] withHyphen = Arrays.copyOf(last, last.length + 1);
            withHyphen[last.length] = '-';
            chunks.set(chunks.size() - 1, withHyphen);
        }
        for (int c = chunks.size() - 1; c > 0; c--) {
            int[] before = chunks.get(c - 1);
            int[] after = chunks.get(c);
            if (before[before.length - 1] > after[0]) {
                int[] merged = new int[before.length - 1 + after.length - 1];
                System.arraycopy(before, 0, merged, 0, before.length - 1);
                System.arraycopy(after, 1, merged, before.length - 1, after.length - 1);
                chunks.set(c - 1, merged);
                chunks.remove(c);
            }
        }
        if (chunks.size() == 1 && chunks.get(0).length == 0) {
            return CodePointSet.NONE;
        }
        boolean negated = chunks.get(0)[0] == '!';
        if (negated) {
            chunks.set(0, Arrays.copyOfRange(chunks.get(0), 1, chunks.get(0).length));
        }
        // each chunk's code points are literals, except that the last of one chunk and the first of the
        // next are the ends of a range; chunks after the first have two or more code points
        List<Integer> ranges = new ArrayList<>();
        for (int c = 0; c < chunks.size(); c++) {
            int[] chunk = chunks.get(c);
            int from = c == 0 ? 0 : 1;
            int to = c == chunks.size() - 1 ? chunk.length : chunk.length - 1;
            for (int p = from; p < to; p++) {
                ranges.add(chunk[p]);
                ranges.add(chunk[p]);
            }
            if (c < chunks.size() - 1) {
                if (chunk.length == 0) {
                    // "[!" with a reversed first range merged away: the range starts at nothing, as no set does
                    continue;
                }
                ranges.add(chunk[chunk.length - 1]);
                ranges.add(chunks.get(c + 1)[0]);
            }
        }
        if (negated && ranges.isEmpty()) {
            return CodePointSet.ANY;
        }
        return new CodePointSet(negated, ranges.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int indexOf(int[] pat, int cp, int from, int end) {
        for (int i = from; i < end; i++) {
            if (pat[i] == cp) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobPattern g && g.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
