package dev.provenant.signer.resolve;

import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SignerProvider;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.file.FileKeyProvider;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Resolves a key reference to a signer: the first registered provider that claims it, else a key file
 * path. Backends register through {@code META-INF/services/dev.provenant.signer.SignerProvider}.
 */
public final class Signers {
    private final Iterable<SignerProvider> providers;
    private final SignerProvider fallback = new FileKeyProvider();

    public Signers(Iterable<SignerProvider> providers) {
        this.providers = providers;
    }

    /** The providers on the class path. */
    public static Signers discover() {
        return new Signers(ServiceLoader.load(SignerProvider.class));
    }

    /**
     * A provider that cannot be loaded (a missing or conflicting library) is passed over, so it cannot
     * stand in the way of key files or of the other backends; if no provider claims the reference, the
     * message says which failed to load.
     */
    public Signer open(String keyRef, SecretSource secrets) throws SigningException {
        String unloadable = null;
        Iterator<SignerProvider> it = providers.iterator();
        while (true) {
            SignerProvider provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                unloadable = e.getMessage();
                continue;
            }
            if (provider.supports(keyRef)) {
                return provider.open(keyRef, secrets);
            }
        }
        if (keyRef.matches("^[a-z][a-z0-9+.-]*:(//)?.*") && !keyRef.matches("^[A-Za-z]:[\\\\/].*")
                && !java.nio.file.Files.exists(java.nio.file.Path.of(keyRef))) {
            String scheme = keyRef.substring(0, keyRef.indexOf(':'));
            throw new KeyReferenceException("no signing backend for '" + scheme + ":' key references is installed"
                    + (unloadable == null ? "" : " (one failed to load: " + unloadable + ")"));
        }
        return fallback.open(keyRef, secrets);
    }
}
