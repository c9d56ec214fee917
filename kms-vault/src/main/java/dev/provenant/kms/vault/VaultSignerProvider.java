package dev.provenant.kms.vault;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SignerProvider;
import dev.provenant.signer.SigningException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Map;

/**
 * Opens {@code hashivault://KEY} references: a key in Vault's transit engine, addressed through
 * {@code VAULT_ADDR} and {@code VAULT_TOKEN} as cosign does. ECDSA (P-256, P-384, P-521) and RSA keys
 * sign with PKCS#1 v1.5; other key types are refused before anything is signed.
 */
public final class VaultSignerProvider implements SignerProvider {
    private static final Map<String, SignatureAlgorithm> TYPES = Map.of(
            "ecdsa-p256", SignatureAlgorithm.ECDSA_P256_SHA256,
            "ecdsa-p384", SignatureAlgorithm.ECDSA_P384_SHA384,
            "ecdsa-p521", SignatureAlgorithm.ECDSA_P521_SHA512,
            "rsa-2048", SignatureAlgorithm.RSA_PKCS1V15_2048_SHA256,
            "rsa-3072", SignatureAlgorithm.RSA_PKCS1V15_3072_SHA256,
            "rsa-4096", SignatureAlgorithm.RSA_PKCS1V15_4096_SHA256);

    @Override
    public boolean supports(String keyRef) {
        return VaultKeyRef.claims(keyRef);
    }

    @Override
    public Signer open(String keyRef, SecretSource secrets) throws SigningException {
        VaultKeyRef ref = VaultKeyRef.parse(keyRef);
        String home = System.getProperty("user.home");
        VaultSettings settings = VaultSettings.from(secrets.env() == null ? Map.of() : secrets.env(), home == null ? null : Path.of(home));
        VaultTransit transit = new VaultTransit(settings);
        VaultTransit.KeyInfo key = transit.readKey(ref);
        SignatureAlgorithm algorithm = TYPES.get(key.type());
        if (algorithm == null) {
            throw new KeyReferenceException(ref.display() + " is a " + key.type() + " key; Provenant signs with Vault keys of type "
                    + "ecdsa-p256, ecdsa-p384, ecdsa-p521, rsa-2048, rsa-3072 or rsa-4096");
        }
        PublicKey publicKey;
        try {
            publicKey = PemPublicKeys.parse(key.publicKeyPem());
            if (SignatureAlgorithm.forKey(publicKey) != algorithm) {
                throw new SigningException(settings + " describes " + ref.display() + " as " + key.type()
                        + " but its public key is " + SignatureAlgorithm.forKey(publicKey).sigstoreName());
            }
        } catch (FormatException | GeneralSecurityException e) {
            throw new SigningException(settings + " answered an unreadable public key for " + ref.display() + ": " + e.getMessage());
        }
        return new VaultSigner(transit, ref, key.latestVersion(), publicKey, algorithm);
    }
}
