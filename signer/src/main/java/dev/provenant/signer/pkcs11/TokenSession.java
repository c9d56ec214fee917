package dev.provenant.signer.pkcs11;

import java.security.AuthProvider;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import javax.security.auth.login.LoginException;

/**
 * A logged-in token: the SunPKCS11 provider configured for its slot and the token's key store, whose
 * aliases are the keys' CKA_LABELs.
 *
 * @param name the token as messages show it, for example {@code token 'ci'}
 */
public record TokenSession(Provider provider, KeyStore keyStore, String name) implements AutoCloseable {
    /**
     * Logs out. PKCS#11 login state belongs to the whole process, and SunPKCS11 skips the PIN check when
     * the token is already logged in, so a session left open would let a later open in the same JVM
     * succeed with a wrong PIN. The cost: two signers on one token in one JVM must not overlap.
     */
    @Override
    public void close() {
        if (provider instanceof AuthProvider auth) {
            try {
                auth.logout();
            } catch (LoginException | ProviderException e) {
                // Already logged out, or the device is gone: either way nothing is left logged in.
            }
        }
    }
}
