package dev.provenant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.frontend.Signing;
import dev.provenant.oci.Descriptor;
import dev.provenant.oci.ImagePublisher;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.ImageVerifier;
import dev.provenant.oci.Manifest;
import dev.provenant.oci.Referrers;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.SigstoreLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * What sign-image and attest-image share: pin the image, sign a statement about its digest, publish it as
 * a referrer; with {@code recursive}, the same for every manifest a multi-platform index lists.
 */
final class ImageSigningRun {
    /** The most platform manifests of one index signed with --recursive. */
    static final int MAX_PLATFORMS = 64;

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

    /** One image (or index) and, when {@code recursive}, each of its platform manifests. */
    private record Target(ImageReference pinned, Descriptor descriptor) {}

    static int run(CommandLine cmd, SigningOptions signing, RegistryOptions registry, CommonOptions common, String image,
            String predicateType, JsonNode predicate, String bundleOut, boolean recursive) throws Exception {
        ImageReference ref = RegistryOptions.parse(image);
        RegistryClient client = registry.client();
        ObjectNode out = Outputs.okJson();
        ImageVerifier.Resolved resolved;
        List<Target> targets = new ArrayList<>();
        List<Bundle> bundles = new ArrayList<>();
        // the signing options are checked before the registry is asked anything
        try (Signing signer = signing.open(cmd.getErr())) {
            resolved = ImageVerifier.resolve(client, ref);
            ImageReference pinned = resolved.pinned();
            if (resolved.fromTag()) {
                cmd.getErr().printf("provenant: warning: %s is a tag; signing the manifest it names now, %s. Name images by digest "
                        + "(%s) so that what is signed is what was meant.%n", ref, pinned.digest(), pinned);
            }
            targets.add(new Target(pinned, resolved.manifest().descriptor()));
            if (recursive) {
                targets.addAll(platforms(client, pinned, resolved.manifest()));
            }
            // everything is signed before anything is published: a signer that fails leaves the registry as it was
            for (Target t : targets) {
                Statement statement = Statement.of(List.of(ResourceDescriptor.of(t.pinned().repositoryName(), t.pinned().digest())),
                        predicateType, predicate);
                bundles.add(signer.attest(statement));
            }
            Outputs.describe(signer, out);
        }
        ImagePublisher publisher = new ImagePublisher(client);
        List<Referrers.Attached> attached = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            attached.add(publisher.publish(targets.get(i).pinned(), targets.get(i).descriptor(), bundles.get(i).toJson(), predicateType,
                    Instant.now()));
        }
        ImageReference pinned = resolved.pinned();
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

    /**
     * The platform manifests an index lists, each fetched by digest (so that it exists and hashes to it) and
     * pinned; none for a single manifest.
     */
    private static List<Target> platforms(RegistryClient client, ImageReference pinned, Manifest manifest) throws Exception {
        List<Target> out = new ArrayList<>();
        if (!manifest.isIndex()) {
            return out;
        }
        List<Descriptor> entries = manifest.manifests();
        if (entries.size() > MAX_PLATFORMS) {
            throw new UsageException("index " + pinned + " lists " + entries.size() + " manifests, more than the " + MAX_PLATFORMS
                    + " --recursive signs");
        }
        for (Descriptor d : entries) {
            out.add(new Target(pinned.withDigest(d.digest()), client.manifest(pinned, d.digest().toString()).descriptor()));
        }
        return out;
    }
}
