package dev.provenant.verifier.tlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.verifier.VerificationException;

/** Compares the {@code spec} of one kind of log entry body with what the bundle holds. */
interface BodyMatcher {
    void match(JsonNode spec, ExpectedBody expected) throws VerificationException;
}
