package dev.provenant.maven;

import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.resolve.Signers;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.pkcs11.TokenLogin;
import java.util.HashMap;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Opens the key a goal signs with. The key reference is anything the CLI's {@code --key}
 * accepts (a PEM file, {@code pkcs11:}, a KMS URI whose backend is on the plugin's class path); the
 * passphrase or PIN comes from the environment ({@code PROVENANT_PASSWORD}, {@code PROVENANT_PKCS11_PIN})
 * or from a {@code settings.xml} server, never from the POM.
 */
final class SigningKey {
    private SigningKey() {}

    static Signer open(String keyRef, String serverId, Settings settings, SettingsDecrypter decrypter)
            throws MojoExecutionException {
        if (keyRef == null || keyRef.isBlank()) {
            throw new MojoExecutionException("no signing key: configure <key> or -Dprovenant.key=KEYREF "
                    + "(a PEM key file, a pkcs11: URI or a KMS URI), or <keyless>true</keyless>");
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        if (serverId != null && !serverId.isBlank()) {
            String secret = serverSecret(serverId, "passphraseServerId", settings, decrypter);
            env.put(SecretSource.PASSWORD_VARIABLE, secret);
            env.put(TokenLogin.PIN_VARIABLE, secret);
        }
        try {
            return Signers.discover().open(keyRef, new SecretSource(env, SecretSource.PASSWORD_VARIABLE, null));
        } catch (SigningException e) {
            throw new MojoExecutionException("cannot open signing key " + keyRef + ": " + e.getMessage());
        }
    }

    /** The server's passphrase, else its password, decrypted as Maven decrypts them. */
    static String serverSecret(String id, String parameter, Settings settings, SettingsDecrypter decrypter)
            throws MojoExecutionException {
        Server server = settings == null ? null : settings.getServer(id);
        if (server == null) {
            throw new MojoExecutionException("settings.xml has no <server> with id '" + id + "' (named by <" + parameter + ">)");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!result.getProblems().isEmpty()) {
            throw new MojoExecutionException("cannot decrypt the secret of settings.xml server '" + id + "'");
        }
        Server decrypted = result.getServer();
        String secret = decrypted.getPassphrase() != null ? decrypted.getPassphrase() : decrypted.getPassword();
        if (secret == null) {
            throw new MojoExecutionException("settings.xml server '" + id + "' has neither <passphrase> nor <password>");
        }
        return secret;
    }
}
