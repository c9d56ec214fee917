package dev.provenant.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.check.VerificationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The manifests that refer to an image, as OCI distribution 1.1 keeps them: the referrers API where the
 * registry serves it, else the fallback tag {@code sha256-HEX} holding an OCI index of them, which the
 * pusher of a referrer keeps up to date.
 */
public final class Referrers {
    /** Where a referrer was listed. */
    public enum Source {
        REFERRERS_API("referrers API"),
        FALLBACK_TAG("fallback tag");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The referrers of one manifest and where their list came from. */
    public record Listing(Source source, List<Descriptor> referrers) {
        public Listing {
            referrers = List.copyOf(referrers);
        }
    }

    /** How a referrer was published: by digest, and whether the fallback tag had to be updated. */
    public record Attached(Digest referrer, boolean fallbackTagUpdated, String fallbackTag) {}

    private final RegistryClient client;

    public Referrers(RegistryClient client) {
        this.client = client;
    }

    /** The fallback tag of {@code d}: {@code sha256-HEX}. */
    public static String fallbackTag(Digest d) {
        return d.algorithm().intotoName() + "-" + d.hex();
    }

    /** Every referrer of {@code d}: from the referrers API if the registry has it, else from the fallback tag. */
    public Listing list(ImageReference image, Digest d) throws RegistryException, VerificationException, IOException, FormatException {
        Optional<List<Descriptor>> api = client.referrersApi(image, d);
        if (api.isPresent()) {
            return new Listing(Source.REFERRERS_API, api.get());
        }
        Optional<Manifest> index = client.manifestIfPresent(image, fallbackTag(d));
        if (index.isEmpty()) {
            return new Listing(Source.FALLBACK_TAG, List.of());
        }
        if (!index.get().mediaType().equals(Manifest.OCI_INDEX)) {
            throw new FormatException("fallback tag " + fallbackTag(d) + " holds " + index.get().mediaType() + ", not an OCI index");
        }
        return new Listing(Source.FALLBACK_TAG, index.get().manifests());
    }

    /**
     * Pushes {@code referrer} (a manifest whose subject is {@code subject}) by its digest, and when the
     * registry does not say it processed the subject ({@code OCI-Subject}), adds it to the fallback tag's
     * index, as the distribution specification asks of a client.
     */
    public Attached attach(ImageReference image, Descriptor subject, byte[] referrer, String artifactType,
            java.util.Map<String, String> annotations) throws RegistryException, VerificationException, IOException, FormatException {
        Digest d = Manifest.sha256(referrer);
        RegistryClient.Pushed pushed = client.pushManifest(image, d.toString(), referrer, Manifest.OCI_MANIFEST);
        if (pushed.ociSubject().isPresent()) {
            if (!pushed.ociSubject().get().equals(subject.digest())) {
                throw new RegistryException(image.registry(), "the registry says the referrer's subject is "
                        + pushed.ociSubject().get() + ", not " + subject.digest());
            }
            return new Attached(d, false, null);
        }
        String tag = fallbackTag(subject.digest());
        Optional<Manifest> existing = client.manifestIfPresent(image, tag);
        List<Descriptor> entries = new ArrayList<>();
        if (existing.isPresent()) {
            if (!existing.get().mediaType().equals(Manifest.OCI_INDEX)) {
                throw new FormatException("fallback tag " + tag + " holds " + existing.get().mediaType()
                        + ", not an OCI index; it is not overwritten");
            }
            entries.addAll(existing.get().manifests());
        }
        if (entries.stream().noneMatch(e -> e.digest().equals(d))) {
            entries.add(new Descriptor(Manifest.OCI_MANIFEST, d, referrer.length, artifactType, annotations));
        }
        client.pushManifest(image, tag, index(entries), Manifest.OCI_INDEX);
        return new Attached(d, true, tag);
    }

    static byte[] index(List<Descriptor> entries) {
        ObjectNode index = JsonCodec.mapper().createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", Manifest.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        entries.forEach(e -> manifests.add(e.toJson()));
        return JsonCodec.write(index);
    }
}
