package dev.provenant.frontend;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.policy.PromotionVerdict;
import dev.provenant.policy.VerificationSummary;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityToken;
import dev.provenant.signer.keyless.IdentityTokenException;

/** A passed promotion's VSA, signed keyless by the gate, as the CLI's {@code promote --vsa-keyless} and the library API sign it. */
public final class GateVsa {
    private GateVsa() {}

    /**
     * Signs the VSA keyless, then checks that the token's identity is the stage's gate-identity; the
     * identity is known only once the token was fetched, so the check follows the signing, and a refused
     * VSA is returned to no one.
     *
     * @throws SetupException when the identity is not the stage's gate (or the stage declares a gate-key)
     */
    public static Bundle keyless(Signing keyless, PromotionVerdict verdict, String resourceUri)
            throws SigningException, IdentityTokenException, SetupException {
        Bundle vsa = keyless.attest(VerificationSummary.statement(verdict, resourceUri));
        IdentityToken identity = keyless.identity().orElseThrow(() -> new SetupException("keyless signing named no identity"));
        try {
            VerificationSummary.requireKeylessGate(verdict, identity.subject(), identity.issuer());
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage() + "; no VSA was written", e);
        }
        return vsa;
    }
}
