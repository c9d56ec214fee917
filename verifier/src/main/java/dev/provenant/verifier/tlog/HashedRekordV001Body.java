package dev.provenant.verifier.tlog;

import dev.provenant.attest.json.JsonValue;
import dev.provenant.verifier.check.VerificationException;
import java.nio.charset.StandardCharsets;

/**
 * Rekor v1 {@code hashedrekord 0.0.1}: {@code spec.data.hash} is the artifact digest (hex),
 * {@code spec.signature.content} the signature and {@code spec.signature.publicKey.content} the PEM
 * of the key or certificate.
 */
final class HashedRekordV001Body implements BodyMatcher {

    @Override
    public void match(JsonValue spec, ExpectedBody expected) throws VerificationException {
        if (!(expected instanceof ExpectedBody.ArtifactSignature artifact)) {
            throw BodyFields.mismatch("log entry is a hashedrekord 0.0.1, but the bundle signs a DSSE envelope");
        }
        var algorithm = BodyMatches.rekorV1Algorithm(BodyFields.text(spec, "data.hash.algorithm"));
        BodyMatches.digest("artifact digest",
                BodyMatches.digestOf(algorithm, BodyFields.hex(spec, "data.hash.value")), artifact.artifactDigest());
        BodyMatches.signature(BodyFields.base64(spec, "signature.content"), artifact.signature());
        String pem = new String(BodyFields.base64(spec, "signature.publicKey.content"), StandardCharsets.UTF_8);
        BodyMatches.pemVerifier(pem, artifact.signer());
    }
}
