package dev.provenant.kms.azure;

import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import java.security.PublicKey;

/**
 * Signs digests with one version of a Key Vault key (the {@code sign} operation, ES256/ES384/ES512 or
 * RS256); the key stays in the vault. ECDSA signatures come back as JWS r||s and are re-encoded as DER.
 */
final class AzureKeyVaultSigner implements Signer {
    private final CryptographyClient crypto;
    private final AzureKeyRef ref;
    private final PublicKey publicKey;
    private final SignatureAlgorithm algorithm;
    private final com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm jwsAlgorithm;

    AzureKeyVaultSigner(CryptographyClient crypto, AzureKeyRef ref, PublicKey publicKey, SignatureAlgorithm algorithm,
            com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm jwsAlgorithm) {
        this.crypto = crypto;
        this.ref = ref;
        this.publicKey = publicKey;
        this.algorithm = algorithm;
        this.jwsAlgorithm = jwsAlgorithm;
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] signDigest(Digest digest) throws SigningException {
        if (algorithm.hash().orElse(null) != digest.algorithm()) {
            throw new SigningException(description() + " signs " + algorithm.hash().map(h -> h.intotoName()).orElse("whole messages")
                    + " digests, not " + digest.algorithm().intotoName());
        }
        try {
            return algorithm.normaliseEcdsaSignature(crypto.sign(jwsAlgorithm, digest.value()).getSignature());
        } catch (RuntimeException e) {
            throw AzureErrors.translate(ref, "sign", e);
        }
    }

    @Override
    public String description() {
        return ref.display();
    }
}
