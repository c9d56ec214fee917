package dev.provenant.verifier.trust;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.json.Base64Text;
import java.security.PublicKey;

/**
 * A log's public key as the trusted root states it: DER bytes, the scheme it signs with, and when it
 * may be trusted. The bytes are decoded only when used, because a trusted root may carry keys of
 * kinds this verifier never needs (for example PKCS#1 RSA CT log keys).
 */
public record TrustedPublicKey(String rawBytes, String keyDetails, ValidityPeriod validFor) {

    public TrustedPublicKey {
        Base64Text.require("publicKey.rawBytes", rawBytes);
        validFor = validFor == null ? ValidityPeriod.unset() : validFor;
    }

    public byte[] der() {
        return Base64Text.decode("publicKey.rawBytes", rawBytes);
    }

    /** The key, read as a DER SubjectPublicKeyInfo. */
    public PublicKey toPublicKey() throws FormatException {
        return PemPublicKeys.fromDer(der());
    }
}
