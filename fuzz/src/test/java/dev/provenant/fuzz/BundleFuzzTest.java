package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.identity.IdentityPolicy;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * A Sigstore bundle: read, then verified end to end against the stack that signed the seeds (certificate,
 * SCT, log entry body, inclusion proof, checkpoint, timestamps, signature).
 */
class BundleFuzzTest {
    private static final BundleVerifier VERIFIER = new BundleVerifier(Fixtures.trustedRoot());
    private static final List<Artifact> ARTIFACT = List.of(new Artifact.DigestArtifact(sha256(Fixtures.bytes(Fixtures.ARTIFACT))));
    private static final VerificationPolicy ANYONE = VerificationPolicy.ofIdentity(IdentityPolicy.of(null, ".*", null, ".*"));

    @FuzzTest(maxDuration = "5s")
    void bundle(byte[] input) throws Exception {
        Outcome.expect(() -> {
            Bundle bundle = Bundle.parse(input);
            VERIFIER.verify(bundle, ARTIFACT, ANYONE);
        }, FormatException.class, VerificationException.class);
    }

    static Digest sha256(byte[] data) {
        try {
            return Digest.ofHex(DigestAlgorithm.SHA256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
