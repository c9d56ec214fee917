package dev.provenant.verifier.tlog;

import dev.provenant.attest.json.JsonValue;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.check.VerificationException;

/**
 * Rekor v2 {@code hashedrekord 0.0.2}: {@code spec.hashedRekordV002.data} is the signed digest and
 * {@code spec.hashedRekordV002.signature} the signature with its verifier. Rekor v2 also logs DSSE
 * envelopes this way ("hashedrekord over DSSE"): the digest is then the hash of PAE(type, payload) with
 * the signer's scheme hash, and the signature is the envelope's.
 */
final class HashedRekordV002Body implements BodyMatcher {

    @Override
    public void match(JsonValue spec, ExpectedBody expected) throws VerificationException {
        JsonValue entry = BodyFields.node(spec, "hashedRekordV002");
        DigestAlgorithm algorithm = BodyMatches.rekorV2Algorithm(BodyFields.text(entry, "data.algorithm"));
        Digest recorded = BodyMatches.digestOf(algorithm, BodyFields.base64(entry, "data.digest"));
        byte[] signature;
        if (expected instanceof ExpectedBody.ArtifactSignature artifact) {
            BodyMatches.digest("artifact digest", recorded, artifact.artifactDigest());
            signature = artifact.signature();
        } else {
            var dsse = (ExpectedBody.DsseEnvelope) expected;
            var scheme = RekorV2Verifier.algorithmOf(dsse.signer());
            DigestAlgorithm schemeHash = scheme.hash().orElseThrow(() -> BodyFields.mismatch(
                    "a hashedrekord over DSSE needs a prehashed signature scheme, the signer's is " + scheme.sigstoreName()));
            BodyMatches.digest("PAE digest", recorded, BodyMatches.hash(schemeHash, dsse.envelope().pae()));
            signature = BodyMatches.onlySignature(dsse.envelope()).signatureBytes();
        }
        BodyMatches.signature(BodyFields.base64(entry, "signature.content"), signature);
        RekorV2Verifier.match(BodyFields.node(entry, "signature.verifier"), expected.signer());
    }
}
