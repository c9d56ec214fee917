package dev.provenant.verifier.tlog;

import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.dsse.Envelope;

/**
 * What a log entry body must say for it to be the entry of this bundle. The bundle's own signature,
 * key and digest are only trusted after the log confirms it recorded exactly them.
 */
public sealed interface ExpectedBody {

    SigningMaterial signer();

    /** A bundle with a {@code messageSignature}: a signature over an artifact digest. */
    static ExpectedBody messageSignature(Digest artifactDigest, byte[] signature, SigningMaterial signer) {
        return new ArtifactSignature(artifactDigest, signature, signer);
    }

    /** A bundle with a {@code dsseEnvelope}. */
    static ExpectedBody envelope(Envelope envelope, SigningMaterial signer) {
        return new DsseEnvelope(envelope, signer);
    }

    record ArtifactSignature(Digest artifactDigest, byte[] signature, SigningMaterial signer) implements ExpectedBody {
        public ArtifactSignature {
            if (artifactDigest == null || signature == null || signer == null) {
                throw new IllegalArgumentException("an expected message signature needs a digest, a signature and a signer");
            }
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    record DsseEnvelope(Envelope envelope, SigningMaterial signer) implements ExpectedBody {
        public DsseEnvelope {
            if (envelope == null || signer == null) {
                throw new IllegalArgumentException("an expected envelope needs the envelope and a signer");
            }
        }
    }
}
