package dev.provenant.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.bundle.BundleVersion;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.check.Check;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The summary of an image verification, whatever order its outcomes came in. */
class ImageVerificationTest {
    private static final ImageReference IMAGE = ImageReference.parse("127.0.0.1:5000/app:v1");
    private static final Digest DIGEST = Manifest.sha256("image".getBytes(StandardCharsets.UTF_8));

    private static ImageVerification.Outcome verified() {
        VerificationResult r = new VerificationResult(BundleVersion.V0_3, "dsse", SignatureAlgorithm.ECDSA_P256_SHA256,
                "00", Optional.empty(), List.of(DIGEST), Optional.empty(), List.of(), List.of(), List.of(Check.SIGNATURE));
        return new ImageVerification.Outcome(ImageVerification.Layout.SIGSTORE_BUNDLE, "fallback tag", DIGEST,
                SigstoreLayout.SIGN_PREDICATE_TYPE, Optional.of(r), null, null);
    }

    private static ImageVerification.Outcome failed(Check check, String reason) {
        return new ImageVerification.Outcome(ImageVerification.Layout.COSIGN_SIG_TAG, "sha256-x.sig", DIGEST,
                SigstoreLayout.SIGN_PREDICATE_TYPE, Optional.empty(), check, reason);
    }

    @Test
    void aVerifiedFirstOutcomeDoesNotHideTheFirstFailure() {
        ImageVerification v = new ImageVerification(IMAGE, DIGEST, false, Referrers.Source.FALLBACK_TAG,
                List.of(verified(), failed(Check.IDENTITY, "wrong signer")), 0);
        assertThat(v.failedCheck()).isEqualTo(Check.IDENTITY);
        assertThat(v.failureSummary()).contains("2 bundle(s)").contains("first failure: certificate identity: wrong signer");
    }

    @Test
    void onlyVerifiedOutcomesHaveNoFailureToName() {
        ImageVerification v = new ImageVerification(IMAGE, DIGEST, false, Referrers.Source.FALLBACK_TAG, List.of(verified()), 0);
        assertThat(v.passed()).isTrue();
        assertThat(v.failedCheck()).isNull();
        assertThat(v.failureSummary()).contains("1 bundle(s)").contains("1 verified");
    }

    @Test
    void failuresOnlyNameTheFirst() {
        ImageVerification v = new ImageVerification(IMAGE, DIGEST, false, Referrers.Source.FALLBACK_TAG,
                List.of(failed(Check.SIGNATURE, "bad"), failed(Check.IDENTITY, "other")), 0);
        assertThat(v.failedCheck()).isEqualTo(Check.SIGNATURE);
        assertThat(v.failureSummary()).contains("none satisfies the policy").contains("first failure: signature: bad");
    }

    @Test
    void nothingFoundIsASignatureFailure() {
        ImageVerification v = new ImageVerification(IMAGE, DIGEST, false, Referrers.Source.FALLBACK_TAG, List.of(), 3);
        assertThat(v.failedCheck()).isEqualTo(Check.SIGNATURE);
        assertThat(v.failureSummary()).startsWith("no signature or attestation found").contains("3 referrers not examined");
    }
}
