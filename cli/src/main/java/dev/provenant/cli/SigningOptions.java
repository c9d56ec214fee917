package dev.provenant.cli;

import dev.provenant.frontend.Signing;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.provenant.signer.tlog.RekorUpload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a signing command signs: with a key (--key), or keyless with an OIDC identity (--keyless). */
final class SigningOptions {
    @Option(names = "--key", paramLabel = "KEYREF",
            description = {KeyOptions.KEY_HELP, KeyOptions.PKCS11_HELP, KeyOptions.AWS_HELP, KeyOptions.GCP_HELP,
                KeyOptions.AZURE_HELP, KeyOptions.VAULT_HELP})
    String keyRef;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the key's passphrase (default: the PROVENANT_PASSWORD variable).")
    Path passwordFile;

    @Option(names = "--keyless",
            description = "Sign keyless: a short-lived Fulcio certificate for your OIDC identity, logged in Rekor.")
    boolean keyless;

    @Option(names = "--identity-token", paramLabel = "@FILE|TOKEN",
            description = "With --keyless: the OIDC token, best as @FILE (a literal token is visible in the process list)."
                    + " Default: GitHub Actions, then SIGSTORE_ID_TOKEN, then a browser sign-in when interactive.")
    String identityToken;

    @Option(names = "--signing-config", paramLabel = "FILE",
            description = "With --keyless (on sign and attest also with --tlog-upload): the Sigstore instance's signing"
                    + " config (default: the public-good instance).")
    Path signingConfig;

    @Option(names = "--trusted-root", paramLabel = "FILE",
            description = "With --keyless: the trusted root to check the instance's answers against"
                    + " (default: the public-good root).")
    Path trustedRoot;

    /** Opens the signing backend the options name; exactly one of --key and --keyless. */
    Signing open(PrintWriter err) throws UsageException, SigningException, IOException {
        return open(err, null);
    }

    /**
     * As {@link #open(PrintWriter)}; with {@code tlogUpload} (a command's {@code --tlog-upload}), key-signed
     * bundles are logged in the Rekor logs of {@code --signing-config} (default: the public-good instance's).
     *
     * @param option the command's {@code --tlog-upload}; null for commands without the option
     */
    Signing open(PrintWriter err, Boolean option) throws UsageException, SigningException, IOException {
        boolean tlogUpload = Boolean.TRUE.equals(option);
        if (keyless == (keyRef != null)) {
            throw new UsageException(keyless ? "give either --key or --keyless, not both" : "give --key KEYREF or --keyless");
        }
        if (!keyless) {
            if (identityToken != null || trustedRoot != null || (signingConfig != null && !tlogUpload)) {
                throw new UsageException(tlogUpload ? "--identity-token and --trusted-root go with --keyless"
                        : "--identity-token, --signing-config and --trusted-root go with --keyless"
                                + (option == null ? "" : " (--signing-config also with --tlog-upload)"));
            }
            // the config is read before the key is opened: a config that names no usable log costs no PIN or KMS call
            java.util.Optional<RekorUpload> upload = tlogUpload ? java.util.Optional.of(rekorUpload()) : java.util.Optional.empty();
            return Signing.withKey(SignerProviders.signers(keyRef).open(keyRef, SecretSource.password(passwordFile)), upload);
        }
        if (tlogUpload) {
            throw new UsageException("--tlog-upload goes with --key: keyless bundles are always logged");
        }
        if (passwordFile != null) {
            throw new UsageException("--password-file goes with --key, not --keyless");
        }
        return KeylessSetup.open(identityToken, signingConfig, trustedRoot, err);
    }

    private RekorUpload rekorUpload() throws IOException, SigningException {
        if (signingConfig == null) {
            return RekorUpload.fromSigningConfig(KeylessConfig.publicGoodSigningConfig(), "the public-good signing config",
                    java.time.Instant.now());
        }
        return RekorUpload.fromSigningConfig(dev.provenant.attest.io.BoundedFile.read(signingConfig,
                dev.provenant.attest.io.InputLimit.SIGNING_CONFIG), "signing config " + signingConfig, java.time.Instant.now());
    }
}
