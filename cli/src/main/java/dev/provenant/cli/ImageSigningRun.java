package dev.provenant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.frontend.ImageSigning;
import dev.provenant.frontend.Signing;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.ImageVerifier;
import dev.provenant.oci.Referrers;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.SigstoreLayout;
import java.util.List;
import picocli.CommandLine;

/**
 * What sign-image and attest-image share: pin the image, sign a statement about its digest, publish it as
 * a referrer; with {@code recursive}, the same for every manifest a multi-platform index lists.
 */
final class ImageSigningRun {
    /** The most platform manifests of one index signed with --recursive. */
    static final int MAX_PLATFORMS = ImageSigning.MAX_PLATFORMS;

    private ImageSigningRun() {}

    /** Signs an image (cosign's sign predicate, an empty predicate) and publishes the bundle as a referrer. */
    static int sign(CommandLine cmd, SigningOptions signing, RegistryOptions registry, CommonOptions common, String image,
            String bundleOut) throws Exception {
        return run(cmd, signing, registry, common, image, SigstoreLayout.SIGN_PREDICATE_TYPE, JsonCodec.mapper().createObjectNode(),
                bundleOut, false);
    }

    static int run(CommandLine cmd, SigningOptions signing, RegistryOptions registry, CommonOptions common, String image,
            String predicateType, JsonNode predicate, String bundleOut) throws Exception {
        return run(cmd, signing, registry, common, image, predicateType, predicate, bundleOut, false);
    }

    static int run(CommandLine cmd, SigningOptions signing, RegistryOptions registry, CommonOptions common, String image,
            String predicateType, JsonNode predicate, String bundleOut, boolean recursive) throws Exception {
        ImageReference ref = RegistryOptions.parse(image);
        RegistryClient client = registry.client();
        ObjectNode out = Outputs.okJson();
        ImageSigning.Signed signed;
        // the signing options are checked before the registry is asked anything
        try (Signing signer = signing.open(cmd.getErr())) {
            ImageVerifier.Resolved resolved = ImageVerifier.resolve(client, ref);
            ImageReference pinned = resolved.pinned();
            if (resolved.fromTag()) {
                cmd.getErr().printf("provenant: warning: %s is a tag; signing the manifest it names now, %s. Name images by digest "
                        + "(%s) so that what is signed is what was meant.%n", ref, pinned.digest(), pinned);
            }
            signed = ImageSigning.sign(client, resolved, signer, predicateType, predicate, recursive);
            Outputs.describe(signer, out);
        }
        List<Referrers.Attached> attached = ImageSigning.publish(client, signed);
        List<ImageSigning.Target> targets = signed.targets();
        List<Bundle> bundles = signed.bundles();
        ImageReference pinned = signed.pinned();
        if (bundleOut != null) {
            Outputs.write(cmd, bundleOut, bundles.get(0).toJson());
        }
        if (common.json) {
            out.put("image", pinned.toString());
            out.put("digest", pinned.digest().toString());
            out.put("predicateType", predicateType);
            out.put("referrer", attached.get(0).referrer().toString());
            out.put("fallbackTag", attached.get(0).fallbackTagUpdated() ? attached.get(0).fallbackTag() : null);
            if (bundleOut != null) {
                out.put("bundle", bundleOut);
            }
            if (recursive) {
                ArrayNode platforms = out.putArray("platforms");
                for (int i = 1; i < targets.size(); i++) {
                    ObjectNode p = platforms.addObject();
                    p.put("digest", targets.get(i).pinned().digest().toString());
                    p.put("referrer", attached.get(i).referrer().toString());
                }
            }
            Outputs.printJson(cmd, out);
        } else {
            boolean signature = predicateType.equals(SigstoreLayout.SIGN_PREDICATE_TYPE);
            for (int i = 0; i < targets.size(); i++) {
                Referrers.Attached a = attached.get(i);
                cmd.getOut().printf("%s %s%nReferrer: %s (%s)%n", signature ? "Signed" : "Attested " + predicateType + " for",
                        targets.get(i).pinned(), a.referrer(), a.fallbackTagUpdated() ? "listed in fallback tag " + a.fallbackTag()
                                : "the registry's referrers API");
            }
        }
        return ExitCode.OK;
    }
}
