package dev.provenant.signer.pkcs11;

/**
 * A signing key found in a token.
 *
 * @param algorithm Sigstore's name for its scheme, for example {@code PKIX_ECDSA_P256_SHA_256}
 * @param uri the {@code pkcs11:} reference that opens it
 */
public record TokenKey(String token, String label, String algorithm, String uri) {}
