package dev.provenant.verifier.vsa;

import java.util.Objects;

/**
 * One digest a VSA must name among its subjects' digests: an in-toto digest-set algorithm and its value,
 * of any kind ({@code sha256:HEX}, {@code gce_image_id:8970095005306000053}). Compared exactly, as
 * slsa-verifier compares them: in-toto writes hex digests in lowercase, so must the caller.
 */
public record SubjectDigest(String algorithm, String value) {
    public SubjectDigest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        if (algorithm.isEmpty() || value.isEmpty()) {
            throw new IllegalArgumentException("a subject digest needs an algorithm and a value, as TYPE:VALUE");
        }
    }

    /**
     * Reads {@code TYPE:VALUE}, split at the first colon.
     *
     * @throws IllegalArgumentException when there is no colon, or either side is empty
     */
    public static SubjectDigest parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("subject digest '" + text + "' is not TYPE:VALUE, e.g. sha256:HEX");
        }
        return new SubjectDigest(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return algorithm + ":" + value;
    }
}
