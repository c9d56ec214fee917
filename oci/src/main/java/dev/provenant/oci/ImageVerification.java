package dev.provenant.oci;

import dev.provenant.attest.digest.Digest;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.VerificationResult;
import java.util.List;
import java.util.Optional;

/**
 * What verifying an image found: every signature or attestation examined, each with its verdict.
 *
 * @param image the image as it was named
 * @param digest the manifest digest verified
 * @param tagResolved true when the image was named by tag alone and the tag was resolved to {@code digest}
 * @param source where the referrers were listed
 * @param outcomes one per bundle or legacy signature examined, in the order examined
 * @param skipped referrers not examined because {@link ImageVerifier#MAX_CANDIDATES} were
 */
public record ImageVerification(ImageReference image, Digest digest, boolean tagResolved, Referrers.Source source,
        List<Outcome> outcomes, int skipped) {
    public ImageVerification {
        outcomes = List.copyOf(outcomes);
    }

    /** How a signature was stored. */
    public enum Layout {
        /** A Sigstore bundle v0.3 as an OCI 1.1 referrer (cosign v3, GitHub attestations). */
        SIGSTORE_BUNDLE("sigstore-bundle"),
        /** cosign's legacy {@code sha256-HEX.sig} tag: simple-signing payloads, signatures in annotations. */
        COSIGN_SIG_TAG("cosign-legacy-sig"),
        /** cosign's legacy {@code sha256-HEX.att} tag: DSSE envelopes, one per layer. */
        COSIGN_ATT_TAG("cosign-legacy-att");

        private final String label;

        Layout(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One bundle examined.
     *
     * @param manifest the digest of the referrer manifest (or of the legacy signature tag's manifest)
     * @param predicateType the predicate type the referrer's annotation names, or null
     * @param result the verification result when it verified
     * @param failedCheck the check that failed when it did not
     * @param reason why it did not verify
     */
    public record Outcome(Layout layout, String where, Digest manifest, String predicateType, Optional<VerificationResult> result,
            Check failedCheck, String reason) {
        public boolean verified() {
            return result.isPresent();
        }
    }

    public boolean passed() {
        return outcomes.stream().anyMatch(Outcome::verified);
    }

    public Optional<Outcome> firstVerified() {
        return outcomes.stream().filter(Outcome::verified).findFirst();
    }

    /** The first outcome that did not verify, in the order examined. */
    public Optional<Outcome> firstFailure() {
        return outcomes.stream().filter(o -> !o.verified()).findFirst();
    }

    /**
     * One line on what was found: the count, how many verified, and the first failure (which need not be
     * the first outcome: a verified bundle may come before it).
     */
    public String failureSummary() {
        if (outcomes.isEmpty()) {
            return "no signature or attestation found for " + image.repositoryName() + "@" + digest + " (" + source.label()
                    + (skipped > 0 ? ", " + skipped + " referrers not examined" : "") + ")";
        }
        long verified = outcomes.stream().filter(Outcome::verified).count();
        String found = outcomes.size() + " bundle(s) found for " + image.repositoryName() + "@" + digest + ", "
                + (verified == 0 ? "none satisfies the policy" : verified + " verified");
        return firstFailure().map(f -> found + "; first failure: " + f.failedCheck().label() + ": " + f.reason()).orElse(found);
    }

    /**
     * The check a failure names: the first failed outcome's check, or the signature when nothing was
     * found; null when every outcome verified.
     */
    public Check failedCheck() {
        if (outcomes.isEmpty()) {
            return Check.SIGNATURE;
        }
        return firstFailure().map(Outcome::failedCheck).orElse(null);
    }
}
