package dev.provenant.kms.vault;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.signer.RemoteKeySigner;
import dev.provenant.signer.SigningException;
import java.security.PublicKey;

/** Signs digests with one version of a transit key; the private key stays in Vault. */
final class VaultSigner extends RemoteKeySigner {
    private final VaultTransit transit;
    private final VaultKeyRef ref;
    private final int version;

    VaultSigner(VaultTransit transit, VaultKeyRef ref, int version, PublicKey publicKey, SignatureAlgorithm algorithm) {
        super(publicKey, algorithm);
        this.transit = transit;
        this.ref = ref;
        this.version = version;
    }

    @Override
    protected byte[] signWithService(Digest digest) throws SigningException {
        return transit.sign(ref, version, vaultHashName(digest), algorithm().isRsa(), digest.value());
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
