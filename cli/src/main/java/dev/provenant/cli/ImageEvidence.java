package dev.provenant.cli;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.Digest;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.ImageVerifier;
import dev.provenant.oci.RegistryClient;
import dev.provenant.policy.EvidenceBundle;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** An image operand of {@code promote}: its digest, and the Sigstore bundles attached to it as evidence. */
final class ImageEvidence {
    private ImageEvidence() {
    }

    /** The image pinned, and its referrers' bundles, unverified: the gate verifies each against the stage. */
    record Found(String pinned, Digest digest, List<EvidenceBundle> bundles) {}

    static Found find(CommandLine cmd, RegistryOptions registry, String image) throws Exception {
        ImageReference ref = RegistryOptions.parse(image);
        RegistryClient client = registry.client();
        ImageVerifier.Resolved resolved = ImageVerifier.resolve(client, ref);
        if (resolved.fromTag()) {
            cmd.getErr().printf("provenant: warning: %s is a tag; promoting the manifest it names now, %s. Pin images by digest.%n",
                    ref, resolved.pinned().digest());
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
}
