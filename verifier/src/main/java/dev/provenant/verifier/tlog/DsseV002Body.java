package dev.provenant.verifier.tlog;

import dev.provenant.attest.json.JsonValue;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.check.VerificationException;

/**
 * Rekor v2 {@code dsse 0.0.2}: {@code spec.dsseV002.payloadHash} is the payload digest and
 * {@code spec.dsseV002.signatures[]} the envelope signatures with their verifiers.
 */
final class DsseV002Body implements BodyMatcher {

    @Override
    public void match(JsonValue spec, ExpectedBody expected) throws VerificationException {
        if (!(expected instanceof ExpectedBody.DsseEnvelope dsse)) {
            throw BodyFields.mismatch("log entry is a dsse 0.0.2, but the bundle holds a message signature");
        }
        JsonValue entry = BodyFields.node(spec, "dsseV002");
        DigestAlgorithm algorithm = BodyMatches.rekorV2Algorithm(BodyFields.text(entry, "payloadHash.algorithm"));
        BodyMatches.digest("payload hash",
                BodyMatches.digestOf(algorithm, BodyFields.base64(entry, "payloadHash.digest")),
                BodyMatches.hash(algorithm, dsse.envelope().payloadBytes()));
        var bundleSignature = BodyMatches.onlySignature(dsse.envelope());
        JsonValue recorded = BodyFields.single(entry, "signatures");
        BodyMatches.signature(BodyFields.base64(recorded, "content"), bundleSignature.signatureBytes());
        RekorV2Verifier.match(BodyFields.node(recorded, "verifier"), dsse.signer());
    }
}
