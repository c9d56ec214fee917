package dev.provenant.cli;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.Digest;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.ImageVerifier;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.RegistryException;
import dev.provenant.oci.ImageVerification;
import dev.provenant.policy.BaseImageCheck;
import dev.provenant.policy.EvidenceBundle;
import dev.provenant.policy.TrustedSigner;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.check.VerificationException;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Images in a promotion: an image operand's digest and the Sigstore bundles attached to it as evidence, and
 * the base-image rule's signature check.
 */
final class ImageEvidence {
    private ImageEvidence() {
    }

    /** The image pinned, and its referrers' bundles, unverified: the gate verifies each against the stage. */
    record Found(String pinned, Digest digest, List<EvidenceBundle> bundles) {}

    /** @param doing what the command does with the image, for the warning a tag gets ("promoting", "verifying") */
    static Found find(CommandLine cmd, RegistryOptions registry, String image, String doing) throws Exception {
        ImageReference ref = RegistryOptions.parse(image);
        RegistryClient client = registry.client();
        ImageVerifier.Resolved resolved = ImageVerifier.resolve(client, ref);
        if (resolved.fromTag()) {
            cmd.getErr().printf("provenant: warning: %s is a tag; %s the manifest it names now, %s. Pin images by digest.%n",
                    ref, doing, resolved.pinned().digest());
        }
        List<EvidenceBundle> bundles = new ArrayList<>();
        // verify() is not called: the gate verifies each bundle against the stage's own signers
        for (ImageVerifier.ReferrerBundle found : new ImageVerifier(client, null).referrerBundles(resolved)) {
            try {
                bundles.add(EvidenceBundle.of(found.uri(), found.json()));
            } catch (FormatException e) {
                // a referrer that is not a bundle is no evidence; the stage's rules say what was missing
                cmd.getErr().println("provenant: warning: " + found.uri() + " is not a Sigstore bundle: " + e.getMessage());
            }
        }
        return new Found(resolved.pinned().toString(), resolved.manifest().digest(), List.copyOf(bundles));
    }

    /** A registry that failed during a gate's base-image check, carried through the gate to be reported as such (exit 3). */
    static final class RegistryFailure extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        RegistryFailure(RegistryException cause) {
            super(cause.getMessage(), cause);
        }

        RegistryException registry() {
            return (RegistryException) getCause();
        }
    }

    /**
     * A promotion gate's base-image check: the image's signatures in its registry (referrers and cosign's
     * legacy tag) verified against each of the rule's signers in turn, with the gate's trusted root. The
     * registry client is made once, at the first base image, and serves every image after it.
     */
    static BaseImageCheck baseImages(RegistryOptions registry, VerifierSetup setup) {
        ImageVerifier[] made = new ImageVerifier[1];
        return (image, digest, signers) -> {
            ImageReference ref;
            try {
                ref = ImageReference.parse(image + "@" + digest);
            } catch (IllegalArgumentException e) {
                return BaseImageCheck.Outcome.unsigned("not an image reference: " + e.getMessage());
            }
            if (made[0] == null) {
                try {
                    made[0] = new ImageVerifier(registry.client(), setup.verifier(), setup);
                } catch (UsageException e) {
                    throw new java.io.IOException(e.getMessage(), e);
                }
            }
            ImageVerifier verifier = made[0];
            String first = null;
            for (TrustedSigner signer : signers) {
                ImageVerification found;
                try {
                    found = verifier.verify(ref, new VerificationPolicy(signer.trust(), false, Optional.empty()));
                } catch (VerificationException | FormatException e) {
                    return BaseImageCheck.Outcome.unsigned(e.getMessage());
                } catch (RegistryException e) {
                    throw new RegistryFailure(e);
                }
                if (found.passed()) {
                    return BaseImageCheck.Outcome.signedBy(signer.name());
                }
                if (first == null) {
                    first = found.failureSummary();
                }
            }
            return BaseImageCheck.Outcome.unsigned(first);
        };
    }
}
