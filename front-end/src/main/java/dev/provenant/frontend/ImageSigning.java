package dev.provenant.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.oci.Descriptor;
import dev.provenant.oci.ImagePublisher;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.ImageVerifier;
import dev.provenant.oci.Manifest;
import dev.provenant.oci.Referrers;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.RegistryException;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.verifier.check.VerificationException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Signing an image, the same for the CLI's sign-image and attest-image and the Maven plugin's
 * sign-image: pin the image by digest, sign a statement about each manifest (with {@code recursive},
 * also every platform manifest a multi-platform index lists), and publish each bundle as a referrer.
 * Everything is signed before anything is published, so a signer that fails leaves the registry as it was.
 */
public final class ImageSigning {
    /** The most platform manifests of one index signed recursively. */
    public static final int MAX_PLATFORMS = 64;

    private ImageSigning() {}

    /** One image (or index) a statement is about. */
    public record Target(ImageReference pinned, Descriptor descriptor) {}

    /** The statements signed, one bundle per target, the first the image as named; not yet published. */
    public record Signed(ImageVerifier.Resolved resolved, List<Target> targets, List<Bundle> bundles, String predicateType) {
        public Signed {
            targets = List.copyOf(targets);
            bundles = List.copyOf(bundles);
        }

        public ImageReference pinned() {
            return resolved.pinned();
        }
    }

    /**
     * Resolves {@code image} (a tag to the digest it names now: see {@link ImageVerifier.Resolved#fromTag()})
     * and signs a statement of {@code predicateType} about it, and with {@code recursive} about each platform
     * manifest. The statement's subject is the repository name and the manifest digest.
     */
    public static Signed sign(RegistryClient client, ImageReference image, Signing signer, String predicateType, JsonNode predicate,
            boolean recursive) throws RegistryException, VerificationException, IOException, FormatException, SetupException,
            SigningException, IdentityTokenException {
        ImageVerifier.Resolved resolved = ImageVerifier.resolve(client, image);
        return sign(client, resolved, signer, predicateType, predicate, recursive);
    }

    /** As {@link #sign(RegistryClient, ImageReference, Signing, String, JsonNode, boolean)}, for an image already resolved. */
    public static Signed sign(RegistryClient client, ImageVerifier.Resolved resolved, Signing signer, String predicateType,
            JsonNode predicate, boolean recursive) throws RegistryException, VerificationException, IOException, FormatException, SetupException,
            SigningException, IdentityTokenException {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target(resolved.pinned(), resolved.manifest().descriptor()));
        if (recursive) {
            targets.addAll(platforms(client, resolved.pinned(), resolved.manifest()));
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Target t : targets) {
            Statement statement = Statement.of(List.of(ResourceDescriptor.of(t.pinned().repositoryName(), t.pinned().digest())),
                    predicateType, predicate);
            bundles.add(signer.attest(statement));
        }
        return new Signed(resolved, targets, bundles, predicateType);
    }

    /** Publishes each bundle as a referrer of its target, in the order signed. */
    public static List<Referrers.Attached> publish(RegistryClient client, Signed signed) throws RegistryException, VerificationException, IOException, FormatException {
        ImagePublisher publisher = new ImagePublisher(client);
        List<Referrers.Attached> attached = new ArrayList<>();
        for (int i = 0; i < signed.targets().size(); i++) {
            Target t = signed.targets().get(i);
            attached.add(publisher.publish(t.pinned(), t.descriptor(), signed.bundles().get(i).toJson(), signed.predicateType(),
                    Instant.now()));
        }
        return List.copyOf(attached);
    }

    /**
     * The platform manifests an index lists, each fetched by digest (so that it exists and hashes to it) and
     * pinned; none for a single manifest.
     */
    private static List<Target> platforms(RegistryClient client, ImageReference pinned, Manifest manifest)
            throws RegistryException, VerificationException, IOException, FormatException, SetupException {
        List<Target> out = new ArrayList<>();
        if (!manifest.isIndex()) {
            return out;
        }
        List<Descriptor> entries = manifest.manifests();
        if (entries.size() > MAX_PLATFORMS) {
            throw new SetupException("index " + pinned + " lists " + entries.size() + " manifests, more than the " + MAX_PLATFORMS
                    + " a recursive signing signs (--recursive)");
        }
        for (Descriptor d : entries) {
            out.add(new Target(pinned.withDigest(d.digest()), client.manifest(pinned, d.digest().toString()).descriptor()));
        }
        return out;
    }
}
