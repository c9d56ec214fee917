package dev.provenant.localsigstore;

import java.nio.charset.StandardCharsets;

/** What one HTTP API call answers: status, content type, optional Location, body. */
record ApiResponse(int status, String contentType, String location, byte[] body) {
    static ApiResponse json(int status, String json) {
        return new ApiResponse(status, "application/json", null, json.getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse error(int status, String message) {
        return json(status, dev.provenant.attest.json.JsonCodec.writeString(
                dev.provenant.attest.json.JsonCodec.mapper().createObjectNode().put("code", status).put("message", message)));
    }
}
