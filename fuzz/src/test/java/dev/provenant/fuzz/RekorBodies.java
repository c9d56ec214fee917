package dev.provenant.fuzz;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.tlog.ExpectedBody;
import dev.provenant.verifier.tlog.SigningMaterial;
import java.lang.invoke.MethodHandle;

/**
 * Rekor entry bodies are matched against what the bundle says it signed: the fixture bundles' digest,
 * signature, envelope and certificate, so that a body close to a real one gets past the first field.
 */
final class RekorBodies {
    private RekorBodies() {}

    private static final Class<?> ENTRY_TYPE = Internals.type("dev.provenant.verifier.tlog.EntryType");
    private static final MethodHandle MATCH = Internals.method("dev.provenant.verifier.tlog.EntryBodyMatcher", "match",
            byte[].class, ENTRY_TYPE, ExpectedBody.class);
    private static final MethodHandle CERTIFICATE = Internals.method("dev.provenant.verifier.tlog.SigningMaterial",
            "ofCertificate", byte[].class);

    static final ExpectedBody MESSAGE;
    static final ExpectedBody ENVELOPE;

    static {
        try {
            Bundle message = Fixtures.bundle(Fixtures.MESSAGE_BUNDLE);
            MESSAGE = ExpectedBody.messageSignature(message.messageSignature().messageDigest().toDigest(),
                    message.messageSignature().signatureBytes(), signer(message));
            Bundle dsse = Fixtures.bundle(Fixtures.DSSE_BUNDLE);
            ENVELOPE = ExpectedBody.envelope(dsse.dsseEnvelope(), signer(dsse));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static SigningMaterial signer(Bundle bundle) throws Exception {
        return (SigningMaterial) Internals.call(CERTIFICATE, (Object) bundle.verificationMaterial().certificates().get(0).der());
    }

    static Object type(String name) {
        for (Object constant : ENTRY_TYPE.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalStateException("no entry type " + name);
    }

    /** Matches {@code body} as an entry of {@code type}: a mismatch is a {@link VerificationException}. */
    static void match(byte[] body, Object type, ExpectedBody expected) throws Exception {
        Outcome.expect(() -> Internals.call(MATCH, body, type, expected), VerificationException.class);
    }
}
