package dev.provenant.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import dev.sigstore.proto.trustroot.v1.Service;
import dev.sigstore.proto.trustroot.v1.ServiceConfiguration;
import dev.sigstore.proto.trustroot.v1.ServiceSelector;
import dev.sigstore.proto.trustroot.v1.SigningConfig;

/**
 * Builds sigstore-java's signing-config message from the JSON with Jackson and the generated builders,
 * as {@link TrustedRootMessages} does for the trusted root: with both read directly, a keyless run never
 * initialises protobuf's reflective JSON parser, which costs about as much CPU as the rest of reading
 * both files. Anything it does not know how to read throws, and the caller falls back to protobuf's
 * parser, so no field is silently lost.
 */
final class SigningConfigMessages {
    private SigningConfigMessages() {}

    static SigningConfig parse(byte[] json) throws FormatException {
        JsonNode root = JsonCodec.readTree(json, "signing config");
        TrustedRootMessages.known(root, "mediaType", "caUrls", "oidcUrls", "rekorTlogUrls", "rekorTlogConfig", "tsaUrls",
                "tsaConfig");
        SigningConfig.Builder out = SigningConfig.newBuilder().setMediaType(TrustedRootMessages.text(root, "mediaType"));
        for (JsonNode s : root.path("caUrls")) {
            out.addCaUrls(service(s));
        }
        for (JsonNode s : root.path("oidcUrls")) {
            out.addOidcUrls(service(s));
        }
        for (JsonNode s : root.path("rekorTlogUrls")) {
            out.addRekorTlogUrls(service(s));
        }
        for (JsonNode s : root.path("tsaUrls")) {
            out.addTsaUrls(service(s));
        }
        if (root.has("rekorTlogConfig")) {
            out.setRekorTlogConfig(configuration(root.get("rekorTlogConfig")));
        }
        if (root.has("tsaConfig")) {
            out.setTsaConfig(configuration(root.get("tsaConfig")));
        }
        return out.build();
    }

    private static Service service(JsonNode node) {
        TrustedRootMessages.known(node, "url", "majorApiVersion", "validFor", "operator");
        Service.Builder b = Service.newBuilder().setUrl(TrustedRootMessages.text(node, "url"));
        if (node.has("majorApiVersion")) {
            b.setMajorApiVersion(integer(node.get("majorApiVersion")));
        }
        if (node.has("validFor")) {
            b.setValidFor(TrustedRootMessages.range(node.get("validFor")));
        }
        if (node.has("operator")) {
            b.setOperator(TrustedRootMessages.text(node, "operator"));
        }
        return b.build();
    }

    private static ServiceConfiguration configuration(JsonNode node) {
        TrustedRootMessages.known(node, "selector", "count");
        ServiceConfiguration.Builder b = ServiceConfiguration.newBuilder();
        if (node.has("selector")) {
            b.setSelector(ServiceSelector.valueOf(TrustedRootMessages.text(node, "selector")));
        }
        if (node.has("count")) {
            b.setCount(integer(node.get("count")));
        }
        return b.build();
    }

    /** A uint32 written as a JSON number; any other form (protobuf also takes a string) is left to protobuf's parser. */
    private static int integer(JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new IllegalArgumentException("not an unsigned 32-bit number: " + v);
        }
        return v.intValue();
    }
}
