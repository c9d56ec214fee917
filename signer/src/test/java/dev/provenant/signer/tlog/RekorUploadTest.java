package dev.provenant.signer.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Rekor logs a signing config selects for --tlog-upload, and how a Rekor v1 answer becomes a bundle entry. */
class RekorUploadTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    static byte[] config(String selector, String... logs) {
        return ("{\"mediaType\": \"application/vnd.dev.sigstore.signingconfig.v0.2+json\", \"rekorTlogUrls\": ["
                + String.join(",", logs) + "], \"rekorTlogConfig\": " + selector + "}").getBytes(StandardCharsets.UTF_8);
    }

    static String log(String url, int version, String start, String end, String operator) {
        return "{\"url\": \"" + url + "\", \"majorApiVersion\": " + version + ", \"validFor\": {\"start\": \"" + start + "\""
                + (end == null ? "" : ", \"end\": \"" + end + "\"") + "}" + (operator == null ? "" : ", \"operator\": \"" + operator + "\"")
                + "}";
    }

    static List<String> urls(byte[] config) throws TlogConfigException {
        return RekorUpload.fromSigningConfig(config, "test config", NOW).logs().stream().map(Object::toString).toList();
    }

    @Test
    void anyTakesTheFirstLogValidNowAndDropsATrailingSlash() throws Exception {
        byte[] config = config("{\"selector\": \"ANY\"}",
                log("https://expired.example", 1, "2020-01-01T00:00:00Z", "2025-01-01T00:00:00Z", null),
                log("https://future.example", 1, "2027-01-01T00:00:00Z", null, null),
                log("https://rekor.example/", 1, "2021-01-01T00:00:00Z", null, null),
                log("https://second.example", 1, "2021-01-01T00:00:00Z", null, null));
        assertThat(urls(config)).containsExactly("https://rekor.example");
    }

    @Test
    void allTakesOnePerOperatorTheOneStartedLast() throws Exception {
        byte[] config = config("{\"selector\": \"ALL\"}",
                log("https://old.a.example", 1, "2021-01-01T00:00:00Z", null, "a"),
                log("https://new.a.example", 1, "2024-01-01T00:00:00Z", null, "a"),
                log("https://b.example", 1, "2022-01-01T00:00:00Z", null, "b"));
        assertThat(urls(config)).containsExactly("https://new.a.example", "https://b.example");
    }

    @Test
    void theHighestVersionListedIsChosenAndAV2LogBringsItsTimestampAuthority() throws Exception {
        byte[] config = ("{\"mediaType\": \"application/vnd.dev.sigstore.signingconfig.v0.2+json\", \"rekorTlogUrls\": ["
                + log("https://v1.example", 1, "2021-01-01T00:00:00Z", null, null) + ","
                + log("https://v2.example", 2, "2021-01-01T00:00:00Z", null, null) + "], \"tsaUrls\": ["
                + log("https://tsa.example/api/v1/timestamp", 1, "2021-01-01T00:00:00Z", null, null)
                + "], \"rekorTlogConfig\": {\"selector\": \"ANY\"}, \"tsaConfig\": {\"selector\": \"ANY\"}}")
                .getBytes(StandardCharsets.UTF_8);
        RekorUpload upload = RekorUpload.fromSigningConfig(config, "test config", NOW);
        assertThat(upload.version()).isEqualTo(2);
        assertThat(upload.logs()).extracting(Object::toString).containsExactly("https://v2.example");
        assertThat(upload.timestampAuthorities()).extracting(Object::toString).containsExactly("https://tsa.example/api/v1/timestamp");
        // before the v2 log's validity begins, the v1 log is the one
        RekorUpload early = RekorUpload.fromSigningConfig(new String(config, StandardCharsets.UTF_8)
                .replace("\"https://v2.example\", \"majorApiVersion\": 2, \"validFor\": {\"start\": \"2021",
                        "\"https://v2.example\", \"majorApiVersion\": 2, \"validFor\": {\"start\": \"2027")
                .getBytes(StandardCharsets.UTF_8), "test config", NOW);
        assertThat(early.version()).isEqualTo(1);
        assertThat(early.logs()).extracting(Object::toString).containsExactly("https://v1.example");
        assertThat(early.timestampAuthorities()).isEmpty();
    }

    @Test
    void exactNeedsThatManyOperators() throws Exception {
        byte[] two = config("{\"selector\": \"EXACT\", \"count\": 2}",
                log("https://a.example", 1, "2021-01-01T00:00:00Z", null, "a"),
                log("https://b.example", 1, "2021-01-01T00:00:00Z", null, "b"),
                log("https://c.example", 1, "2021-01-01T00:00:00Z", null, "c"));
        assertThat(urls(two)).containsExactly("https://a.example", "https://b.example");
        byte[] tooFew = config("{\"selector\": \"EXACT\", \"count\": 2}",
                log("https://a.example", 1, "2021-01-01T00:00:00Z", null, "a"),
                log("https://a2.example", 1, "2021-01-01T00:00:00Z", null, "a"));
        assertThatThrownBy(() -> urls(tooFew)).isInstanceOf(TlogConfigException.class).hasMessageContaining("exactly 2");
    }

    @Test
    void aConfigWithoutAUsableV1LogIsRefused() {
        assertThatThrownBy(() -> urls(config("{\"selector\": \"ANY\"}",
                log("https://expired.example", 1, "2020-01-01T00:00:00Z", "2025-01-01T00:00:00Z", null))))
                .isInstanceOf(TlogConfigException.class).hasMessageContaining("names no Rekor log valid now");
        // a v2 log needs a timestamp authority to date the signature
        assertThatThrownBy(() -> urls(config("{\"selector\": \"ANY\"}",
                log("https://v2.example", 2, "2021-01-01T00:00:00Z", null, null))))
                .isInstanceOf(TlogConfigException.class).hasMessageContaining("names no timestamp authority valid now")
                .hasMessageEndingWith("its Rekor v2 log at https://v2.example needs one to date the signature");
        assertThatThrownBy(() -> urls(config("{\"selector\": \"ANY\"}",
                log("https://v3.example", 3, "2021-01-01T00:00:00Z", null, null))))
                .isInstanceOf(TlogConfigException.class).hasMessageContaining("names no Rekor log valid now of API version 1 or 2")
                .hasMessageContaining("a Rekor log v3 at https://v3.example");
        assertThatThrownBy(() -> urls(config("{}", log("https://v1.example", 1, "2021-01-01T00:00:00Z", null, null))))
                .isInstanceOf(TlogConfigException.class).hasMessageContaining("no selector");
        assertThatThrownBy(() -> urls(config("{\"selector\": \"ANY\"}", log("file:///etc/passwd", 1, "2021-01-01T00:00:00Z", null, null))))
                .isInstanceOf(TlogConfigException.class).hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> urls("{\"mediaType\": \"other\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TlogConfigException.class).hasMessageContaining("is not application/vnd.dev.sigstore.signingconfig.v0.2+json");
        assertThatThrownBy(() -> urls("{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TlogConfigException.class).hasMessageContaining("cannot read the signing config (test config)");
    }

    @Test
    void thePublicGoodConfigSelectsThePublicGoodRekorV1Log() throws Exception {
        assertThat(urls(dev.provenant.signer.keyless.KeylessConfig.publicGoodSigningConfig())).containsExactly("https://rekor.sigstore.dev");
    }

    static ObjectNode answer(String kind) {
        String body = Base64.getEncoder().encodeToString(("{\"apiVersion\":\"0.0.1\",\"kind\":\"" + kind + "\",\"spec\":{}}")
                .getBytes(StandardCharsets.UTF_8));
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        ObjectNode e = root.putObject("24296fb24b8ad77a");
        e.put("body", body).put("integratedTime", 1_700_000_000L).put("logID", "c0d23d6ad406973f").put("logIndex", 7);
        ObjectNode v = e.putObject("verification").put("signedEntryTimestamp", "MEUCIQ==");
        v.putObject("inclusionProof").put("checkpoint", "rekor\n8\nq83v\n\n\u2014 rekor sig\n").put("logIndex", 7)
                .put("rootHash", "abcdef").put("treeSize", 8).putArray("hashes").add("0102").add("0304");
        return root;
    }

    @Test
    void anAnswerBecomesAV03EntryWithHexTurnedToBase64() throws Exception {
        TransparencyLogEntry entry = RekorUpload.entry(JsonCodec.write(answer("hashedrekord")), "hashedrekord");
        assertThat(entry.logIndex()).isEqualTo(7);
        assertThat(entry.integratedTime()).isEqualTo(1_700_000_000L);
        assertThat(entry.logId().keyIdBytes()).containsExactly(0xc0, 0xd2, 0x3d, 0x6a, 0xd4, 0x06, 0x97, 0x3f);
        assertThat(entry.kindVersion().kind()).isEqualTo("hashedrekord");
        assertThat(entry.inclusionPromise().signedEntryTimestamp()).isEqualTo("MEUCIQ==");
        assertThat(entry.inclusionProof().treeSize()).isEqualTo(8);
        assertThat(entry.inclusionProof().rootHashBytes()).containsExactly(0xab, 0xcd, 0xef);
        assertThat(entry.inclusionProof().hashBytes()).hasSize(2);
        assertThat(entry.inclusionProof().checkpoint().envelope()).startsWith("rekor\n8\n");
        assertThat(entry.canonicalizedBody()).isEqualTo(answer("hashedrekord").path("24296fb24b8ad77a").path("body").asText());
    }

    @Test
    void anAnswerForAnotherKindOrWithoutProofOrPromiseIsRefused() {
        assertThatThrownBy(() -> RekorUpload.entry(JsonCodec.write(answer("dsse")), "hashedrekord"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the hashedrekord 0.0.1 entry proposed");
        ObjectNode noProof = answer("dsse");
        ((ObjectNode) noProof.path("24296fb24b8ad77a").path("verification")).remove("inclusionProof");
        assertThatThrownBy(() -> RekorUpload.entry(JsonCodec.write(noProof), "dsse"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no inclusion proof");
        ObjectNode noCheckpoint = answer("dsse");
        ((ObjectNode) noCheckpoint.path("24296fb24b8ad77a").path("verification").path("inclusionProof")).remove("checkpoint");
        assertThatThrownBy(() -> RekorUpload.entry(JsonCodec.write(noCheckpoint), "dsse"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkpoint");
        ObjectNode noSet = answer("dsse");
        ((ObjectNode) noSet.path("24296fb24b8ad77a").path("verification")).remove("signedEntryTimestamp");
        assertThatThrownBy(() -> RekorUpload.entry(JsonCodec.write(noSet), "dsse"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signedEntryTimestamp is missing");
        ObjectNode badHex = answer("dsse");
        ((ObjectNode) badHex.path("24296fb24b8ad77a")).put("logID", "not hex");
        assertThatThrownBy(() -> RekorUpload.entry(JsonCodec.write(badHex), "dsse"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logID is not hexadecimal");
        ObjectNode two = answer("dsse");
        two.set("other", two.path("24296fb24b8ad77a"));
        assertThatThrownBy(() -> RekorUpload.entry(JsonCodec.write(two), "dsse"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected one entry");
    }

    @Test
    void ed25519MessageSignaturesAreRefusedButEnvelopesAreNot() throws Exception {
        RekorUpload upload = RekorUpload.fromSigningConfig(config("{\"selector\": \"ANY\"}",
                log("https://rekor.example", 1, "2021-01-01T00:00:00Z", null, null)), "test config", NOW);
        assertThatThrownBy(() -> upload.requireLoggable(true, false)).isInstanceOf(TlogConfigException.class)
                .hasMessageContaining("Ed25519");
        upload.requireLoggable(false, false);
        upload.requireLoggable(true, true);
    }

    static String v2Answer(String kind, String version, boolean proof) {
        return "{\"logIndex\": \"3\", \"logId\": {\"keyId\": \"AQID\"}, \"kindVersion\": {\"kind\": \"" + kind
                + "\", \"version\": \"" + version + "\"}, "
                + (proof ? "\"inclusionProof\": {\"logIndex\": \"3\", \"rootHash\": \"AQID\", \"treeSize\": \"4\", \"hashes\": [\"AQID\"],"
                        + " \"checkpoint\": {\"envelope\": \"log\\n4\\nAQID\\n\\n\\u2014 log sig\\n\"}}, " : "")
                + "\"canonicalizedBody\": \"e30=\"}";
    }

    @Test
    void aRekorV2AnswerIsTheEntryItselfAndMustBeTheKindRequestedWithAProof() throws Exception {
        TransparencyLogEntry entry = RekorUpload.entryV2(v2Answer("dsse", "0.0.2", true).getBytes(StandardCharsets.UTF_8), "dsse");
        assertThat(entry.logIndex()).isEqualTo(3);
        assertThat(entry.inclusionProof().treeSize()).isEqualTo(4);
        assertThat(entry.inclusionPromise()).isNull();
        assertThatThrownBy(() -> RekorUpload.entryV2(v2Answer("hashedrekord", "0.0.2", true).getBytes(StandardCharsets.UTF_8), "dsse"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the dsse 0.0.2 entry requested");
        assertThatThrownBy(() -> RekorUpload.entryV2(v2Answer("dsse", "0.0.1", true).getBytes(StandardCharsets.UTF_8), "dsse"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the dsse 0.0.2 entry requested");
        assertThatThrownBy(() -> RekorUpload.entryV2(v2Answer("dsse", "0.0.2", false).getBytes(StandardCharsets.UTF_8), "dsse"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no inclusion proof");
    }
}
