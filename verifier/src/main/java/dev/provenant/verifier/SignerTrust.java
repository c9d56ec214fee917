package dev.provenant.verifier;

import dev.provenant.verifier.identity.IdentityPolicy;
import java.security.PublicKey;
import java.util.Objects;

/** Who the caller trusts to have signed: one public key, or a keyless identity certified by Fulcio. */
public sealed interface SignerTrust permits SignerTrust.Key, SignerTrust.Identity {

    /** A key-signed bundle verified with this public key. */
    record Key(PublicKey key) implements SignerTrust {
        public Key {
            Objects.requireNonNull(key, "a verification key is required");
        }
    }

    /** A certificate-signed bundle whose leaf chains to the trusted root and names this identity. */
    record Identity(IdentityPolicy policy) implements SignerTrust {
        public Identity {
            Objects.requireNonNull(policy, "keyless verification needs an identity policy");
        }
    }
}
