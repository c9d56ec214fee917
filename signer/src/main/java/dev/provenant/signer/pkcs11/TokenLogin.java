package dev.provenant.signer.pkcs11;

import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.SigningException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.Arrays;
import java.util.Map;

/** Opens a token named by a {@link Pkcs11Uri}: loads the module through SunPKCS11 and logs in with the PIN. */
public final class TokenLogin {
    public static final String PIN_VARIABLE = "PROVENANT_PKCS11_PIN";

    /**
     * Makes keys generated through this provider persistent token objects that never leave the device:
     * SunPKCS11 otherwise creates session objects, which vanish at logout.
     */
    private static final String GENERATE_IN_TOKEN = """
            attributes(generate, CKO_PRIVATE_KEY, *) = {
              CKA_TOKEN = true
              CKA_PRIVATE = true
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = false
            }
            attributes(generate, CKO_PUBLIC_KEY, *) = {
              CKA_TOKEN = true
            }
            """;

    private final Map<String, String> env;

    /** @param env the environment {@code PROVENANT_PKCS11_PIN} is read from */
    public TokenLogin(Map<String, String> env) {
        this.env = env;
    }

    public TokenSession open(Pkcs11Uri uri) throws SigningException {
        return open(uri, false);
    }

    /** Opens the token with a provider whose key generation makes non-extractable token objects. */
    public TokenSession openForGeneration(Pkcs11Uri uri) throws SigningException {
        return open(uri, true);
    }

    private TokenSession open(Pkcs11Uri uri, boolean generate) throws SigningException {
        SlotDirectory slots = new SlotDirectory(uri.modulePath());
        long slot;
        String name;
        if (uri.token() != null) {
            TokenSlot found = slots.find(uri.token());
            if (uri.slotId() != null && uri.slotId() != found.slotId()) {
                throw new KeyReferenceException("token '" + uri.token() + "' is not in slot " + uri.slotId());
            }
            slot = found.slotId();
            name = "token '" + uri.token() + "'";
        } else {
            slot = uri.slotId();
            name = "slot " + slot;
        }
        // Read the PIN before loading anything, so a missing PIN is a usage error whatever the device does.
        char[] pin = pin(uri);
        try {
            Provider provider = configure(uri, slot, generate);
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            return new TokenSession(provider, store, name);
        } catch (IOException | GeneralSecurityException | ProviderException e) {
            if (Pkcs11Errors.isWrongPin(e)) {
                throw new SigningException("PKCS#11 login to " + name + " failed: wrong PIN (CKR_PIN_INCORRECT)", e);
            }
            throw new SigningException("PKCS#11 login to " + name + " failed: " + Pkcs11Errors.describe(e), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private char[] pin(Pkcs11Uri uri) throws KeyReferenceException {
        var source = new SecretSource(env, PIN_VARIABLE, uri.pinSource());
        return source.read().orElseThrow(() -> new KeyReferenceException(
                "no PIN for " + uri.display() + ": set " + PIN_VARIABLE + " or add pin-source=FILE to the URI"));
    }

    private static Provider configure(Pkcs11Uri uri, long slot, boolean generate) {
        Provider template = Security.getProvider("SunPKCS11");
        if (template == null) {
            throw new ProviderException("this JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
        }
        // A leading "--" makes configure() read the text itself rather than a file name.
        String config = "--name=provenant\nlibrary=" + uri.modulePath() + "\nslot=" + slot + "\n"
                + (generate ? GENERATE_IN_TOKEN : "");
        return template.configure(config);
    }
}
