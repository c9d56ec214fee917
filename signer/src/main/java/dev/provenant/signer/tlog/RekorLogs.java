package dev.provenant.signer.tlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.json.Rfc3339Time;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Rekor logs (or timestamp authorities) a signing config (v0.2) selects: those valid now, of the highest API major
 * version the client speaks, one per operator (the one whose validity began last), then {@code ALL}, {@code ANY} (the
 * first) or {@code EXACT count}, as the SigningConfig specification says. Only Jackson: the key-signing
 * path does not load sigstore-java or protobuf.
 */
final class RekorLogs {
    static final String MEDIA_TYPE = "application/vnd.dev.sigstore.signingconfig.v0.2+json";

    /** One selected log: its base URL and API major version. */
    record Log(URI url, int majorApiVersion) {}

    private RekorLogs() {}

    /**
     * @param versions the API major versions the client speaks: services of other versions are not candidates
     */
    static List<Log> select(byte[] signingConfig, String source, Instant now, java.util.Set<Integer> versions)
            throws TlogConfigException {
        return select(read(signingConfig, source), "rekorTlogUrls", "rekorTlogConfig", "Rekor log", source, now, versions);
    }

    static JsonNode read(byte[] signingConfig, String source) throws TlogConfigException {
        JsonNode root;
        try {
            root = JsonCodec.readTree(signingConfig, "signing config");
        } catch (FormatException e) {
            throw new TlogConfigException("cannot read the signing config (" + source + "): " + e.getMessage());
        }
        if (!MEDIA_TYPE.equals(root.path("mediaType").asText())) {
            throw new TlogConfigException("the signing config (" + source + ") is not " + MEDIA_TYPE);
        }
        return root;
    }

    /**
     * The services of {@code urlsField} chosen by {@code configField}'s selector.
     *
     * @param what what the services are, for messages ("Rekor log", "timestamp authority")
     */
    static List<Log> select(JsonNode root, String urlsField, String configField, String what, String source, Instant now,
            java.util.Set<Integer> versions) throws TlogConfigException {
        List<JsonNode> usable = new ArrayList<>();
        int highest = -1;
        for (JsonNode s : root.path(urlsField)) {
            int version = s.path("majorApiVersion").asInt(-1);
            if (versions.contains(version) && validAt(s.path("validFor"), now, source)) {
                usable.add(s);
                highest = Math.max(highest, version);
            }
        }
        Map<String, JsonNode> byOperator = new LinkedHashMap<>();
        for (JsonNode s : usable) {
            if (s.path("majorApiVersion").asInt() != highest) {
                continue;
            }
            String operator = s.path("operator").asText("");
            String key = operator.isEmpty() ? "\u0000" + s.path("url").asText() : operator;
            JsonNode kept = byOperator.get(key);
            if (kept == null || start(s, source).isAfter(start(kept, source))) {
                byOperator.put(key, s);
            }
        }
        List<JsonNode> candidates = new ArrayList<>(byOperator.values());
        if (candidates.isEmpty()) {
            throw new TlogConfigException("the signing config (" + source + ") names no " + what + " valid now of API version "
                    + versions.stream().sorted().map(String::valueOf).collect(java.util.stream.Collectors.joining(" or "))
                    + otherVersions(root, urlsField, what, versions, now, source));
        }
        JsonNode config = root.path(configField);
        String selector = config.path("selector").asText("");
        List<JsonNode> chosen = switch (selector) {
            case "ALL" -> candidates;
            case "ANY" -> List.of(candidates.get(0));
            case "EXACT" -> {
                int count = config.path("count").asInt(0);
                if (count <= 0 || candidates.size() < count) {
                    throw new TlogConfigException("the signing config (" + source + ") asks for exactly " + count
                            + " " + what + "s of distinct operators, and " + candidates.size() + " qualify");
                }
                yield candidates.subList(0, count);
            }
            default -> throw new TlogConfigException("the signing config (" + source + ") says no selector for its " + what
                    + "s (ALL, ANY or EXACT)");
        };
        List<Log> out = new ArrayList<>();
        for (JsonNode s : chosen) {
            String url = s.path("url").asText("");
            try {
                URI uri = URI.create(url.replaceAll("/+$", ""));
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                    throw new IllegalArgumentException("not http(s)");
                }
                out.add(new Log(uri, s.path("majorApiVersion").asInt()));
            } catch (IllegalArgumentException e) {
                throw new TlogConfigException("the signing config (" + source + ") names a " + what + " at '" + url
                        + "', which is not an http(s) URL");
            }
        }
        return List.copyOf(out);
    }

    /** Which valid logs of other versions there are, so that a config naming only those says so. */
    private static String otherVersions(JsonNode root, String urlsField, String what, java.util.Set<Integer> versions,
            Instant now, String source) throws TlogConfigException {
        List<String> others = new ArrayList<>();
        for (JsonNode s : root.path(urlsField)) {
            int version = s.path("majorApiVersion").asInt(-1);
            if (!versions.contains(version) && validAt(s.path("validFor"), now, source)) {
                others.add("a " + what + " v" + version + " at " + s.path("url").asText());
            }
        }
        return others.isEmpty() ? "" : " (it names " + String.join(", ", others) + ")";
    }

    private static boolean validAt(JsonNode range, Instant now, String source) throws TlogConfigException {
        if (!range.has("start")) {
            return false;
        }
        if (now.isBefore(start(range.path("start"), source))) {
            return false;
        }
        return !range.has("end") || !now.isAfter(instant(range.path("end"), source));
    }

    private static Instant start(JsonNode service, String source) throws TlogConfigException {
        return service.isTextual() ? instant(service, source) : instant(service.path("validFor").path("start"), source);
    }

    private static Instant instant(JsonNode text, String source) throws TlogConfigException {
        try {
            return Rfc3339Time.parse(text.asText());
        } catch (IllegalArgumentException e) {
            throw new TlogConfigException("the signing config (" + source + ") has a validFor time '" + text.asText()
                    + "' that is not RFC 3339");
        }
    }
}
