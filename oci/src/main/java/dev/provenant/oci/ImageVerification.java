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
        COSIGN_SIG_TAG("cosign-legacy-sig");

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

    /** One line on why nothing verified: the count, and the first failure. */
    public String failureSummary() {
        if (outcomes.isEmpty()) {
            return "no signature or attestation found for " + image.repositoryName() + "@" + digest + " (" + source.label()
                    + (skipped > 0 ? ", " + skipped + " referrers not examined" : "") + ")";
        }
        Outcome first = outcomes.get(0);
        return outcomes.size() + " bundle(s) found for " + image.repositoryName() + "@" + digest
                + ", none satisfies the policy; first: " + first.failedCheck().label() + ": " + first.reason();
    }

    /** The check a failure names: the first bundle's failed check, or the signature when none was found. */
    public Check failedCheck() {
        return outcomes.isEmpty() ? Check.SIGNATURE : outcomes.get(0).failedCheck();
    }
}
