package dev.provenant.verifier.identity;

import java.util.Optional;

/**
 * A GitHub Actions claim an identity policy may pin, like cosign's
 * {@code --certificate-github-workflow-*} flags. Fulcio writes each in a deprecated GitHub-specific
 * extension and, for all but the workflow name, again in a provider-neutral one; the deprecated one is
 * read first, as cosign reads it, and the provider-neutral one stands in when a certificate lacks it.
 * The repository is the exception: it is read with its host ({@link GithubRepository}). The last three
 * (owner, signer digest, runner environment) exist only as provider-neutral extensions; they are the pins
 * of {@code gh attestation verify}'s {@code --owner}, {@code --signer-digest} and {@code --deny-self-hosted-runners}.
 */
public enum GithubClaim {
    TRIGGER("GitHub workflow trigger", FulcioExtension.GITHUB_WORKFLOW_TRIGGER, FulcioExtension.BUILD_TRIGGER),
    SHA("GitHub workflow SHA", FulcioExtension.GITHUB_WORKFLOW_SHA, FulcioExtension.SOURCE_REPOSITORY_DIGEST),
    /** The workflow's display name; the provider-neutral extensions have no equivalent. */
    NAME("GitHub workflow name", FulcioExtension.GITHUB_WORKFLOW_NAME, null),
    REPOSITORY("GitHub workflow repository", FulcioExtension.GITHUB_WORKFLOW_REPOSITORY, FulcioExtension.SOURCE_REPOSITORY_URI),
    REF("GitHub workflow ref", FulcioExtension.GITHUB_WORKFLOW_REF, FulcioExtension.SOURCE_REPOSITORY_REF),
    /**
     * The repository owner's URL ({@code https://github.com/OWNER}), as {@code gh attestation verify --owner}
     * pins it; compared ignoring case, as gh compares it, since GitHub owner names are case-insensitive.
     */
    OWNER("source repository owner URI", FulcioExtension.SOURCE_REPOSITORY_OWNER_URI, null),
    /** The commit of the workflow file that signed ({@code gh --signer-digest}); only a provider-neutral extension has it. */
    SIGNER_DIGEST("build signer digest", FulcioExtension.BUILD_SIGNER_DIGEST, null),
    /** {@code github-hosted} or {@code self-hosted} ({@code gh --deny-self-hosted-runners} pins the first). */
    RUNNER_ENVIRONMENT("runner environment", FulcioExtension.RUNNER_ENVIRONMENT, null);

    /** The runner environment GitHub's own runners certify; any other value is a self-hosted runner. */
    public static final String GITHUB_HOSTED = "github-hosted";

    private final String label;
    private final FulcioExtension deprecated;
    private final FulcioExtension current;

    GithubClaim(String label, FulcioExtension deprecated, FulcioExtension current) {
        this.label = label;
        this.deprecated = deprecated;
        this.current = current;
    }

    public String label() {
        return label;
    }

    /** The claim as the certificate states it, from the deprecated extension or else its successor. */
    public Optional<String> valueIn(CertificateIdentity identity) {
        if (this == REPOSITORY) {
            // Never the bare OWNER/REPO of another host: github.com's as OWNER/REPO, any other as its full URL.
            return GithubRepository.of(identity).repository().map(GithubRepository::describe);
        }
        Optional<String> value = identity.extension(deprecated);
        if (value.isPresent() || current == null) {
            return value;
        }
        return identity.extension(current);
    }
}
