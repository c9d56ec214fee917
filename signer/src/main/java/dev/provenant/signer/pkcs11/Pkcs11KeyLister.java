package dev.provenant.signer.pkcs11;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SigningException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Lists the signing keys in a token, each with the {@code pkcs11:} URI that opens it. */
public final class Pkcs11KeyLister {
    private final TokenLogin login;

    public Pkcs11KeyLister(Map<String, String> env) {
        this.login = new TokenLogin(env);
    }

    /**
     * @param token the token's label, or null when the module has exactly one token
     * @param pinFile a file holding the PIN, or null for {@code PROVENANT_PKCS11_PIN}
     */
    public List<TokenKey> list(Path module, String token, Path pinFile) throws SigningException {
        String label = token != null ? token : onlyToken(module);
        Pkcs11Uri base = new Pkcs11Uri(label, null, null, null, module, null);
        Pkcs11Uri login = pinFile == null ? base : new Pkcs11Uri(label, null, null, null, module, pinFile);
        List<TokenKey> keys = new ArrayList<>();
        try (TokenSession session = this.login.open(login)) {
            List<String> aliases = Collections.list(session.keyStore().aliases());
            Collections.sort(aliases);
            for (String alias : aliases) {
                if (session.keyStore().isKeyEntry(alias)) {
                    keys.add(new TokenKey(label, alias, algorithm(session, alias), base.withObject(alias).toUriString()));
                }
            }
        } catch (KeyStoreException e) {
            throw new SigningException("listing keys in token '" + label + "' failed: " + Pkcs11Errors.describe(e), e);
        }
        return keys;
    }

    private static String algorithm(TokenSession session, String alias) throws KeyStoreException {
        Certificate cert = session.keyStore().getCertificate(alias);
        if (cert == null) {
            return "unknown";
        }
        try {
            return SignatureAlgorithm.forKey(cert.getPublicKey()).sigstoreName();
        } catch (GeneralSecurityException e) {
            return "unsupported (" + cert.getPublicKey().getAlgorithm() + ")";
        }
    }

    private static String onlyToken(Path module) throws SigningException {
        List<TokenSlot> tokens = new SlotDirectory(module).tokens();
        if (tokens.size() != 1) {
            throw new KeyReferenceException(module + " has " + tokens.size() + " tokens; choose one with --token LABEL"
                    + (tokens.isEmpty() ? "" : " (" + String.join(", ", tokens.stream().map(TokenSlot::label).toList()) + ")"));
        }
        return tokens.get(0).label();
    }
}
