package dev.provenant.verifier.identity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a certificate value must be: exactly a string, or a regular expression the whole value
 * matches. A regular expression is anchored at both ends, as cosign's are: {@code github.com/org/}
 * must not accept {@code https://evil.example/github.com/org/x}.
 *
 * @param expression the expected value, or the regular expression
 * @param regexp whether {@code expression} is a regular expression
 */
public record ValueMatcher(String expression, boolean regexp) {

    public ValueMatcher {
        if (expression == null || expression.isEmpty()) {
            throw new IllegalArgumentException("an identity matcher needs a non-empty " + (regexp ? "regular expression" : "value"));
        }
        if (regexp) {
            Pattern.compile(expression); // PatternSyntaxException is an IllegalArgumentException naming the error
        }
    }

    public static ValueMatcher exact(String value) {
        return new ValueMatcher(value, false);
    }

    public static ValueMatcher regexp(String expression) {
        return new ValueMatcher(expression, true);
    }

    public boolean matches(String value) {
        return regexp ? Pattern.compile(expression).matcher(value).matches() : expression.equals(value);
    }

    /**
     * For a failure message: when this regular expression does not match all of {@code value} but matches a
     * part of it (as cosign, sigstore-go and sigstore-js would accept), a note saying so; otherwise empty.
     * Matching stays whole-value: the note only explains the failure.
     */
    public String partialMatchNote(String value, String what) {
        if (!regexp || value == null) {
            return "";
        }
        Pattern pattern = Pattern.compile(expression);
        if (pattern.matcher(value).matches()) {
            return "";
        }
        Matcher m = pattern.matcher(value);
        if (!m.find() || m.start() == m.end()) {
            return ""; // no part matches, or only an empty one: nothing to explain
        }
        boolean before = m.start() > 0;
        boolean after = m.end() < value.length();
        return "; the pattern matches only part of the " + what + "; patterns must match all of it, e.g. "
                + (before && after ? "add .* before it and .*$ after it" : before ? "add .* before it" : "add .*$");
    }

    /** {@code 'value'} or {@code matching /regexp/}, for messages. */
    public String describe() {
        return regexp ? "matching /" + Printable.of(expression) + "/" : "'" + Printable.of(expression) + "'";
    }
}
