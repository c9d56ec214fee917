package dev.provenant.verifier.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.BundleVersion;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.trust.SharedTestData;
import dev.provenant.verifier.trust.TrustedRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the log entries of the Sigstore conformance suite's bundles through {@link TlogEntryVerifier}.
 * Only the cases whose verdict rests on the log entry are here; the rest fail on checks other classes make.
 */
class ConformanceTlogTest {
    private final TlogEntryVerifier verifier = new TlogEntryVerifier();

    @ParameterizedTest
    @ValueSource(strings = {
        "managed-key-happy-path",
        "managed-key-and-trusted-root",
        "happy-path-v0.1",
        "happy-path-v0.2",
        "happy-path-v0.3",
        "happy-path-v0.3-new-mediaType",
        "happy-path-intoto-in-dsse-v3",
        "intoto-with-custom-trust-root",
        "bundle-with-sct-with-extensions",
        "trust-root-tlog-validity-end-inclusive",
        "rekor2-happy-path",
        "rekor2-checkpoint-cosigned",
        "rekor2-checkpoint-multiple-cosigs",
        "rekor2-checkpoint-origin-not-first",
        "rekor2-checkpoint-two-sigs-cosigned",
        "rekor2-checkpoint-two-sigs-from-origin",
        "rekor2-dsse-happy-path",
        "rekor2-timestamp-with-embedded-cert",
        "rekor2-timestamp-without-embedded-cert",
        // This one fails on the certificate's validity at the integrated time, not on the log entry.
        "integrated-time-in-future_fail",
    })
    void verifiesTheLogEntryOf(String caseName) throws VerificationException {
        Bundle bundle = SharedTestData.bundle(caseName);
        TrustedRoot root = SharedTestData.trustedRootFor(caseName);

        for (TransparencyLogEntry entry : bundle.verificationMaterial().tlogEntries()) {
            VerifiedEntry verified = verifier.verify(entry, bundle.version(), root, ConformanceExpectations.of(caseName, bundle));

            assertThat(verified.logIndex()).isEqualTo(entry.logIndex());
            assertThat(verified.inclusionProofVerified()).isEqualTo(entry.inclusionProof() != null);
            assertThat(verified.checkpointVerified() || verified.setVerified()).isTrue();
            assertThat(verified.setVerified()).isEqualTo(entry.inclusionPromise() != null);
            assertThat(verified.type().rekorV2()).isEqualTo(entry.kindVersion().version().equals("0.0.2")
                    && !entry.kindVersion().kind().equals("intoto"));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "set-invalid-signature_fail, TLOG_SET",
        "checkpoint-wrong-roothash_fail, TLOG_CHECKPOINT",
        "invalid-checkpoint-signature_fail, TLOG_CHECKPOINT",
        "checkpoint-bad-keyhint_fail, TLOG_CHECKPOINT",
        "inclusion-proof-corrupted-hash_fail, TLOG_INCLUSION_PROOF",
        "rekor2-checkpoint-missing-log-signature_fail, TLOG_CHECKPOINT",
        "rekor2-checkpoint-missing-origin_fail, TLOG_CHECKPOINT",
        "rekor2-checkpoint-missing-root-hash_fail, TLOG_CHECKPOINT",
        "rekor2-checkpoint-missing-size_fail, TLOG_CHECKPOINT",
        "rekor2-checkpoint-no-matching-signature_fail, TLOG_CHECKPOINT",
        "rekor2-dsse-mismatch-envelope_fail, TLOG_BODY",
        "rekor2-dsse-mismatch-sig_fail, TLOG_BODY",
        "dsse-mismatch-envelope_fail, TLOG_BODY",
        "dsse-mismatch-sig_fail, TLOG_BODY",
        // The envelope's signature was replaced after logging, so it is no longer the logged one.
        "dsse-invalid-sig_fail, TLOG_BODY",
        "rekor2-dsse-invalid-sig_fail, TLOG_BODY",
        "intoto-log-entry-mismatch_fail, TLOG_BODY",
        "wrong-hashedrekord-entry_fail, TLOG_BODY",
        "wrong-hashedrekord-artifact_fail, TLOG_BODY",
        "wrong-hashedrekord-cert-and-sig_fail, TLOG_BODY",
        "managed-key-wrong-key_fail, TLOG_BODY",
        "trust-root-tlog-missing-validity-start_fail, TLOG_KEY",
        "bundle-from-wrong-instance_fail, TLOG_KEY",
    })
    void rejectsTheLogEntryOf(String caseName, Check expected) {
        Bundle bundle = SharedTestData.bundle(caseName);
        TrustedRoot root = SharedTestData.trustedRootFor(caseName);
        TransparencyLogEntry entry = bundle.verificationMaterial().tlogEntries().get(0);

        assertThatThrownBy(() -> verifier.verify(entry, bundle.version(), root, ConformanceExpectations.of(caseName, bundle)))
                .isInstanceOfSatisfying(VerificationException.class, e -> {
                    assertThat(e.check()).as(e.getMessage()).isEqualTo(expected);
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }

    /**
     * Same payload and signature, another payloadType. intoto 0.0.2 records the type; Rekor v2's
     * hashedrekord over DSSE records the PAE digest, which covers it. (dsse 0.0.1 records neither: there
     * the caller's signature check over PAE is what catches it.)
     */
    @ParameterizedTest
    @CsvSource({
        "intoto-with-custom-trust-root, payloadType",
        "rekor2-dsse-happy-path, PAE digest",
    })
    void rejectsAnEnvelopeWithAnotherPayloadType(String caseName, String reason) {
        Bundle bundle = SharedTestData.bundle(caseName);
        Envelope original = bundle.dsseEnvelope();
        Envelope retyped = new Envelope(original.payload(), "application/vnd.example+json", original.signatures());
        ExpectedBody expected = ExpectedBody.envelope(retyped, ConformanceExpectations.signer(caseName, bundle));
        TransparencyLogEntry entry = bundle.verificationMaterial().tlogEntries().get(0);

        assertThatThrownBy(() -> verifier.verify(entry, bundle.version(), SharedTestData.trustedRootFor(caseName), expected))
                .isInstanceOfSatisfying(VerificationException.class, e -> {
                    assertThat(e.check()).as(e.getMessage()).isEqualTo(Check.TLOG_BODY);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @Test
    void rejectsTheStaleInclusionProofOfInvalidInclusionProofFail() {
        // The bundle is v0.2, whose format requires a checkpoint this proof lacks; read under v0.1 rules
        // (no checkpoint needed) the proof itself must still fail.
        String caseName = "invalid-inclusion-proof_fail";
        Bundle bundle = SharedTestData.bundle(caseName, json -> json.put("mediaType", BundleVersion.V0_1.mediaType()));
        TransparencyLogEntry entry = bundle.verificationMaterial().tlogEntries().get(0);

        assertThatThrownBy(() -> verifier.verify(entry, BundleVersion.V0_1, SharedTestData.trustedRootFor(caseName),
                        ConformanceExpectations.of(caseName, bundle)))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.check()).as(e.getMessage()).isEqualTo(Check.TLOG_INCLUSION_PROOF));
    }
}
