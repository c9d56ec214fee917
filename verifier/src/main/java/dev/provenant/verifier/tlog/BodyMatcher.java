package dev.provenant.verifier.tlog;

import dev.provenant.attest.json.JsonValue;
import dev.provenant.verifier.check.VerificationException;

/** Compares the {@code spec} of one kind of log entry body with what the bundle holds. */
interface BodyMatcher {
    void match(JsonValue spec, ExpectedBody expected) throws VerificationException;
}
