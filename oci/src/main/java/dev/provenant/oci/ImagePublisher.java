package dev.provenant.oci;

import dev.provenant.attest.FormatException;
import dev.provenant.verifier.check.VerificationException;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** Publishes a Sigstore bundle about an image as its referrer, in the layout cosign v3 writes. */
public final class ImagePublisher {
    private final RegistryClient client;
    private final Referrers referrers;

    public ImagePublisher(RegistryClient client) {
        this.client = client;
        this.referrers = new Referrers(client);
    }

    /**
     * Uploads the empty config and {@code bundleJson}, then the referrer manifest (its subject the image
     * {@code image} at {@code subject}), and updates the fallback tag when the registry lacks the
     * referrers API.
     */
    public Referrers.Attached publish(ImageReference image, Descriptor subject, byte[] bundleJson, String predicateType, Instant now)
            throws RegistryException, VerificationException, IOException, FormatException {
        client.pushBlob(image, SigstoreLayout.EMPTY_CONFIG);
        client.pushBlob(image, bundleJson);
        Descriptor layer = Descriptor.of(SigstoreLayout.BUNDLE_MEDIA_TYPE, bundleJson);
        Map<String, String> annotations = SigstoreLayout.annotations(predicateType, now);
        byte[] manifest = SigstoreLayout.referrerManifest(subject, layer, annotations);
        return referrers.attach(image, subject, manifest, SigstoreLayout.BUNDLE_MEDIA_TYPE, annotations);
    }
}
