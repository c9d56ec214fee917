package dev.provenant.intoto.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The gitignore-style patterns in-toto uses to leave artifacts out of a link (pathspec's
 * "gitwildmatch" flavour): a pattern without a slash matches a name at any depth, a match on a
 * directory covers everything below it, {@code **} spans directories, {@code !} re-includes, and the
 * last matching pattern decides.
 */
public final class ExcludePatterns {
    /** in-toto's ARTIFACT_EXCLUDE_PATTERNS: link files themselves, Git metadata, Python bytecode, editor backups. */
    public static final List<String> IN_TOTO_DEFAULTS = List.of("*.link*", ".git", "*.pyc", "*~");

    private record Rule(Pattern regex, boolean exclude) {}

    private final List<Rule> rules;

    private ExcludePatterns(List<Rule> rules) {
        this.rules = rules;
    }

    public static ExcludePatterns none() {
        return new ExcludePatterns(List.of());
    }

    public static ExcludePatterns inTotoDefaults() {
        return of(IN_TOTO_DEFAULTS);
    }

    /** @throws IllegalArgumentException for a pattern that cannot be compiled, naming it */
    public static ExcludePatterns of(List<String> patterns) {
        List<Rule> rules = new ArrayList<>();
        for (String p : patterns) {
            Rule rule = compile(p);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return new ExcludePatterns(List.copyOf(rules));
    }

    /** True when {@code path} (relative, slash-separated) is excluded. */
    public boolean excludes(String path) {
        String name = path.startsWith("/") ? path.substring(1) : path.startsWith("./") ? path.substring(2) : path;
        boolean excluded = false;
        for (Rule r : rules) {
            if (r.regex.matcher(name).matches()) {
                excluded = r.exclude;
            }
        }
        return excluded;
    }

    private static Rule compile(String original) {
        String pattern = original.strip();
        if (pattern.isEmpty() || pattern.startsWith("#") || pattern.equals("/")) {
            return null;
        }
        boolean exclude = true;
        if (pattern.startsWith("!")) {
            exclude = false;
            pattern = pattern.substring(1);
        }
        List<String> segments = new ArrayList<>(Arrays.asList(pattern.split("/", -1)));
        for (int i = segments.size() - 1; i > 0; i--) {
            if (segments.get(i).equals("**") && segments.get(i - 1).equals("**")) {
                segments.remove(i);
            }
        }
        if (segments.size() == 2 && segments.get(0).equals("**") && segments.get(1).isEmpty()) {
            return new Rule(Pattern.compile("^.+/.*$", Pattern.DOTALL), exclude);
        }
        if (segments.get(0).isEmpty()) {
            segments.remove(0); // a leading slash anchors the pattern at the top
        } else if ((segments.size() == 1 || (segments.size() == 2 && segments.get(1).isEmpty()))
                && !segments.get(0).equals("**")) {
            segments.add(0, "**"); // a lone name matches at any depth
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("invalid exclude pattern '" + original + "'");
        }
        if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
            segments.set(segments.size() - 1, "**"); // a trailing slash: everything below
        }
        StringBuilder regex = new StringBuilder("^");
        boolean needSlash = false;
        int end = segments.size() - 1;
        for (int i = 0; i <= end; i++) {
            String seg = segments.get(i);
            if (seg.equals("**")) {
                if (i == 0 && i == end) {
                    regex.append("[^/]+(?:/.*)?");
                } else if (i == 0) {
                    regex.append("(?:.+/)?");
                    needSlash = false;
                } else if (i == end) {
                    regex.append("/.*");
                } else {
                    regex.append("(?:/.+)?");
                    needSlash = true;
                }
                continue;
            }
            if (needSlash) {
                regex.append('/');
            }
            regex.append(seg.equals("*") ? "[^/]+" : segmentGlob(seg, original));
            if (i == end) {
                regex.append("(?:/.*)?");
            }
            needSlash = true;
        }
        regex.append('$');
        return new Rule(Pattern.compile(regex.toString(), Pattern.DOTALL), exclude);
    }

    /** One path segment's glob: {@code *}, {@code ?}, bracket expressions and backslash escapes. */
    private static String segmentGlob(String seg, String original) {
        StringBuilder out = new StringBuilder();
        boolean escape = false;
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (escape) {
                out.append(Pattern.quote(String.valueOf(c)));
                escape = false;
            } else if (c == '\\') {
                escape = true;
            } else if (c == '*') {
                out.append("[^/]*");
            } else if (c == '?') {
                out.append("[^/]");
            } else if (c == '[') {
                int j = i + 1;
                if (j < seg.length() && (seg.charAt(j) == '!' || seg.charAt(j) == '^')) {
                    j++;
                }
                if (j < seg.length() && seg.charAt(j) == ']') {
                    j++;
                }
                while (j < seg.length() && seg.charAt(j) != ']') {
                    j++;
                }
                if (j >= seg.length()) {
                    out.append("\\[");
                    continue;
                }
                String body = seg.substring(i + 1, j);
                StringBuilder cls = new StringBuilder("[");
                int k = 0;
                if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
                    cls.append('^');
                    k = 1;
                }
                for (; k < body.length(); k++) {
                    char b = body.charAt(k);
                    cls.append(b == '\\' || b == '[' || b == '&' || b == '^' ? "\\" + b : String.valueOf(b));
                }
                out.append(cls).append(']');
                i = j;
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (escape) {
            throw new IllegalArgumentException("invalid exclude pattern '" + original + "': trailing backslash");
        }
        return out.toString();
    }
}
