package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.vsa.SubjectDigest;
import dev.provenant.verifier.vsa.VsaExpectations;
import dev.provenant.verifier.vsa.VsaTrust;
import dev.provenant.verifier.vsa.VsaVerifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A VSA as {@code verify-vsa} reads it, a bare DSSE envelope or a bundle, verified with the fixture P-256
 * key against the claims its seeds (signed by hand with Python's cryptography package, raw r||s and DER) make.
 */
class VsaFuzzTest {
    private static final VsaVerifier VERIFIER = new VsaVerifier(new BundleVerifier(Fixtures.trustedRoot()));
    private static final VsaTrust KEY;
    private static final VsaExpectations CLAIMS = new VsaExpectations(List.of(SubjectDigest.parse("gce_image_id:8970095005306000053")),
            "https://verifier.example/vsa/v1", "pkg:maven/dev.example/app@1.0", List.of("SLSA_BUILD_LEVEL_2", "BCID_L1"));

    static {
        try {
            KEY = VsaTrust.ofKey(PemPublicKeys.parse(new String(Fixtures.bytes("ec-p256.pub"), StandardCharsets.US_ASCII)),
                    Optional.of("fuzz-key"));
        } catch (FormatException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void vsa(byte[] input) throws Exception {
        Outcome.expect(() -> VERIFIER.verify(input, KEY, CLAIMS), VerificationException.class);
    }
}
