package dev.provenant.cli;

import dev.provenant.frontend.GhAttestationFlags;
import picocli.CommandLine.Option;

/**
 * {@code gh attestation verify}'s policy flags, with gh's names, for {@code verify-attestation} and
 * {@code verify-provenance}; {@link GhAttestationFlags} reads them onto the identity policy.
 */
final class GhAttestationOptions {
    @Option(names = "--owner", paramLabel = "OWNER",
            description = "gh: the source repository's owner on github.com; without a signer flag the signer must be one of its workflows.")
    String owner;

    @Option(names = "--repo", paramLabel = "OWNER/REPO",
            description = "gh: the source repository on github.com; without a signer flag the signer must be one of its workflows.")
    String repo;

    @Option(names = "--signer-repo", paramLabel = "OWNER/REPO", description = "gh: the repository of the (reusable) workflow that signed.")
    String signerRepo;

    @Option(names = "--signer-workflow", paramLabel = "[HOST/]OWNER/REPO/PATH",
            description = "gh: the workflow file that signed, at any ref, e.g. acme/app/.github/workflows/release.yml.")
    String signerWorkflow;

    @Option(names = "--signer-digest", paramLabel = "SHA", description = "gh: the commit of the signing workflow (build signer digest).")
    String signerDigest;

    @Option(names = "--source-ref", paramLabel = "REF",
            description = "gh: the source ref, e.g. refs/tags/v1.0 (as --certificate-github-workflow-ref).")
    String sourceRef;

    @Option(names = "--source-digest", paramLabel = "SHA",
            description = "gh: the source commit (as --certificate-github-workflow-sha).")
    String sourceDigest;

    @Option(names = "--deny-self-hosted-runners",
            description = "gh: fail unless the certificate says the build ran on a GitHub-hosted runner.")
    boolean denySelfHostedRunners;

    GhAttestationFlags flags() {
        return new GhAttestationFlags(owner, repo, signerRepo, signerWorkflow, signerDigest, sourceRef, sourceDigest,
                denySelfHostedRunners);
    }
}
