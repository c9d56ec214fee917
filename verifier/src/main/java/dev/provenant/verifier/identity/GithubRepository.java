package dev.provenant.verifier.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A GitHub repository with the host it lives on: {@code OWNER/REPO} means github.com; a GitHub
 * Enterprise repository is named by its full URL, {@code https://HOST/OWNER/REPO}. Two repositories are
 * the same only on the same host, so {@code acme/app} is never a repository of another forge.
 *
 * @param host the lower-case host, {@code github.com} for the short form
 * @param path {@code OWNER/REPO}, compared exactly
 */
record GithubRepository(String host, String path) {
    static final String GITHUB_COM = "github.com";
    /** The issuer of GitHub.com's Actions tokens; enterprise accounts on github.com get a path below it. */
    private static final String GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";

    /** What a policy names: {@code OWNER/REPO} (github.com) or {@code https://HOST/OWNER/REPO}. */
    static GithubRepository expected(String value) {
        if (value.contains("://")) {
            return fromUrl(value).orElseThrow(() -> new IllegalArgumentException("the expected GitHub workflow repository '"
                    + Printable.of(value) + "' is not https://HOST/OWNER/REPO"));
        }
        if (!isOwnerAndRepository(value)) {
            throw new IllegalArgumentException("the expected GitHub workflow repository '" + Printable.of(value)
                    + "' is not OWNER/REPO (github.com) or https://HOST/OWNER/REPO (GitHub Enterprise)");
        }
        return new GithubRepository(GITHUB_COM, value);
    }

    /**
     * The repository a certificate names: its source repository URI, which carries the host; else, for a
     * certificate from before that extension, the deprecated {@code OWNER/REPO} claim, whose host is
     * github.com only when GitHub.com's Actions issuer certified it. When the certificate states both,
     * they must agree.
     *
     * @return the repository, or why the certificate names none that can be compared
     */
    static Result of(CertificateIdentity identity) {
        Optional<String> uri = identity.extension(FulcioExtension.SOURCE_REPOSITORY_URI);
        Optional<String> bare = identity.extension(FulcioExtension.GITHUB_WORKFLOW_REPOSITORY);
        if (uri.isPresent()) {
            Optional<GithubRepository> parsed = fromUrl(uri.get());
            if (parsed.isEmpty()) {
                return Result.problem("the certificate's source repository URI '" + Printable.of(uri.get()) + "' is not a repository URL");
            }
            if (bare.isPresent() && !bare.get().equals(parsed.get().path())) {
                return Result.problem("the certificate's GitHub workflow repository '" + Printable.of(bare.get())
                        + "' disagrees with its source repository URI '" + Printable.of(uri.get()) + "'");
            }
            return Result.of(parsed.get());
        }
        if (bare.isEmpty()) {
            return Result.absent();
        }
        Optional<String> issuer = identity.issuer();
        if (issuer.isPresent() && (issuer.get().equals(GITHUB_ACTIONS_ISSUER) || issuer.get().startsWith(GITHUB_ACTIONS_ISSUER + "/"))) {
            return Result.of(new GithubRepository(GITHUB_COM, bare.get()));
        }
        return Result.problem("the certificate names GitHub workflow repository '" + Printable.of(bare.get())
                + "' without a source repository URI, and its issuer is not GitHub.com's, so its host is unknown");
    }

    /** {@code OWNER/REPO} on github.com, the full URL elsewhere. */
    String describe() {
        return host.equals(GITHUB_COM) ? path : "https://" + host + "/" + path;
    }

    private static Optional<GithubRepository> fromUrl(String value) {
        try {
            URI uri = new URI(value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getPort() != -1 || uri.getPath() == null
                    || !uri.getPath().startsWith("/")) {
                return Optional.empty();
            }
            String path = uri.getPath().substring(1);
            if (!isOwnerAndRepository(path)) {
                return Optional.empty();
            }
            return Optional.of(new GithubRepository(uri.getHost().toLowerCase(Locale.ROOT), path));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean isOwnerAndRepository(String path) {
        int slash = path.indexOf('/');
        return slash > 0 && slash < path.length() - 1 && path.indexOf('/', slash + 1) < 0 && path.chars().noneMatch(Character::isWhitespace);
    }

    /** The certificate's repository, or the reason there is none to compare. */
    record Result(Optional<GithubRepository> repository, Optional<String> problem) {
        static Result of(GithubRepository repository) {
            return new Result(Optional.of(repository), Optional.empty());
        }

        static Result problem(String why) {
            return new Result(Optional.empty(), Optional.of(why));
        }

        static Result absent() {
            return new Result(Optional.empty(), Optional.empty());
        }
    }
}
