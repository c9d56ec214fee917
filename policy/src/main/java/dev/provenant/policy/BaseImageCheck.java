package dev.provenant.policy;

import dev.provenant.attest.digest.Digest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Whether a base image is signed in its registry by one of a rule's signers. The policy module reads no
 * registry: the front end that runs the gate supplies this (the CLI verifies the image's referrers and
 * cosign's legacy signatures); without one, every base image fails its rule.
 */
@FunctionalInterface
public interface BaseImageCheck {
    /** The outcome for one image: the signer's name when one verified, else why none did. */
    record Outcome(Optional<String> signer, String reason) {
        public static Outcome signedBy(String signer) {
            return new Outcome(Optional.of(signer), "signed by " + signer);
        }

        public static Outcome unsigned(String reason) {
            return new Outcome(Optional.empty(), reason);
        }
    }

    /**
     * @param image the image's repository, {@code REGISTRY/REPOSITORY}
     * @param digest its manifest digest, as the provenance pinned it
     * @throws IOException when the registry cannot be read (a service failure, not a verdict)
     */
    Outcome check(String image, Digest digest, List<TrustedSigner> signers) throws IOException;

    /** No registry to ask: each image fails, saying so. */
    BaseImageCheck NONE = (image, digest, signers) -> Outcome.unsigned("no registry access to check its signature");
}
