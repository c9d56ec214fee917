package dev.provenant.attest.bundle;

import java.util.Optional;

/** The Sigstore bundle media types Provenant reads. It writes {@link #V0_3}. */
public enum BundleVersion {
    V0_1("application/vnd.dev.sigstore.bundle+json;version=0.1"),
    V0_2("application/vnd.dev.sigstore.bundle+json;version=0.2"),
    V0_3("application/vnd.dev.sigstore.bundle.v0.3+json");

    /** The older spelling of the v0.3 media type, still read. */
    static final String V0_3_LEGACY = "application/vnd.dev.sigstore.bundle+json;version=0.3";

    private final String mediaType;

    BundleVersion(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<BundleVersion> fromMediaType(String mediaType) {
        if (V0_3_LEGACY.equals(mediaType)) {
            return Optional.of(V0_3);
        }
        for (BundleVersion v : values()) {
            if (v.mediaType.equals(mediaType)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
