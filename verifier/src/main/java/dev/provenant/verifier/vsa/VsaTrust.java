package dev.provenant.verifier.vsa;

import dev.provenant.verifier.SignerTrust;
import java.util.Objects;
import java.util.Optional;

/**
 * Who must have signed a VSA.
 *
 * @param signer a public key (a bare DSSE envelope, or a key-signed bundle), or a keyless identity (a bundle
 *     with a Fulcio certificate)
 * @param publicKeyId with a key: the key id a signature's {@code keyid} must carry when it carries one;
 *     when empty, the key's {@link DefaultKeyId} (as slsa-verifier defaults it)
 * @param requireTlog fail when a key-signed VSA has no verified transparency log entry (a bare envelope has
 *     none); keyless bundles always need one
 */
public record VsaTrust(SignerTrust signer, Optional<String> publicKeyId, boolean requireTlog) {
    public VsaTrust {
        Objects.requireNonNull(signer, "a trusted key or identity is required");
        publicKeyId = publicKeyId == null ? Optional.empty() : publicKeyId.filter(id -> !id.isEmpty());
        if (publicKeyId.isPresent() && !(signer instanceof SignerTrust.Key)) {
            throw new IllegalArgumentException("a public key id goes with a public key, not with a keyless identity");
        }
    }

    public static VsaTrust ofKey(java.security.PublicKey key, Optional<String> publicKeyId) {
        return new VsaTrust(new SignerTrust.Key(key), publicKeyId, false);
    }
}
