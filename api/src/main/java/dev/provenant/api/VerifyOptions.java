package dev.provenant.api;

import dev.provenant.frontend.FrontEnd;
import dev.provenant.frontend.Hints;
import dev.provenant.frontend.RootSelection;
import dev.provenant.frontend.SetupException;
import dev.provenant.frontend.TrustInputs;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.identity.GithubClaim;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who must have signed a bundle, and which trusted root its certificates, log entries and timestamps
 * are checked against. Immutable; made with {@link #builder()}. Give either a trusted public key
 * ({@link Builder#publicKey}) or a keyless identity ({@link Builder#certificateIdentity} or its pattern,
 * and {@link Builder#certificateOidcIssuer} or its pattern, with optional GitHub workflow claims).
 */
public final class VerifyOptions {
    static final Hints HINTS = new Hints(FrontEnd.LIBRARY);

    private final TrustInputs trust;
    private final Path trustedRoot;
    private final boolean requireTlog;
    private final Map<String, String> environment;

    private VerifyOptions(Builder b) {
        this.trust = new TrustInputs(b.publicKey, b.identity, b.identityRegexp, b.issuer, b.issuerRegexp, b.claims);
        this.trustedRoot = b.trustedRoot;
        this.requireTlog = b.requireTlog;
        this.environment = Map.copyOf(b.environment);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The trusted root file, or null for the public-good root. */
    public Path trustedRoot() {
        return trustedRoot;
    }

    public boolean requireTlog() {
        return requireTlog;
    }

    /** The verifier's policy; a key and an identity together, or neither, is refused here, naming the builder's methods. */
    VerificationPolicy policy() throws SetupException, IOException {
        return new VerificationPolicy(trust.signer(HINTS), requireTlog, java.util.Optional.empty());
    }

    RootSelection root() throws SetupException, IOException {
        return RootSelection.of(trustedRoot, environment);
    }

    /** Collects the options; every method returns this builder, {@link #build()} the immutable options. */
    public static final class Builder {
        private Path publicKey;
        private String identity;
        private String identityRegexp;
        private String issuer;
        private String issuerRegexp;
        private final Map<GithubClaim, String> claims = new EnumMap<>(GithubClaim.class);
        private Path trustedRoot;
        private boolean requireTlog;
        private Map<String, String> environment = System.getenv();

        private Builder() {}

        /** The trusted public key (PEM), for key-signed bundles. */
        public Builder publicKey(Path pem) {
            this.publicKey = Objects.requireNonNull(pem);
            return this;
        }

        /** Keyless: the identity (workflow URI or email) the certificate must name exactly. */
        public Builder certificateIdentity(String identity) {
            this.identity = identity;
            return this;
        }

        /** Keyless: a regular expression the whole certificate identity must match. */
        public Builder certificateIdentityRegexp(String regexp) {
            this.identityRegexp = regexp;
            return this;
        }

        /** Keyless: the OIDC issuer the certificate must name, e.g. {@code https://token.actions.githubusercontent.com}. */
        public Builder certificateOidcIssuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** Keyless: a regular expression the whole OIDC issuer must match. */
        public Builder certificateOidcIssuerRegexp(String regexp) {
            this.issuerRegexp = regexp;
            return this;
        }

        /** Keyless: the GitHub repository the workflow ran in, {@code OWNER/REPO} or {@code https://HOST/OWNER/REPO}. */
        public Builder certificateGithubWorkflowRepository(String repository) {
            return claim(GithubClaim.REPOSITORY, repository);
        }

        /** Keyless: the git ref the workflow ran for, e.g. {@code refs/tags/v1.0}. */
        public Builder certificateGithubWorkflowRef(String ref) {
            return claim(GithubClaim.REF, ref);
        }

        /** Keyless: the commit the workflow ran on. */
        public Builder certificateGithubWorkflowSha(String sha) {
            return claim(GithubClaim.SHA, sha);
        }

        /** Keyless: the event that started the workflow, e.g. {@code push}. */
        public Builder certificateGithubWorkflowTrigger(String event) {
            return claim(GithubClaim.TRIGGER, event);
        }

        /** Keyless: the workflow's name. */
        public Builder certificateGithubWorkflowName(String name) {
            return claim(GithubClaim.NAME, name);
        }

        private Builder claim(GithubClaim claim, String value) {
            if (value == null) {
                claims.remove(claim);
            } else {
                claims.put(claim, value);
            }
            return this;
        }

        /** A Sigstore {@code trusted_root.json} (a private instance, or a pinned copy) instead of the public-good root. */
        public Builder trustedRoot(Path trustedRootJson) {
            this.trustedRoot = trustedRootJson;
            return this;
        }

        /**
         * The public-good root (the default): a TUF-verified copy refreshed by {@code provenant trust refresh}
         * when there is one, else the copy shipped with Provenant.
         */
        public Builder publicGoodRoot() {
            this.trustedRoot = null;
            return this;
        }

        /** Fail unless the bundle has a verified transparency-log entry (keyless bundles always need one). */
        public Builder requireTlog(boolean required) {
            this.requireTlog = required;
            return this;
        }

        /**
         * The environment the public-good root's cache is found from ({@code PROVENANT_CACHE_DIR},
         * {@code XDG_CACHE_HOME}); by default the process's.
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public VerifyOptions build() {
            return new VerifyOptions(this);
        }
    }
}
