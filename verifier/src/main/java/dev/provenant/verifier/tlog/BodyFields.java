package dev.provenant.verifier.tlog;

import dev.provenant.attest.json.JsonValue;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Reads the fields of a parsed log entry body, failing with {@link Check#TLOG_BODY} and the field's
 * path when one is missing or not what its schema says.
 */
final class BodyFields {
    private BodyFields() {}

    static JsonValue node(JsonValue root, String path) throws VerificationException {
        JsonValue node = root;
        for (String name : path.split("\\.")) {
            node = node.path(name);
        }
        if (node.isMissing() || node.isNull()) {
            throw mismatch("log entry body has no " + path);
        }
        return node;
    }

    static String text(JsonValue root, String path) throws VerificationException {
        JsonValue node = node(root, path);
        if (!node.isString()) {
            throw mismatch("log entry body field " + path + " is not a string");
        }
        return node.asText();
    }

    static byte[] base64(JsonValue root, String path) throws VerificationException {
        String text = text(root, path);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw mismatch("log entry body field " + path + " is not valid base64");
        }
    }

    static byte[] hex(JsonValue root, String path) throws VerificationException {
        String text = text(root, path);
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw mismatch("log entry body field " + path + " is not hexadecimal");
        }
    }

    /** The one element of the array at {@code path}: Sigstore bundles carry exactly one signature. */
    static JsonValue single(JsonValue root, String path) throws VerificationException {
        JsonValue node = node(root, path);
        if (!node.isArray() || node.size() != 1) {
            throw mismatch("log entry body field " + path + " must hold exactly one signature, it holds "
                    + (node.isArray() ? node.size() : "no array"));
        }
        return node.get(0);
    }

    static VerificationException mismatch(String message) {
        return new VerificationException(Check.TLOG_BODY, message);
    }
}
