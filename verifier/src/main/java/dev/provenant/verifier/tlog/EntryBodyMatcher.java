package dev.provenant.verifier.tlog;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.verifier.check.VerificationException;

/**
 * Reads a canonicalized log entry body and checks that it is the kind and version the entry claims and
 * that it records exactly the bundle's signature, signer and digest.
 */
final class EntryBodyMatcher {
    private EntryBodyMatcher() {}

    static void match(byte[] canonicalizedBody, EntryType type, ExpectedBody expected) throws VerificationException {
        JsonValue body;
        try {
            body = JsonValue.parse(canonicalizedBody, "log entry body");
        } catch (FormatException e) {
            throw BodyFields.mismatch(e.getMessage());
        }
        if (!body.isObject()) {
            throw BodyFields.mismatch("log entry body is not a JSON object");
        }
        String kind = BodyFields.text(body, "kind");
        String apiVersion = BodyFields.text(body, "apiVersion");
        if (!kind.equals(type.kind()) || !apiVersion.equals(type.version())) {
            throw BodyFields.mismatch("log entry body is " + kind + " " + apiVersion + " but kindVersion says " + type);
        }
        matcherFor(type).match(BodyFields.node(body, "spec"), expected);
    }

    private static BodyMatcher matcherFor(EntryType type) {
        return switch (type) {
            case HASHEDREKORD_V001 -> new HashedRekordV001Body();
            case DSSE_V001 -> new DsseV001Body();
            case INTOTO_V002 -> new IntotoV002Body();
            case HASHEDREKORD_V002 -> new HashedRekordV002Body();
            case DSSE_V002 -> new DsseV002Body();
        };
    }
}
