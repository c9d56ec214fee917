package dev.provenant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.frontend.Signing;
import dev.provenant.oci.ImagePublisher;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.ImageVerifier;
import dev.provenant.oci.Referrers;
import dev.provenant.oci.RegistryClient;
import java.time.Instant;
import dev.provenant.attest.json.JsonCodec;
import java.util.List;
import picocli.CommandLine;

/** What sign-image and attest-image share: pin the image, sign a statement about its digest, publish it as a referrer. */
final class ImageSigningRun {
    private ImageSigningRun() {}

    /** Signs an image (cosign's sign predicate, an empty predicate) and publishes the bundle as a referrer. */
    static int sign(CommandLine cmd, SigningOptions signing, RegistryOptions registry, CommonOptions common, String image,
            String bundleOut) throws Exception {
        return run(cmd, signing, registry, common, image, dev.provenant.oci.SigstoreLayout.SIGN_PREDICATE_TYPE,
                JsonCodec.mapper().createObjectNode(), bundleOut);
    }

    static int run(CommandLine cmd, SigningOptions signing, RegistryOptions registry, CommonOptions common, String image,
            String predicateType, JsonNode predicate, String bundleOut) throws Exception {
        ImageReference ref = RegistryOptions.parse(image);
        RegistryClient client = registry.client();
        Bundle bundle;
        ObjectNode out = Outputs.okJson();
        ImageVerifier.Resolved resolved;
        // the signing options are checked before the registry is asked anything
        try (Signing signer = signing.open(cmd.getErr())) {
            resolved = ImageVerifier.resolve(client, ref);
            ImageReference pinned = resolved.pinned();
            if (resolved.fromTag()) {
                cmd.getErr().printf("provenant: warning: %s is a tag; signing the manifest it names now, %s. Name images by digest "
                        + "(%s) so that what is signed is what was meant.%n", ref, pinned.digest(), pinned);
            }
            Statement statement = Statement.of(List.of(ResourceDescriptor.of(pinned.repositoryName(), pinned.digest())),
                    predicateType, predicate);
            bundle = signer.attest(statement);
            Outputs.describe(signer, out);
        }
        ImageReference pinned = resolved.pinned();
        byte[] json = bundle.toJson();
        Referrers.Attached attached = new ImagePublisher(client).publish(pinned, resolved.manifest().descriptor(), json, predicateType,
                Instant.now());
        if (bundleOut != null) {
            Outputs.write(cmd, bundleOut, json);
        }
        if (common.json) {
            out.put("image", pinned.toString());
            out.put("digest", pinned.digest().toString());
            out.put("predicateType", predicateType);
            out.put("referrer", attached.referrer().toString());
            out.put("fallbackTag", attached.fallbackTagUpdated() ? attached.fallbackTag() : null);
            if (bundleOut != null) {
                out.put("bundle", bundleOut);
            }
            Outputs.printJson(cmd, out);
        } else {
            cmd.getOut().printf("%s %s%nReferrer: %s (%s)%n", predicateType.equals(dev.provenant.oci.SigstoreLayout.SIGN_PREDICATE_TYPE)
                    ? "Signed" : "Attested " + predicateType + " for", pinned, attached.referrer(), attached.fallbackTagUpdated()
                    ? "listed in fallback tag " + attached.fallbackTag() : "the registry's referrers API");
        }
        return ExitCode.OK;
    }
}
