package dev.provenant.frontend;

import dev.provenant.verifier.identity.GithubClaim;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The policy flags of {@code gh attestation verify}, read onto Provenant's own identity policy rather than
 * checked a second way: each one becomes the certificate identity pattern, the OIDC issuer, or a
 * {@link GithubClaim} pin that {@link TrustInputs} already carries. Each field is null (or false) when
 * the flag was not given.
 *
 * <ul>
 * <li>{@code owner}: the source repository owner URI must be {@code https://github.com/OWNER} (ignoring
 *     case, as gh); without a signer flag, the signer must be a workflow of that owner.</li>
 * <li>{@code repo} ({@code OWNER/REPO}): the source repository must be it, and its owner the owner; without
 *     a signer flag, the signer must be a workflow of that repository.</li>
 * <li>{@code signerRepo}: the signing workflow must live in that repository.</li>
 * <li>{@code signerWorkflow} ({@code [HOST/]OWNER/REPO/PATH}): the signing workflow must be that file, at any
 *     ref; a literal, not a pattern.</li>
 * <li>{@code signerDigest}, {@code sourceRef}, {@code sourceDigest}: the build signer digest, the source
 *     ref and the source commit, exactly; the last two are the claims of
 *     {@code --certificate-github-workflow-ref} and {@code --certificate-github-workflow-sha}.</li>
 * <li>{@code denySelfHostedRunners}: the runner environment must be {@code github-hosted}.</li>
 * </ul>
 * Whenever a flag is given and no issuer is, the issuer is GitHub Actions', as gh's {@code --cert-oidc-issuer}
 * defaults it.
 */
public record GhAttestationFlags(String owner, String repo, String signerRepo, String signerWorkflow, String signerDigest,
        String sourceRef, String sourceDigest, boolean denySelfHostedRunners) {

    public static final GhAttestationFlags NONE = new GhAttestationFlags(null, null, null, null, null, null, null, false);

    /** gh's default predicate type, which it requires unless {@code --predicate-type} names another. */
    public static final String PROVENANCE_V1 = "https://slsa.dev/provenance/v1";

    static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

    /** gh's test for a workflow named with its host: the first path segment has a dot. */
    private static final Pattern WITH_HOST = Pattern.compile("[A-Za-z0-9-]+\\.[A-Za-z0-9-]+(/.*)?");

    /** Whether any of these flags was given. */
    public boolean given() {
        return owner != null || repo != null || signerRepo != null || signerWorkflow != null || signerDigest != null
                || sourceRef != null || sourceDigest != null || denySelfHostedRunners;
    }

    /** Whether {@code --owner} or {@code --repo} was given: a gh-style invocation, whose predicate type defaults to v1. */
    public boolean scoped() {
        return owner != null || repo != null;
    }

    /** The predicate type to require: the one given, else gh's default for a scoped invocation, else none (null). */
    public String predicateType(String given) {
        return given != null ? given : scoped() ? PROVENANCE_V1 : null;
    }

    /** Whether these flags name the signer (an identity pattern), not only claims to pin on another policy. */
    public boolean namesSigner() {
        return owner != null || repo != null || signerRepo != null || signerWorkflow != null;
    }

    /**
     * {@code base} with these flags applied: the identity pattern they derive when {@code base} names none,
     * GitHub's issuer when it names none, and their claim pins.
     *
     * @throws SetupException when flags contradict each other or {@code base}, or a value is malformed
     */
    public TrustInputs applyTo(TrustInputs base) throws SetupException {
        if (!given()) {
            return base;
        }
        if (base.key() != null) {
            throw new SetupException("the gh attestation flags pin a keyless certificate's claims: they do not go with --key");
        }
        if (owner != null && repo != null) {
            throw new SetupException("give --owner or --repo, not both (--repo names its owner)");
        }
        if (repo != null && !ownerAndName(repo)) {
            throw new SetupException("--repo '" + repo + "' is not OWNER/REPO");
        }
        if (owner != null && (owner.isEmpty() || owner.contains("/"))) {
            throw new SetupException("--owner '" + owner + "' is not an owner name");
        }
        if (signerRepo != null && !ownerAndName(signerRepo)) {
            throw new SetupException("--signer-repo '" + signerRepo + "' is not OWNER/REPO");
        }
        int signers = (base.identity() != null ? 1 : 0) + (base.identityRegexp() != null ? 1 : 0) + (signerRepo != null ? 1 : 0)
                + (signerWorkflow != null ? 1 : 0);
        if (signers > 1) {
            throw new SetupException("give one of --certificate-identity, --certificate-identity-regexp, --signer-repo and"
                    + " --signer-workflow");
        }
        String identityRegexp = base.identityRegexp();
        if (signerRepo != null) {
            identityRegexp = "(?i)https://github\\.com/" + Pattern.quote(signerRepo) + "/.+";
        } else if (signerWorkflow != null) {
            identityRegexp = workflowPattern(signerWorkflow);
        } else if (base.identity() == null && identityRegexp == null && scoped()) {
            identityRegexp = "(?i)https://github\\.com/" + Pattern.quote(repo != null ? repo : owner) + "/.+";
        }
        String issuer = base.issuer() == null && base.issuerRegexp() == null ? GITHUB_ISSUER : base.issuer();

        Map<GithubClaim, String> claims = new EnumMap<>(GithubClaim.class);
        claims.putAll(base.githubClaims());
        String ownerName = repo != null ? repo.substring(0, repo.indexOf('/')) : owner;
        if (ownerName != null) {
            claims.put(GithubClaim.OWNER, "https://github.com/" + ownerName);
        }
        pin(claims, GithubClaim.REPOSITORY, repo, "--repo", "--certificate-github-workflow-repository");
        pin(claims, GithubClaim.REF, sourceRef, "--source-ref", "--certificate-github-workflow-ref");
        pin(claims, GithubClaim.SHA, sourceDigest, "--source-digest", "--certificate-github-workflow-sha");
        pin(claims, GithubClaim.SIGNER_DIGEST, signerDigest, "--signer-digest", null);
        if (denySelfHostedRunners) {
            claims.put(GithubClaim.RUNNER_ENVIRONMENT, GithubClaim.GITHUB_HOSTED);
        }
        return new TrustInputs(null, base.identity(), identityRegexp, issuer, base.issuerRegexp(), claims);
    }

    /** {@code [HOST/]OWNER/REPO/PATH} as a whole-identity pattern: that workflow file at any ref. */
    private static String workflowPattern(String workflow) throws SetupException {
        String path = WITH_HOST.matcher(workflow).matches() ? workflow : "github.com/" + workflow;
        String[] parts = path.split("/", -1);
        if (parts.length < 4 || path.contains("@") || path.chars().anyMatch(Character::isWhitespace)) {
            throw new SetupException("--signer-workflow '" + workflow + "' is not [HOST/]OWNER/REPO/PATH/TO/WORKFLOW.yml");
        }
        return Pattern.quote("https://" + path) + "@.+";
    }

    private static void pin(Map<GithubClaim, String> claims, GithubClaim claim, String value, String flag, String sameAs)
            throws SetupException {
        if (value == null) {
            return;
        }
        String already = claims.get(claim);
        if (already != null && !already.equals(value)) {
            throw new SetupException(flag + " '" + value + "' contradicts " + sameAs + " '" + already + "'");
        }
        claims.put(claim, value);
    }

    private static boolean ownerAndName(String value) {
        int slash = value.indexOf('/');
        return slash > 0 && slash < value.length() - 1 && value.indexOf('/', slash + 1) < 0;
    }
}
