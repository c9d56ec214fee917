package dev.provenant.signer.keyless;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.signer.SigningException;
import java.util.Optional;

/**
 * Signs with a short-lived certificate for an OIDC identity: a fresh key pair, a Fulcio certificate
 * for it, the signature, and its transparency-log entry (and timestamp), all in a Sigstore bundle v0.3.
 */
public interface KeylessBundleSigning extends AutoCloseable {
    /** Signs an artifact's SHA-256 digest (a hashedrekord entry in a Rekor v1 or v2 log). */
    Bundle signDigest(Digest sha256) throws SigningException, IdentityTokenException;

    /** Signs a statement as a DSSE envelope, logged as the signing config says (Rekor v1 dsse 0.0.1, or Rekor v2 with a TSA timestamp). */
    Bundle attest(Statement statement) throws SigningException, IdentityTokenException;

    /** The identity the certificate names, once signing has fetched a token. */
    Optional<IdentityToken> identity();

    @Override
    void close();
}
