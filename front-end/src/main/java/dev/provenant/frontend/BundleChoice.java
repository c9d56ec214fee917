package dev.provenant.frontend;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.BundleLines;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Verification over a file of several bundles (JSON lines): each bundle is verified in turn, against the
 * same artifacts and policy, until one holds; the others are reported with the check that failed for them
 * (a bundle about another artifact fails its subject check and is passed over that way). When none holds,
 * the failure names each line's reason.
 *
 * @param <T> what a verification gives
 * @param line the line whose bundle held
 * @param result that bundle's verification
 * @param skipped the lines tried before it, and why each did not hold
 * @param jsonLines whether the file held JSON lines
 */
public record BundleChoice<T>(int line, T result, List<Skipped> skipped, boolean jsonLines) {

    /** A line that did not hold, and why. */
    public record Skipped(int line, Check check, String reason) {}

    /** One bundle's whole verification. */
    @FunctionalInterface
    public interface Attempt<T> {
        T verify(Bundle bundle) throws VerificationException, IOException;
    }

    public BundleChoice {
        skipped = List.copyOf(skipped);
    }

    /**
     * The first bundle of {@code lines} that {@code attempt} verifies.
     *
     * @throws VerificationException when none does: for a single bundle its own failure; for JSON lines the
     *     first line's check, and every line's reason in the message
     * @throws IOException when an artifact cannot be read
     */
    public static <T> BundleChoice<T> first(BundleLines lines, Attempt<T> attempt)
            throws VerificationException, IOException {
        List<Skipped> skipped = new ArrayList<>();
        VerificationException first = null;
        for (BundleLines.Line line : lines.lines()) {
            try {
                return new BundleChoice<>(line.number(), attempt.verify(line.bundle()), skipped, lines.jsonLines());
            } catch (VerificationException e) {
                if (!lines.jsonLines()) {
                    throw e;
                }
                if (first == null) {
                    first = e;
                }
                skipped.add(new Skipped(line.number(), e.check(), e.getMessage()));
            }
        }
        StringBuilder why = new StringBuilder("none of the " + skipped.size() + " bundle lines holds:");
        for (Skipped s : skipped) {
            why.append(s == skipped.get(0) ? " " : "; ").append("line ").append(s.line()).append(" ").append(s.check().label()).append(": ").append(s.reason());
        }
        throw new VerificationException(first.check(), why.toString(), first);
    }
}
