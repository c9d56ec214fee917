package dev.provenant.verifier.vsa;

import dev.provenant.attest.intoto.Statement;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.check.Check;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A VSA whose every check held.
 *
 * @param form {@code dsse-envelope} or {@code bundle}
 * @param keyFingerprint hex SHA-256 of the signing key's SubjectPublicKeyInfo (the certificate's key, keyless)
 * @param keyId the key id the accepted signature carried, if any
 * @param payload the envelope's payload bytes, exactly as signed
 * @param bundle the bundle verification's result (signer, log entries, timestamps), for a bundle
 * @param checks the checks that passed, in order
 */
public record VerifiedVsa(String form, String keyFingerprint, Optional<String> keyId, Statement statement, byte[] payload,
        String verifierId, String resourceUri, List<String> verifiedLevels, Optional<VerificationResult> bundle,
        List<Check> checks) {
    public VerifiedVsa {
        payload = payload.clone();
        verifiedLevels = List.copyOf(verifiedLevels);
        checks = List.copyOf(checks);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifiedVsa v && form.equals(v.form) && keyFingerprint.equals(v.keyFingerprint) && keyId.equals(v.keyId)
                && statement.equals(v.statement) && Arrays.equals(payload, v.payload) && checks.equals(v.checks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload);
    }
}
