package dev.provenant.signer;

/**
 * A signing backend found through {@link java.util.ServiceLoader}: it claims the key references it
 * understands (a URI scheme such as {@code pkcs11:} or {@code awskms://}) and opens a {@link Signer}.
 */
public interface SignerProvider {
    /** True when this provider handles {@code keyRef}. */
    boolean supports(String keyRef);

    Signer open(String keyRef, SecretSource secrets) throws SigningException;
}
