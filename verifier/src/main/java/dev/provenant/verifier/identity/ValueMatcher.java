package dev.provenant.verifier.identity;

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

    /** {@code 'value'} or {@code matching /regexp/}, for messages. */
    public String describe() {
        return regexp ? "matching /" + Printable.of(expression) + "/" : "'" + Printable.of(expression) + "'";
    }
}
