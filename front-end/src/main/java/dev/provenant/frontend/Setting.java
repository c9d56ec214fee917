package dev.provenant.frontend;

/**
 * A setting both front ends take, with its CLI flag (and value label) and its Maven parameter, so that a
 * hint can name it the way the user wrote it.
 */
public enum Setting {
    KEY("--key", "PUB", "publicKey"),
    IDENTITY("--certificate-identity", "ID", "certificateIdentity"),
    IDENTITY_REGEXP("--certificate-identity-regexp", "REGEX", "certificateIdentityRegexp"),
    ISSUER("--certificate-oidc-issuer", "URL", "certificateOidcIssuer"),
    ISSUER_REGEXP("--certificate-oidc-issuer-regexp", "REGEX", "certificateOidcIssuerRegexp"),
    GITHUB_REPOSITORY("--certificate-github-workflow-repository", "OWNER/REPO|URL", "certificateGithubWorkflowRepository"),
    GITHUB_REF("--certificate-github-workflow-ref", "REF", "certificateGithubWorkflowRef"),
    GITHUB_SHA("--certificate-github-workflow-sha", "SHA", "certificateGithubWorkflowSha"),
    GITHUB_TRIGGER("--certificate-github-workflow-trigger", "EVENT", "certificateGithubWorkflowTrigger"),
    GITHUB_NAME("--certificate-github-workflow-name", "NAME", "certificateGithubWorkflowName"),
    TRUSTED_ROOT("--trusted-root", "FILE", "trustedRoot"),
    SIGNING_CONFIG("--signing-config", "FILE", "signingConfig");

    private final String flag;
    private final String label;
    private final String parameter;

    Setting(String flag, String label, String parameter) {
        this.flag = flag;
        this.label = label;
        this.parameter = parameter;
    }

    /** The CLI's flag, e.g. {@code --key}. */
    public String flag() {
        return flag;
    }

    /** The CLI's label for the flag's value, e.g. {@code PUB}. */
    public String label() {
        return label;
    }

    /** The Maven parameter, e.g. {@code publicKey}. */
    public String parameter() {
        return parameter;
    }
}
