package dev.provenant.cli;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.BundleLines;
import dev.provenant.attest.digest.Digest;
import java.io.IOException;
import java.nio.file.Path;
import dev.provenant.frontend.FrontEnd;
import dev.provenant.frontend.GhAttestationFlags;
import dev.provenant.frontend.Hints;
import dev.provenant.frontend.SetupException;
import dev.provenant.frontend.TrustInputs;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.VerificationPolicy;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The trust inputs every verifying command takes. Annotated commands mix them in with {@code @Mixin};
 * {@code verify}, whose model is built in code (see {@link ProvenantCommand}), with {@link #spec()},
 * which declares the same options (CommandSpecsTest checks that the two agree).
 */
final class VerifyOptions implements Binding.Fields {
    @Option(names = "--bundle", paramLabel = "BUNDLE", description = "The Sigstore bundle (default: FILE.sigstore.json).")
    Path bundle;

    @Option(names = "--key", paramLabel = "PUB", description = "The trusted public key (PEM), for key-signed bundles.")
    Path key;

    @Option(names = "--certificate-identity", paramLabel = "ID",
            description = "Keyless: the signer identity the certificate must name exactly (a workflow URI or an email).")
    String identity;

    @Option(names = "--certificate-identity-regexp", paramLabel = "REGEX",
            description = "Keyless: a regular expression the whole certificate identity must match.")
    String identityRegexp;

    @Option(names = "--certificate-oidc-issuer", paramLabel = "URL",
            description = "Keyless: the OIDC issuer the certificate must name, e.g. https://token.actions.githubusercontent.com")
    String issuer;

    @Option(names = "--certificate-oidc-issuer-regexp", paramLabel = "REGEX",
            description = "Keyless: a regular expression the whole OIDC issuer must match.")
    String issuerRegexp;

    @Option(names = "--certificate-github-workflow-repository", paramLabel = "OWNER/REPO|URL",
            description = "Keyless: the GitHub repository the workflow ran in: OWNER/REPO on github.com, or "
                    + "https://HOST/OWNER/REPO on a GitHub Enterprise host.")
    String githubRepository;

    @Option(names = "--certificate-github-workflow-ref", paramLabel = "REF", description = "Keyless: the git ref, e.g. refs/tags/v1.0.")
    String githubRef;

    @Option(names = "--certificate-github-workflow-sha", paramLabel = "SHA", description = "Keyless: the commit the workflow ran on.")
    String githubSha;

    @Option(names = "--certificate-github-workflow-trigger", paramLabel = "EVENT", description = "Keyless: the event, e.g. push.")
    String githubTrigger;

    @Option(names = "--certificate-github-workflow-name", paramLabel = "NAME", description = "Keyless: the workflow's name.")
    String githubName;

    @Option(names = "--trusted-root", paramLabel = "FILE",
            description = "Sigstore trusted_root.json for transparency log entries and timestamps "
                    + "(default: the public-good root shipped with Provenant).")
    Path trustedRoot;

    @Option(names = "--require-tlog", description = "Fail unless the bundle has a verified transparency log entry.")
    boolean requireTlog;

    /** These options as a picocli mixin built in code, bound to this object's fields. */
    CommandSpec spec() {
        CommandSpec mixin = CommandSpec.create();
        mixin.addOption(Binding.option(this, Path.class, "--bundle")
                .paramLabel("BUNDLE")
                .description("The Sigstore bundle (default: FILE.sigstore.json).")
                .build());
        mixin.addOption(Binding.option(this, Path.class, "--key")
                .paramLabel("PUB")
                .description("The trusted public key (PEM), for key-signed bundles.")
                .build());
        addIdentityOptions(mixin);
        return mixin;
    }

    /**
     * The keyless identity options, {@code --trusted-root} and {@code --require-tlog}, without {@code --bundle}
     * and {@code --key}: for a command that names its evidence and its key with flags of its own
     * ({@code verify-vsa}, with slsa-verifier's names), bound to this object's fields.
     */
    CommandSpec identitySpec() {
        CommandSpec mixin = CommandSpec.create();
        addIdentityOptions(mixin);
        return mixin;
    }

    private void addIdentityOptions(CommandSpec mixin) {
        mixin.addOption(Binding.option(this, String.class, "--certificate-identity")
                .paramLabel("ID")
                .description("Keyless: the signer identity the certificate must name exactly (a workflow URI or an email).")
                .build());
        mixin.addOption(Binding.option(this, String.class, "--certificate-identity-regexp")
                .paramLabel("REGEX")
                .description("Keyless: a regular expression the whole certificate identity must match.")
                .build());
        mixin.addOption(Binding.option(this, String.class, "--certificate-oidc-issuer")
                .paramLabel("URL")
                .description("Keyless: the OIDC issuer the certificate must name, e.g. https://token.actions.githubusercontent.com")
                .build());
        mixin.addOption(Binding.option(this, String.class, "--certificate-oidc-issuer-regexp")
                .paramLabel("REGEX")
                .description("Keyless: a regular expression the whole OIDC issuer must match.")
                .build());
        mixin.addOption(Binding.option(this, String.class, "--certificate-github-workflow-repository")
                .paramLabel("OWNER/REPO|URL")
                .description("Keyless: the GitHub repository the workflow ran in: OWNER/REPO on github.com, or "
                    + "https://HOST/OWNER/REPO on a GitHub Enterprise host.")
                .build());
        mixin.addOption(Binding.option(this, String.class, "--certificate-github-workflow-ref")
                .paramLabel("REF")
                .description("Keyless: the git ref, e.g. refs/tags/v1.0.")
                .build());
        mixin.addOption(Binding.option(this, String.class, "--certificate-github-workflow-sha")
                .paramLabel("SHA")
                .description("Keyless: the commit the workflow ran on.")
                .build());
        mixin.addOption(Binding.option(this, String.class, "--certificate-github-workflow-trigger")
                .paramLabel("EVENT")
                .description("Keyless: the event, e.g. push.")
                .build());
        mixin.addOption(Binding.option(this, String.class, "--certificate-github-workflow-name")
                .paramLabel("NAME")
                .description("Keyless: the workflow's name.")
                .build());
        mixin.addOption(Binding.option(this, Path.class, "--trusted-root")
                .paramLabel("FILE")
                .description("Sigstore trusted_root.json for transparency log entries and timestamps "
                    + "(default: the public-good root shipped with Provenant).")
                .build());
        mixin.addOption(Binding.flag(this, "--require-tlog")
                .description("Fail unless the bundle has a verified transparency log entry.")
                .build());
    }

    @Override
    public Object get(String name) {
        switch (name) {
            case "--bundle": return bundle;
            case "--key": return key;
            case "--certificate-identity": return identity;
            case "--certificate-identity-regexp": return identityRegexp;
            case "--certificate-oidc-issuer": return issuer;
            case "--certificate-oidc-issuer-regexp": return issuerRegexp;
            case "--certificate-github-workflow-repository": return githubRepository;
            case "--certificate-github-workflow-ref": return githubRef;
            case "--certificate-github-workflow-sha": return githubSha;
            case "--certificate-github-workflow-trigger": return githubTrigger;
            case "--certificate-github-workflow-name": return githubName;
            case "--trusted-root": return trustedRoot;
            case "--require-tlog": return requireTlog;
            default: throw new IllegalArgumentException(name);
        }
    }

    @Override
    public void set(String name, Object value) {
        switch (name) {
            case "--bundle": bundle = (Path) value; break;
            case "--key": key = (Path) value; break;
            case "--certificate-identity": identity = (String) value; break;
            case "--certificate-identity-regexp": identityRegexp = (String) value; break;
            case "--certificate-oidc-issuer": issuer = (String) value; break;
            case "--certificate-oidc-issuer-regexp": issuerRegexp = (String) value; break;
            case "--certificate-github-workflow-repository": githubRepository = (String) value; break;
            case "--certificate-github-workflow-ref": githubRef = (String) value; break;
            case "--certificate-github-workflow-sha": githubSha = (String) value; break;
            case "--certificate-github-workflow-trigger": githubTrigger = (String) value; break;
            case "--certificate-github-workflow-name": githubName = (String) value; break;
            case "--trusted-root": trustedRoot = (Path) value; break;
            case "--require-tlog": requireTlog = (Boolean) value; break;
            default: throw new IllegalArgumentException(name);
        }
    }

    /** The policy these options describe: the trusted key or identity, and whether a log entry is required. */
    VerificationPolicy policy() throws IOException, SetupException {
        return new VerificationPolicy(signerTrust(), requireTlog, Optional.empty());
    }

    /**
     * gh attestation's flags, applied on top of these options by the commands that take them
     * ({@link GhAttestationOptions}); none by default.
     */
    GhAttestationFlags gh = GhAttestationFlags.NONE;

    /** Whether a key or any keyless identity option was given. */
    boolean signerGiven() {
        return trustInputs(key).given() || gh.given();
    }

    /** Whether a key, an identity or an issuer was given: a signer, not only claims to pin. */
    boolean signerNamed() {
        return key != null || identity != null || identityRegexp != null || issuer != null || issuerRegexp != null;
    }

    /** The trusted key or identity; exactly one of the two ways must be given. */
    SignerTrust signerTrust() throws IOException, SetupException {
        return signerTrust(key);
    }

    /** Whether any keyless identity option was given. */
    boolean keyless() {
        return trustInputs(null).keyless() || gh.given();
    }

    /** The trusted key or identity, the key read from {@code keyFile} rather than {@code --key}. */
    SignerTrust signerTrust(Path keyFile) throws IOException, SetupException {
        return gh.applyTo(trustInputs(keyFile)).signer(HINTS);
    }

    /** The keyless settings with gh attestation's flags applied, without a key. */
    TrustInputs keylessInputs() throws SetupException {
        return gh.applyTo(trustInputs(null));
    }

    private TrustInputs trustInputs(Path keyFile) {
        return new TrustInputs(keyFile, identity, identityRegexp, issuer, issuerRegexp,
                TrustInputs.githubClaims(githubRepository, githubRef, githubSha, githubTrigger, githubName));
    }

    static final Hints HINTS = new Hints(FrontEnd.CLI);

    /** The bundle to verify; by default {@code firstOperand + defaultSuffix}, beside the artifact. */
    /**
     * The name the Maven plugin gives bundles that the public-good instance's checks would reject (key-signed,
     * or from another Sigstore instance): never {@code .sigstore.json}, which Maven Central validates.
     */
    static final String OWN_BUNDLE_SUFFIX = ".provenant-bundle.json";

    Bundle readBundle(String firstOperand, String defaultSuffix) throws IOException, FormatException, UsageException {
        return Bundle.read(bundlePath(firstOperand, defaultSuffix));
    }

    /** The bundle file's bundles: one, or JSON lines of several (see {@link BundleLines}). */
    BundleLines readBundles(String firstOperand, String defaultSuffix) throws IOException, FormatException, UsageException {
        return BundleLines.read(bundlePath(firstOperand, defaultSuffix));
    }

    private Path bundlePath(String firstOperand, String defaultSuffix) throws UsageException {
        Path path = bundle;
        if (path == null) {
            if (Digest.looksLikeDigest(firstOperand)) {
                throw new UsageException("verifying a digest needs --bundle BUNDLE");
            }
            path = Path.of(firstOperand + defaultSuffix);
            // the Maven plugin attaches key-signed and private-instance bundles under a name of their own
            Path own = Path.of(firstOperand + OWN_BUNDLE_SUFFIX);
            if (defaultSuffix.equals(".sigstore.json") && !java.nio.file.Files.exists(path) && java.nio.file.Files.exists(own)) {
                path = own;
            }
        }
        return path;
    }
}
