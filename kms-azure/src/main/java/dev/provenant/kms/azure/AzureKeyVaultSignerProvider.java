package dev.provenant.kms.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SignerProvider;
import dev.provenant.signer.SigningException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;

/**
 * Opens {@code azurekms://} references with the Azure SDK's {@code DefaultAzureCredential} (environment
 * service principal, workload identity, managed identity, Azure CLI login, ...). EC keys on P-256,
 * P-384 and P-521 sign with ES256/ES384/ES512 and RSA keys with RS256; the key must allow {@code sign}.
 */
public final class AzureKeyVaultSignerProvider implements SignerProvider {
    @Override
    public boolean supports(String keyRef) {
        return AzureKeyRef.claims(keyRef);
    }

    @Override
    public Signer open(String keyRef, SecretSource secrets) throws SigningException {
        AzureKeyRef ref = AzureKeyRef.parse(keyRef);
        try {
            TokenCredential credential = new DefaultAzureCredentialBuilder().build();
            KeyClient keys = new KeyClientBuilder().vaultUrl(ref.vaultUrl()).credential(credential)
                    .retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(2)
                            .setBaseDelay(Duration.ofMillis(200)).setMaxDelay(Duration.ofSeconds(2))))
                    .buildClient();
            KeyVaultKey key = keys.getKey(ref.keyName(), ref.version());
            JsonWebKey jwk = key.getKey();
            if (jwk.getKeyOps() != null && !jwk.getKeyOps().isEmpty() && !jwk.getKeyOps().contains(KeyOperation.SIGN)) {
                throw new KeyReferenceException(ref.display() + " does not allow the sign operation (its key_ops are " + jwk.getKeyOps() + ")");
            }
            SignatureAlgorithm algorithm;
            com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm jws;
            PublicKey publicKey;
            KeyType type = jwk.getKeyType();
            if (KeyType.EC.equals(type) || KeyType.EC_HSM.equals(type)) {
                KeyCurveName curve = jwk.getCurveName();
                if (KeyCurveName.P_256.equals(curve)) {
                    jws = com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm.ES256;
                } else if (KeyCurveName.P_384.equals(curve)) {
                    jws = com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm.ES384;
                } else if (KeyCurveName.P_521.equals(curve)) {
                    jws = com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm.ES512;
                } else {
                    throw new KeyReferenceException(ref.display() + " is an EC key on " + curve
                            + "; Provenant signs with EC keys on P-256, P-384 and P-521 and with RSA keys");
                }
                publicKey = jwk.toEc(false).getPublic();
            } else if (KeyType.RSA.equals(type) || KeyType.RSA_HSM.equals(type)) {
                jws = com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm.RS256;
                publicKey = jwk.toRsa(false).getPublic();
            } else {
                throw new KeyReferenceException(ref.display() + " is a " + type + " key; Provenant signs with EC and RSA keys");
            }
            algorithm = SignatureAlgorithm.forKey(publicKey);
            String version = key.getProperties().getVersion();
            return new AzureKeyVaultSigner(keys.getCryptographyClient(ref.keyName(), version), ref, publicKey, algorithm, jws);
        } catch (GeneralSecurityException e) {
            throw new KeyReferenceException(ref.display() + " cannot be used: " + e.getMessage());
        } catch (RuntimeException e) {
            throw AzureErrors.translate(ref, "get key", e);
        }
    }
}
