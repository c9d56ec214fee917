package dev.provenant.api;

import java.util.Map;

/** What the facade's tests and the document's snippets share: a GitHub Actions release job and a policy for its provenance. */
final class Fixtures {
    private Fixtures() {}

    /** A GitHub Actions release job as its documented variables describe it (a double of the CI system). */
    static final Map<String, String> GITHUB_RELEASE_JOB = Map.of("GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", "acme/app",
            "GITHUB_REF", "refs/tags/v1.4.2", "GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567",
            "GITHUB_WORKFLOW_REF", "acme/app/.github/workflows/release.yml@refs/tags/v1.4.2", "GITHUB_RUN_ID", "42");

    /** The builder that job's provenance names, without its version. */
    static final String BUILDER = "https://github.com/acme/app/.github/workflows/release.yml";

    /**
     * A policy whose build stage wants provenance signed by {@code release.pub} (beside the policy) from
     * {@code sourceUri}, and whose VSAs are signed with that key too.
     */
    static String policy(String sourceUri) {
        return """
                apiVersion: provenant.dev/policy/v1
                name: api-test
                stages:
                  - name: build
                    gate-key: {public-key: release.pub}
                    evidence:
                      - name: provenance
                        predicate-type: https://slsa.dev/provenance/v1
                        signers:
                          - {name: release, public-key: release.pub}
                        provenance:
                          source-uri: %s
                          builder-id: %s
                          ref-pattern: refs/tags/v.*
                        dependencies:
                          require-digest: true
                """.formatted(sourceUri, BUILDER);
    }
}
