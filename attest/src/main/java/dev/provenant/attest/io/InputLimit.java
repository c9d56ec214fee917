package dev.provenant.attest.io;

/**
 * The most bytes Provenant reads from each kind of input file. Each cap is sized for the real thing
 * with a wide margin (a Sigstore bundle is a few kilobytes, a trusted root tens of kilobytes), and low
 * enough that reading and parsing a file at its cap fits in a 64 MiB heap. Artifacts have no cap: they
 * are hashed as a stream and never held in memory.
 */
public enum InputLimit {
    /** A Sigstore bundle, whose DSSE payload is the largest part. */
    BUNDLE("bundle", 8 << 20),
    /**
     * A JSON lines file of Sigstore bundles ({@code gh attestation download}, {@code .intoto.jsonl}):
     * each line within {@link #BUNDLE}, at most {@code BundleLines.MAX_LINES} of them.
     */
    BUNDLE_LINES("bundle lines file", 32 << 20),
    /** A DSSE envelope, an in-toto statement or a predicate file. */
    STATEMENT("statement", 8 << 20),
    /** An in-toto link or layout: links list every material and product with its digests. */
    INTOTO_METADATA("in-toto metadata", 8 << 20),
    /** A public or private key file (PEM or securesystemslib JSON). */
    KEY("key", 64 << 10),
    /** A PEM certificate or certificate chain. */
    CERTIFICATE("certificate", 256 << 10),
    /** A Sigstore trusted_root.json. */
    TRUSTED_ROOT("trusted root", 1 << 20),
    /** A Sigstore signing config. */
    SIGNING_CONFIG("signing config", 256 << 10),
    /** A promotion policy (YAML or JSON). */
    POLICY("policy", 1 << 20),
    /** A dependency rules file. */
    RULES("rules file", 1 << 20),
    /** A checksum file (SHA256SUMS and the like) naming statement subjects; they must fit in one bundle. */
    CHECKSUMS("checksum file", 4 << 20),
    /** An OIDC identity token or a secret read from a file. */
    TOKEN("token", 64 << 10),
    /**
     * An artifact under an Ed25519 message signature, which signs the whole message rather than a
     * digest: the only artifact that is held in memory, so the only one with a cap.
     */
    ED25519_ARTIFACT("Ed25519-signed artifact", 256 << 20),
    /** A sandbox profile (JSON): mounts, environment names and limits, a few kilobytes. */
    SANDBOX_PROFILE("sandbox profile", 64 << 10),
    /** A trusted-builders file ({@code --trusted-builders}): a builder id per entry; the shipped one is about 2 KiB. */
    TRUSTED_BUILDERS("trusted-builders file", 256 << 10),
    /** A supply-chain lock file: one line of about 300 bytes per artifact, so 8 MiB (the JSON document cap) holds some 25,000. */
    LOCK_FILE("lock file", 8 << 20),
    /** A dependency catalog: approved components, licenses and deprecations, a few hundred bytes each. */
    CATALOG("dependency catalog", 8 << 20),
    /** One OSV vulnerability record (a file, or one entry of a zip of them); published Maven records are a few KiB. */
    OSV_RECORD("OSV record", 1 << 20),
    /** A dependency's POM, read for its licenses and parent; real POMs are a few KiB, the largest BOMs a few hundred. */
    POM("POM", 4 << 20),
    /**
     * The attestations document the npm registry serves for a package version: two Sigstore bundles
     * (publish attestation and provenance), each a few kilobytes, under one bundle's cap.
     */
    NPM_ATTESTATIONS("npm attestations document", 8 << 20),
    /** npm's registry keys (the npm registry's {@code keys.json}, as Sigstore's TUF repository serves it; about 2 KiB). */
    NPM_REGISTRY_KEYS("npm registry keys file", 256 << 10),
    /** Jib's {@code jib-image.json} or {@code jib-image.digest}: an image name, two digests and the tags, well under 1 KiB. */
    JIB_IMAGE("Jib image file", 64 << 10);

    private final String what;
    private final int maxBytes;

    InputLimit(String what, int maxBytes) {
        this.what = what;
        this.maxBytes = maxBytes;
    }

    /** What the file is, for messages: "bundle", "trusted root". */
    public String what() {
        return what;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** The cap as people write it: "8 MiB", "64 KiB". */
    public String describeCap() {
        return describe(maxBytes);
    }

    /** A byte count as a cap is stated: "4 MiB", "64 KiB", or "100 bytes". */
    public static String describe(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
