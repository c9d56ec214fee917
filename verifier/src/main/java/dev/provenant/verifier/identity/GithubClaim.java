package dev.provenant.verifier.identity;

import java.util.Optional;

/**
 * A GitHub Actions claim an identity policy may pin, like cosign's
 * {@code --certificate-github-workflow-*} flags. Fulcio writes each in a deprecated GitHub-specific
 * extension and, for all but the workflow name, again in a provider-neutral one; the deprecated one is
 * read first, as cosign reads it, and the provider-neutral one stands in when a certificate lacks it.
 * The repository is the exception: it is read with its host ({@link GithubRepository}).
 */
public enum GithubClaim {
    TRIGGER("GitHub workflow trigger", FulcioExtension.GITHUB_WORKFLOW_TRIGGER, FulcioExtension.BUILD_TRIGGER),
    SHA("GitHub workflow SHA", FulcioExtension.GITHUB_WORKFLOW_SHA, FulcioExtension.SOURCE_REPOSITORY_DIGEST),
    /** The workflow's display name; the provider-neutral extensions have no equivalent. */
    NAME("GitHub workflow name", FulcioExtension.GITHUB_WORKFLOW_NAME, null),
    REPOSITORY("GitHub workflow repository", FulcioExtension.GITHUB_WORKFLOW_REPOSITORY, FulcioExtension.SOURCE_REPOSITORY_URI),
    REF("GitHub workflow ref", FulcioExtension.GITHUB_WORKFLOW_REF, FulcioExtension.SOURCE_REPOSITORY_REF);

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
