package dev.provenant.api;

import dev.provenant.frontend.KeylessInstance;
import dev.provenant.frontend.SetupException;
import dev.provenant.frontend.Signing;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityToken;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.IdentityTokenSource;
import dev.provenant.signer.keyless.IdentityTokenSources;
import dev.provenant.signer.keyless.KeylessSigning;
import dev.provenant.signer.keyless.TokenFileSource;
import dev.provenant.signer.resolve.Signers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * How to sign: with a key ({@link #withKey}: a PEM file, {@code pkcs11:}, or a KMS key reference whose
 * backend module is on the class path), or keyless ({@link #keyless()}: a Fulcio certificate for an OIDC
 * identity, logged in Rekor; needs {@code provenant-keyless} on the class path). Immutable; secrets come
 * from a file or an environment variable, never from a string in code that might be logged.
 */
public final class SignOptions {
    private final String keyRef;
    private final Path passwordFile;
    private final String passwordVariable;
    private final boolean keyless;
    private final String identityToken;
    private final Path identityTokenFile;
    private final Path signingConfig;
    private final Path trustedRoot;
    private final Map<String, String> environment;

    private SignOptions(KeyBuilder k, KeylessBuilder l) {
        this.keyRef = k == null ? null : k.keyRef;
        this.passwordFile = k == null ? null : k.passwordFile;
        this.passwordVariable = k == null ? null : k.passwordVariable;
        this.keyless = l != null;
        this.identityToken = l == null ? null : l.identityToken;
        this.identityTokenFile = l == null ? null : l.identityTokenFile;
        this.signingConfig = l == null ? null : l.signingConfig;
        this.trustedRoot = l == null ? null : l.trustedRoot;
        this.environment = Map.copyOf(k != null ? k.environment : l.environment);
    }

    /** Sign with this key: a PEM private key file, a {@code pkcs11:} URI, or {@code awskms://}, {@code gcpkms://}, ... */
    public static KeyBuilder withKey(String keyRef) {
        return new KeyBuilder(Objects.requireNonNull(keyRef));
    }

    /** Sign keyless, by default against the public-good Sigstore instance. */
    public static KeylessBuilder keyless() {
        return new KeylessBuilder();
    }

    public boolean isKeyless() {
        return keyless;
    }

    /** Opens the signer; {@code warnings} is told of settings that work but are likely a mistake. */
    Signing open(Consumer<String> warnings) throws SigningException, SetupException, IOException {
        if (!keyless) {
            return Signing.withKey(openKey());
        }
        KeylessInstance instance = KeylessInstance.of(signingConfig, trustedRoot, environment, VerifyOptions.HINTS);
        instance.warning().ifPresent(warnings);
        KeylessSigning service = ServiceLoader.load(KeylessSigning.class).findFirst().orElseThrow(() -> new SigningException(
                "keyless signing needs provenant-keyless (and with it sigstore-java) on the class path"));
        IdentityTokenSource tokens;
        if (identityToken != null) {
            IdentityToken token;
            try {
                token = IdentityToken.parse(identityToken, "the identity token given to SignOptions");
            } catch (IdentityTokenException e) {
                throw new SetupException(e.getMessage(), e);
            }
            tokens = IdentityTokenSources.fixed(token);
        } else if (identityTokenFile != null) {
            tokens = new TokenFileSource(identityTokenFile, "identity token file " + identityTokenFile);
        } else {
            // GitHub Actions, then SIGSTORE_ID_TOKEN; a library never opens a browser
            tokens = IdentityTokenSources.standard(null, environment, null, false);
        }
        return Signing.keyless(service.open(instance.config(), tokens), line -> {});
    }

    /** The key's signer, for signing with a key. */
    Signer openKey() throws SigningException {
        if (keyless) {
            throw new IllegalStateException("keyless options have no key");
        }
        return Signers.discover().open(keyRef, new SecretSource(environment, passwordVariable, passwordFile));
    }

    /** Options for signing with a key. */
    public static final class KeyBuilder {
        private final String keyRef;
        private Path passwordFile;
        private String passwordVariable = SecretSource.PASSWORD_VARIABLE;
        private Map<String, String> environment = System.getenv();

        private KeyBuilder(String keyRef) {
            this.keyRef = keyRef;
        }

        /** A file holding the key's passphrase (without a trailing newline); preferred over the variable. */
        public KeyBuilder passwordFile(Path file) {
            this.passwordFile = file;
            return this;
        }

        /** The environment variable holding the passphrase (default {@code PROVENANT_PASSWORD}). */
        public KeyBuilder passwordVariable(String name) {
            this.passwordVariable = Objects.requireNonNull(name);
            return this;
        }

        /** The environment to read the passphrase variable (and KMS settings) from; by default the process's. */
        public KeyBuilder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public SignOptions build() {
            return new SignOptions(this, null);
        }
    }

    /** Options for keyless signing. */
    public static final class KeylessBuilder {
        private String identityToken;
        private Path identityTokenFile;
        private Path signingConfig;
        private Path trustedRoot;
        private Map<String, String> environment = System.getenv();

        private KeylessBuilder() {}

        /**
         * The OIDC identity token (a JWT) your code already holds, e.g. from a workload identity. Without
         * it (or a token file), GitHub Actions' token, then the {@code SIGSTORE_ID_TOKEN} variable.
         */
        public KeylessBuilder identityToken(String jwt) {
            this.identityToken = Objects.requireNonNull(jwt);
            this.identityTokenFile = null;
            return this;
        }

        /** A file holding the OIDC identity token. */
        public KeylessBuilder identityTokenFile(Path file) {
            this.identityTokenFile = Objects.requireNonNull(file);
            this.identityToken = null;
            return this;
        }

        /** The Sigstore instance's {@code signing_config.json} (default: the public-good instance's, shipped with Provenant). */
        public KeylessBuilder signingConfig(Path file) {
            this.signingConfig = file;
            return this;
        }

        /** The instance's {@code trusted_root.json} its answers are checked against (default: the public-good root). */
        public KeylessBuilder trustedRoot(Path file) {
            this.trustedRoot = file;
            return this;
        }

        /** The environment token sources and the trusted-root cache are read from; by default the process's. */
        public KeylessBuilder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public SignOptions build() {
            return new SignOptions(null, this);
        }
    }

    @Override
    public String toString() {
        return keyless ? "keyless" + (signingConfig == null ? "" : " (" + signingConfig + ")") : "key " + keyRef;
    }
}
