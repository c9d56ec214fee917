package dev.provenant.kms.vault;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import java.security.PublicKey;

/** Signs digests with one version of a transit key; the private key stays in Vault. */
final class VaultSigner implements Signer {
    private final VaultTransit transit;
    private final VaultKeyRef ref;
    private final int version;
    private final PublicKey publicKey;
    private final SignatureAlgorithm algorithm;

    VaultSigner(VaultTransit transit, VaultKeyRef ref, int version, PublicKey publicKey, SignatureAlgorithm algorithm) {
        this.transit = transit;
        this.ref = ref;
        this.version = version;
        this.publicKey = publicKey;
        this.algorithm = algorithm;
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
        byte[] signature = transit.sign(ref, version, vaultHashName(digest), algorithm.isRsa(), digest.value());
        return algorithm.normaliseEcdsaSignature(signature);
    }

    private static String vaultHashName(Digest digest) throws SigningException {
        return switch (digest.algorithm().intotoName()) {
            case "sha256" -> "sha2-256";
            case "sha384" -> "sha2-384";
            case "sha512" -> "sha2-512";
            default -> throw new SigningException("Vault cannot sign a " + digest.algorithm().intotoName() + " digest");
        };
    }

    @Override
    public String description() {
        return ref.display() + " (version " + version + ")";
    }
}
