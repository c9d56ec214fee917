package dev.provenant.signer.keyless;

import dev.provenant.signer.SigningException;

/**
 * Keyless signing (Fulcio certificate, Rekor entry, RFC 3161 timestamp) as a service found through
 * {@link java.util.ServiceLoader}. The implementation ({@code provenant-keyless}) carries
 * sigstore-java and its gRPC, protobuf and Guava jars; callers that never sign keyless never load them.
 */
public interface KeylessSigning {
    /**
     * The interactive browser flow against the OIDC provider the signing config names. Callers gate
     * it with {@link InteractiveOnly}.
     */
    IdentityTokenSource browserFlow(KeylessConfig config);

    /** A signer for this instance that takes its identity from {@code tokens} when it first signs. */
    KeylessBundleSigning open(KeylessConfig config, IdentityTokenSource tokens) throws SigningException;
}
