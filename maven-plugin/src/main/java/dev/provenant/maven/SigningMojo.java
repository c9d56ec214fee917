package dev.provenant.maven;

import java.io.File;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The goals that sign ({@code sign}, {@code sign-image}): one set of signing parameters, a key or keyless,
 * with the same collision rules, and one way to open them ({@link #open()}).
 */
abstract class SigningMojo extends ProvenantMojo {
    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    Settings settings;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /**
     * The signing key, as the CLI's {@code --key}: a PEM private key file, a {@code pkcs11:} URI, or a KMS URI
     * whose backend is added to the plugin's dependencies. Its passphrase or PIN comes from
     * {@code PROVENANT_PASSWORD} / {@code PROVENANT_PKCS11_PIN} or from {@code passphraseServerId}.
     */
    @Parameter(property = "provenant.key")
    String key;

    /** The id of a {@code settings.xml} server whose passphrase (or password) unlocks the key. */
    @Parameter(property = "provenant.passphraseServerId")
    String passphraseServerId;

    /**
     * Sign keyless: a short-lived Fulcio certificate for the build's OIDC identity, logged in Rekor, instead of
     * {@code key}. The identity token comes from {@code identityTokenFile} or {@code identityTokenServerId} when
     * configured, else from GitHub Actions ({@code permissions: id-token: write}), else {@code SIGSTORE_ID_TOKEN},
     * else a browser sign-in when Maven runs interactively on a terminal outside CI.
     */
    @Parameter(property = "provenant.keyless", defaultValue = "false")
    boolean keyless;

    /** Keyless: a file holding the OIDC identity token (for example one a CI step wrote). */
    @Parameter(property = "provenant.identityTokenFile")
    File identityTokenFile;

    /** Keyless: the id of a {@code settings.xml} server whose password is the OIDC identity token. */
    @Parameter(property = "provenant.identityTokenServerId")
    String identityTokenServerId;

    /** Keyless: the Sigstore instance's signing config (Fulcio, Rekor, TSA URLs); default: the public-good instance. */
    @Parameter(property = "provenant.signingConfig")
    File signingConfig;

    /**
     * Keyless: the trusted root the instance's certificates and log entries are checked against; default: public-good.
     * Its own property: the verify and verify-dependencies goals have theirs.
     */
    @Parameter(property = "provenant.sign.trustedRoot")
    File trustedRoot;

    @Component
    SettingsDecrypter settingsDecrypter;

    /** What the goal signs with, the parameters checked for collisions first. */
    ArtifactSigning open() throws MojoExecutionException {
        // <trustedRoot> is not among them: a key-signed bundle with a log entry is checked against it too
        boolean keylessOnly = identityTokenFile != null || blank(identityTokenServerId) != null || signingConfig != null;
        if (!keyless) {
            if (keylessOnly) {
                throw new MojoExecutionException("<identityTokenFile>, <identityTokenServerId> and <signingConfig>"
                        + " go with <keyless>true</keyless>");
            }
            return ArtifactSigning.withKey(SigningKey.open(key, passphraseServerId, settings, settingsDecrypter));
        }
        if (blank(key) != null || blank(passphraseServerId) != null) {
            Map<String, String> user = userProperties();
            throw new MojoExecutionException(ParameterConflicts.keyAndKeyless(
                    user.containsKey("provenant.key") || user.containsKey("provenant.passphraseServerId"),
                    user.containsKey("provenant.keyless") && !"false".equalsIgnoreCase(user.get("provenant.keyless").strip())));
        }
        String serverId = blank(identityTokenServerId);
        KeylessSigningSetup.TokenChoice token = new KeylessSigningSetup.TokenChoice(identityTokenFile, serverId,
                serverId == null ? null : SigningKey.serverSecret(serverId, "identityTokenServerId", settings, settingsDecrypter));
        boolean interactive = session.getRequest().isInteractiveMode() && System.console() != null;
        return KeylessSigningSetup.open(signingConfig, trustedRoot, token, System.getenv(), interactive, getLog());
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
