package dev.provenant.kms.azure;

import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.signer.RemoteKeySigner;
import dev.provenant.signer.SigningException;
import java.security.PublicKey;

/**
 * Signs digests with one version of a Key Vault key (the {@code sign} operation, ES256/ES384/ES512 or
 * RS256); the key stays in the vault. ECDSA signatures come back as JWS r||s and are re-encoded as DER.
 */
final class AzureKeyVaultSigner extends RemoteKeySigner {
    private final CryptographyClient crypto;
    private final AzureKeyRef ref;
    private final com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm jwsAlgorithm;

    AzureKeyVaultSigner(CryptographyClient crypto, AzureKeyRef ref, PublicKey publicKey, SignatureAlgorithm algorithm,
            com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm jwsAlgorithm) {
        super(publicKey, algorithm);
        this.crypto = crypto;
        this.ref = ref;
        this.jwsAlgorithm = jwsAlgorithm;
    }

    @Override
    protected byte[] signWithService(Digest digest) throws SigningException {
        try {
            return crypto.sign(jwsAlgorithm, digest.value()).getSignature();
        } catch (RuntimeException e) {
            throw AzureErrors.translate(ref, "sign", e);
        }
    }

    @Override
    public String description() {
        return ref.display();
    }
}
