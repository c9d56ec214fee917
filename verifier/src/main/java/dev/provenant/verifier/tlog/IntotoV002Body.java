package dev.provenant.verifier.tlog;

import dev.provenant.attest.json.JsonValue;
import dev.provenant.verifier.check.VerificationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Rekor v1 {@code intoto 0.0.2}: {@code spec.content.envelope} is the DSSE envelope with its byte fields
 * base64-encoded once more (the payload and each {@code sig} are base64 of the envelope's base64 text,
 * {@code publicKey} is base64 of PEM), and {@code spec.content.payloadHash} the payload digest (hex).
 * {@code spec.content.hash} (over Rekor's own re-serialisation of the envelope) is not compared.
 */
final class IntotoV002Body implements BodyMatcher {

    @Override
    public void match(JsonValue spec, ExpectedBody expected) throws VerificationException {
        if (!(expected instanceof ExpectedBody.DsseEnvelope dsse)) {
            throw BodyFields.mismatch("log entry is an intoto 0.0.2, but the bundle holds a message signature");
        }
        byte[] payload = dsse.envelope().payloadBytes();
        var algorithm = BodyMatches.rekorV1Algorithm(BodyFields.text(spec, "content.payloadHash.algorithm"));
        BodyMatches.digest("payload hash",
                BodyMatches.digestOf(algorithm, BodyFields.hex(spec, "content.payloadHash.value")),
                BodyMatches.hash(algorithm, payload));
        if (!BodyFields.text(spec, "content.envelope.payloadType").equals(dsse.envelope().payloadType())) {
            throw BodyFields.mismatch("log entry payloadType is not the envelope's payloadType");
        }
        // Rekor may drop the payload from the stored body; when it kept it, it must be the same payload.
        if (spec.path("content").path("envelope").hasNonNull("payload")
                && !MessageDigest.isEqual(twiceDecoded(spec, "content.envelope.payload"), payload)) {
            throw BodyFields.mismatch("log entry payload is not the envelope's payload");
        }
        var bundleSignature = BodyMatches.onlySignature(dsse.envelope());
        JsonValue recorded = BodyFields.single(spec, "content.envelope.signatures");
        BodyMatches.signature(twiceDecoded(recorded, "sig"), bundleSignature.signatureBytes());
        BodyMatches.pemVerifier(new String(BodyFields.base64(recorded, "publicKey"), StandardCharsets.UTF_8), dsse.signer());
    }

    private static byte[] twiceDecoded(JsonValue node, String path) throws VerificationException {
        String inner = new String(BodyFields.base64(node, path), StandardCharsets.US_ASCII);
        try {
            return Base64.getDecoder().decode(inner.strip());
        } catch (IllegalArgumentException e) {
            throw BodyFields.mismatch("log entry field " + path + " does not hold base64 text");
        }
    }
}
