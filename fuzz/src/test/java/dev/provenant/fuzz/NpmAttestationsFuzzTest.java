package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.npm.NpmAttestations;

/** The npm registry's attestations document as {@code verify-npm-package} reads it: the two bundles it must hold. */
class NpmAttestationsFuzzTest {
    @FuzzTest(maxDuration = "3s")
    void npmAttestations(byte[] input) throws Exception {
        Outcome.expect(() -> NpmAttestations.parse(input), VerificationException.class);
    }
}
