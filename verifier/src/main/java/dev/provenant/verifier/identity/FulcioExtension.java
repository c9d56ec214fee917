package dev.provenant.verifier.identity;

/**
 * The X.509 extensions Fulcio writes into a signing certificate (Fulcio's {@code docs/oid-info.md}).
 * {@code .1.1} to {@code .1.6} hold the raw bytes of the string; {@code .1.8} onwards hold a DER UTF8String.
 * {@code .1.7} is not here: it names the otherName kind of subject alternative name, not an extension.
 */
public enum FulcioExtension {
    ISSUER_V1(1, Encoding.RAW, "OIDC issuer (deprecated)"),
    GITHUB_WORKFLOW_TRIGGER(2, Encoding.RAW, "GitHub workflow trigger"),
    GITHUB_WORKFLOW_SHA(3, Encoding.RAW, "GitHub workflow SHA"),
    GITHUB_WORKFLOW_NAME(4, Encoding.RAW, "GitHub workflow name"),
    GITHUB_WORKFLOW_REPOSITORY(5, Encoding.RAW, "GitHub workflow repository"),
    GITHUB_WORKFLOW_REF(6, Encoding.RAW, "GitHub workflow ref"),
    ISSUER(8, Encoding.DER_UTF8, "OIDC issuer"),
    BUILD_SIGNER_URI(9, Encoding.DER_UTF8, "build signer URI"),
    BUILD_SIGNER_DIGEST(10, Encoding.DER_UTF8, "build signer digest"),
    RUNNER_ENVIRONMENT(11, Encoding.DER_UTF8, "runner environment"),
    SOURCE_REPOSITORY_URI(12, Encoding.DER_UTF8, "source repository URI"),
    SOURCE_REPOSITORY_DIGEST(13, Encoding.DER_UTF8, "source repository digest"),
    SOURCE_REPOSITORY_REF(14, Encoding.DER_UTF8, "source repository ref"),
    SOURCE_REPOSITORY_IDENTIFIER(15, Encoding.DER_UTF8, "source repository identifier"),
    SOURCE_REPOSITORY_OWNER_URI(16, Encoding.DER_UTF8, "source repository owner URI"),
    SOURCE_REPOSITORY_OWNER_IDENTIFIER(17, Encoding.DER_UTF8, "source repository owner identifier"),
    BUILD_CONFIG_URI(18, Encoding.DER_UTF8, "build config URI"),
    BUILD_CONFIG_DIGEST(19, Encoding.DER_UTF8, "build config digest"),
    BUILD_TRIGGER(20, Encoding.DER_UTF8, "build trigger"),
    RUN_INVOCATION_URI(21, Encoding.DER_UTF8, "run invocation URI"),
    SOURCE_REPOSITORY_VISIBILITY(22, Encoding.DER_UTF8, "source repository visibility at signing"),
    DEPLOYMENT_ENVIRONMENT(23, Encoding.DER_UTF8, "deployment environment"),
    TOKEN_SUBJECT(24, Encoding.DER_UTF8, "token subject");

    /** Sigstore's private enterprise number 57264, arc {@code .1} for Fulcio. */
    static final String FULCIO_ARC = "1.3.6.1.4.1.57264.1";

    /** How the extension value is written. */
    public enum Encoding {
        /** The string's bytes as they are, without any ASN.1 wrapping (the first, deprecated OIDs). */
        RAW,
        /** A DER-encoded UTF8String. */
        DER_UTF8
    }

    private final String oid;
    private final Encoding encoding;
    private final String label;

    FulcioExtension(int arc, Encoding encoding, String label) {
        this.oid = FULCIO_ARC + "." + arc;
        this.encoding = encoding;
        this.label = label;
    }

    public String oid() {
        return oid;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** A short human name, as printed in a failure line. */
    public String label() {
        return label;
    }
}
