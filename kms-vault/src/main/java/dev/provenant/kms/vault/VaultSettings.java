package dev.provenant.kms.vault;

import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.signer.KeyReferenceException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where Vault is and who is asking, read as Vault's own CLI reads them: {@code VAULT_ADDR},
 * {@code VAULT_TOKEN} (else the token helper's file {@code ~/.vault-token}), {@code VAULT_NAMESPACE},
 * and cosign's {@code TRANSIT_SECRET_ENGINE_PATH} for a transit engine mounted elsewhere.
 * {@link #toString()} leaves the token out.
 */
final class VaultSettings {
    private final URI address;
    private final char[] token;
    private final String namespace;
    private final String transitPath;

    private VaultSettings(URI address, char[] token, String namespace, String transitPath) {
        this.address = address;
        this.token = token;
        this.namespace = namespace;
        this.transitPath = transitPath;
    }

    static VaultSettings from(Map<String, String> env, Path home) throws KeyReferenceException {
        String addr = env.get("VAULT_ADDR");
        if (addr == null || addr.isBlank()) {
            throw new KeyReferenceException("hashivault:// keys need VAULT_ADDR, the Vault server's address");
        }
        URI address;
        try {
            address = new URI(addr.endsWith("/") ? addr.substring(0, addr.length() - 1) : addr);
        } catch (URISyntaxException e) {
            throw new KeyReferenceException("VAULT_ADDR is not a URL: " + e.getReason());
        }
        if (!"https".equals(address.getScheme()) && !"http".equals(address.getScheme()) || address.getHost() == null) {
            throw new KeyReferenceException("VAULT_ADDR must be an http:// or https:// URL, not '" + addr + "'");
        }
        char[] token = token(env, home);
        String path = env.getOrDefault("TRANSIT_SECRET_ENGINE_PATH", "transit").replaceAll("^/+|/+$", "");
        return new VaultSettings(address, token, env.get("VAULT_NAMESPACE"), path.isEmpty() ? "transit" : path);
    }

    private static char[] token(Map<String, String> env, Path home) throws KeyReferenceException {
        String value = env.get("VAULT_TOKEN");
        if (value != null && !value.isBlank()) {
            return value.strip().toCharArray();
        }
        Path file = home == null ? null : home.resolve(".vault-token");
        if (file != null && Files.isRegularFile(file)) {
            try {
                return BoundedFile.readString(file, InputLimit.TOKEN, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new KeyReferenceException("cannot read the Vault token file " + file + ": " + e.getClass().getSimpleName());
            }
        }
        throw new KeyReferenceException("hashivault:// keys need a Vault token: set VAULT_TOKEN or log in with vault login");
    }

    URI address() {
        return address;
    }

    String token() {
        return new String(token);
    }

    String namespace() {
        return namespace;
    }

    String transitPath() {
        return transitPath;
    }

    @Override
    public String toString() {
        return "Vault at " + address;
    }
}
