package dev.provenant.attest.bundle;

/** The kind and version of a transparency log entry body, for example hashedrekord 0.0.1. */
public record KindVersion(String kind, String version) {
    public KindVersion {
        if (kind == null || kind.isEmpty() || version == null || version.isEmpty()) {
            throw new IllegalArgumentException("kindVersion needs a kind and a version");
        }
    }
}
