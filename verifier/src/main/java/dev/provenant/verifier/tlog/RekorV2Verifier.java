package dev.provenant.verifier.tlog;

import dev.provenant.attest.json.JsonValue;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.verifier.check.VerificationException;
import java.security.GeneralSecurityException;

/**
 * A Rekor v2 {@code Verifier}: {@code keyDetails} plus exactly one of {@code publicKey.rawBytes} (DER
 * SubjectPublicKeyInfo) or {@code x509Certificate.rawBytes} (DER).
 */
final class RekorV2Verifier {
    private RekorV2Verifier() {}

    static void match(JsonValue verifier, SigningMaterial signer) throws VerificationException {
        boolean hasKey = verifier.hasNonNull("publicKey");
        boolean hasCertificate = verifier.hasNonNull("x509Certificate");
        if (hasKey == hasCertificate) {
            throw BodyFields.mismatch("log entry verifier must hold exactly one of publicKey and x509Certificate");
        }
        byte[] der = BodyFields.base64(verifier, hasCertificate ? "x509Certificate.rawBytes" : "publicKey.rawBytes");
        BodyMatches.verifier(hasCertificate, der, signer);
        String keyDetails = BodyFields.text(verifier, "keyDetails");
        String scheme = schemeOf(signer);
        if (!keyDetails.equals(scheme)) {
            throw BodyFields.mismatch("log entry keyDetails " + keyDetails + " is not the signer's scheme " + scheme);
        }
    }

    static SignatureAlgorithm algorithmOf(SigningMaterial signer) throws VerificationException {
        try {
            return SignatureAlgorithm.forKey(signer.publicKey());
        } catch (GeneralSecurityException e) {
            throw BodyFields.mismatch("the signer's key cannot be matched to a log entry: " + e.getMessage());
        }
    }

    private static String schemeOf(SigningMaterial signer) throws VerificationException {
        return algorithmOf(signer).sigstoreName();
    }
}
