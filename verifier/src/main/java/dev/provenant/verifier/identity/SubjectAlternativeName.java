package dev.provenant.verifier.identity;

import java.util.Objects;

/**
 * One name of a certificate's Subject Alternative Name extension. Fulcio writes exactly one: an email
 * address, a URI (CI workflow, SPIFFE ID) or a username in an otherName of type
 * {@code 1.3.6.1.4.1.57264.1.7}.
 */
public record SubjectAlternativeName(Kind kind, String value) {

    public enum Kind {
        EMAIL,
        URI,
        /** otherName {@code 1.3.6.1.4.1.57264.1.7}: a username. */
        USERNAME,
        /** Any other GeneralName (DNS name, IP address, foreign otherName...); never matches an identity policy. */
        OTHER
    }

    public SubjectAlternativeName {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
