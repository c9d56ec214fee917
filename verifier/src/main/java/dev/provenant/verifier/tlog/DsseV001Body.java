package dev.provenant.verifier.tlog;

import dev.provenant.attest.json.JsonValue;
import dev.provenant.verifier.check.VerificationException;
import java.nio.charset.StandardCharsets;

/**
 * Rekor v1 {@code dsse 0.0.1}: {@code spec.payloadHash} is the digest of the envelope payload (hex) and
 * {@code spec.signatures[]} pairs each signature with the PEM of its verifier. {@code spec.envelopeHash}
 * is not compared: Rekor hashed the envelope JSON as submitted, which cannot be rebuilt byte for byte,
 * and the payload hash and the signature over PAE(type, payload) already bind the entry to the envelope.
 */
final class DsseV001Body implements BodyMatcher {

    @Override
    public void match(JsonValue spec, ExpectedBody expected) throws VerificationException {
        if (!(expected instanceof ExpectedBody.DsseEnvelope dsse)) {
            throw BodyFields.mismatch("log entry is a dsse 0.0.1, but the bundle holds a message signature");
        }
        var algorithm = BodyMatches.rekorV1Algorithm(BodyFields.text(spec, "payloadHash.algorithm"));
        BodyMatches.digest("payload hash", BodyMatches.digestOf(algorithm, BodyFields.hex(spec, "payloadHash.value")),
                BodyMatches.hash(algorithm, dsse.envelope().payloadBytes()));
        var bundleSignature = BodyMatches.onlySignature(dsse.envelope());
        JsonValue recorded = BodyFields.single(spec, "signatures");
        BodyMatches.signature(BodyFields.base64(recorded, "signature"), bundleSignature.signatureBytes());
        BodyMatches.pemVerifier(new String(BodyFields.base64(recorded, "verifier"), StandardCharsets.UTF_8), dsse.signer());
    }
}
