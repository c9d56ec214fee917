package dev.provenant.attest.bundle;

import dev.provenant.attest.testing.ConformanceSuite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BundleTest {
    static Path cases() {
        return ConformanceSuite.bundleVerify();
    }

    static Stream<String> wellFormedCases() {
        return Stream.of("happy-path-v0.1", "happy-path-v0.2", "happy-path-v0.3", "happy-path-v0.3-new-mediaType",
                "happy-path-intoto-in-dsse-v3", "managed-key-happy-path", "managed-key-and-trusted-root",
                "rekor2-happy-path", "rekor2-dsse-happy-path", "intoto-with-custom-trust-root", "bundle-with-sct-with-extensions");
    }

    @ParameterizedTest
    @MethodSource("wellFormedCases")
    void readsRealBundlesAndWritesThemBackByteStable(String name) throws Exception {
        byte[] original = Files.readAllBytes(cases().resolve(name).resolve("bundle.sigstore.json"));
        Bundle bundle = Bundle.parse(original);
        byte[] written = bundle.toJson();
        assertThat(Bundle.parse(written).toJson()).isEqualTo(written);
        // Nothing the original said is lost: the written tree equals the original, int64s as strings.
        assertThat(normalise(JsonCodec.readTree(written, "written"))).isEqualTo(normalise(JsonCodec.readTree(original, "original")));
    }

    /** The hand-written reader and Jackson's data binding of the same records agree on every conformance bundle. */
    @Test
    void readsEveryConformanceBundleAsDataBindingDoes() throws Exception {
        int compared = 0;
        try (var cases = Files.list(cases())) {
            for (Path dir : cases.sorted().toList()) {
                Path file = dir.resolve("bundle.sigstore.json");
                if (!Files.exists(file)) {
                    continue;
                }
                byte[] json = Files.readAllBytes(file);
                Bundle bound;
                try {
                    bound = JsonCodec.read(json, Bundle.class, "bundle");
                } catch (FormatException e) {
                    assertThatThrownBy(() -> Bundle.parse(json)).as(dir.getFileName().toString()).isInstanceOf(FormatException.class);
                    continue;
                }
                assertThat(Bundle.parse(json)).as(dir.getFileName().toString()).isEqualTo(bound);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(50);
    }

    @Test
    void readsEveryMediaType() throws Exception {
        assertThat(Bundle.read(cases().resolve("happy-path-v0.1/bundle.sigstore.json")).version()).isEqualTo(BundleVersion.V0_1);
        assertThat(Bundle.read(cases().resolve("happy-path-v0.2/bundle.sigstore.json")).version()).isEqualTo(BundleVersion.V0_2);
        assertThat(Bundle.read(cases().resolve("happy-path-v0.3/bundle.sigstore.json")).version()).isEqualTo(BundleVersion.V0_3);
        assertThat(Bundle.read(cases().resolve("happy-path-v0.3-new-mediaType/bundle.sigstore.json")).version()).isEqualTo(BundleVersion.V0_3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bundle-malformed-json_fail", "bundle-unknown-version_fail", "bundle-invalid-base64-signature_fail",
        "bundle-negative-log-index_fail"})
    void rejectsMalformedConformanceBundles(String name) {
        assertThatThrownBy(() -> Bundle.read(cases().resolve(name).resolve("bundle.sigstore.json")))
                .isInstanceOf(FormatException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(300));
    }

    @Test
    void rejectsTruncatedJson() throws Exception {
        byte[] original = Files.readAllBytes(cases().resolve("happy-path-v0.3/bundle.sigstore.json"));
        for (int cut : new int[] {0, 1, original.length / 3, original.length - 2}) {
            byte[] truncated = Arrays.copyOf(original, cut);
            assertThatThrownBy(() -> Bundle.parse(truncated)).as("cut at %d", cut).isInstanceOf(FormatException.class);
        }
    }

    @Test
    void rejectsMissingRequiredFields() throws Exception {
        String v03 = BundleVersion.V0_3.mediaType();
        assertThatThrownBy(() -> parse("{\"verificationMaterial\":{\"publicKey\":{}},\"messageSignature\":{\"signature\":\"c2ln\"}}"))
                .hasMessageContaining("mediaType is missing");
        assertThatThrownBy(() -> parse("{\"mediaType\":\"" + v03 + "\",\"messageSignature\":{\"signature\":\"c2ln\"}}"))
                .hasMessageContaining("verificationMaterial");
        assertThatThrownBy(() -> parse("{\"mediaType\":\"" + v03 + "\",\"verificationMaterial\":{\"publicKey\":{}}}"))
                .hasMessageContaining("exactly one of messageSignature and dsseEnvelope");
        assertThatThrownBy(() -> parse("{\"mediaType\":\"" + v03 + "\",\"verificationMaterial\":{},\"messageSignature\":{\"signature\":\"c2ln\"}}"))
                .hasMessageContaining("no publicKey");
        assertThatThrownBy(() -> parse("{\"mediaType\":\"" + v03 + "\",\"verificationMaterial\":{\"publicKey\":{}},\"messageSignature\":{}}"))
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> parse("[]")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> parse("null")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> parse("{} {}")).isInstanceOf(FormatException.class);
    }

    /** A v0.3 bundle carries a single certificate, not a chain (the bundle spec; sigstore-js and sigstore-go refuse a chain). */
    @Test
    void rejectsACertificateChainInAV03Bundle() throws Exception {
        byte[] v02 = Files.readAllBytes(cases().resolve("happy-path-v0.2").resolve("bundle.sigstore.json"));
        assertThat(Bundle.parse(v02).verificationMaterial().x509CertificateChain()).isNotNull();
        ObjectNode tree = (ObjectNode) JsonCodec.readTree(v02, "bundle");
        for (String v03 : new String[] {BundleVersion.V0_3.mediaType(), "application/vnd.dev.sigstore.bundle+json;version=0.3"}) {
            tree.put("mediaType", v03);
            byte[] relabelled = JsonCodec.write(tree);
            assertThatThrownBy(() -> Bundle.parse(relabelled)).as(v03).isInstanceOf(FormatException.class)
                    .hasMessageContaining("x509CertificateChain");
        }
    }

    /** sigstore-js refuses a message signature without its digest as an invalid bundle; so does Provenant. */
    @Test
    void rejectsAMessageSignatureWithoutItsDigest() throws Exception {
        String v03 = BundleVersion.V0_3.mediaType();
        String withDigest = "{\"mediaType\":\"" + v03 + "\",\"verificationMaterial\":{\"publicKey\":{\"hint\":\"aGludA==\"}},"
                + "\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_256\",\"digest\":\"" + "A".repeat(43) + "=\"},"
                + "\"signature\":\"c2ln\"}}";
        assertThat(parse(withDigest).messageSignature().messageDigest()).isNotNull();
        for (String without : new String[] {"{\"signature\":\"c2ln\"}", "{\"messageDigest\":null,\"signature\":\"c2ln\"}"}) {
            String json = withDigest.substring(0, withDigest.indexOf("\"messageSignature\"")) + "\"messageSignature\":" + without + "}";
            assertThatThrownBy(() -> parse(json)).as(json).isInstanceOf(FormatException.class).hasMessageContaining("messageDigest");
            assertThatThrownBy(() -> JsonCodec.read(json.getBytes(StandardCharsets.UTF_8), Bundle.class, "bundle")).as(json)
                    .isInstanceOf(FormatException.class).hasMessageContaining("messageDigest");
        }
    }

    @Test
    void rejectsTenMegabytesOfGarbageQuicklyAndInOneLine() {
        byte[] garbage = new byte[10 * 1024 * 1024];
        new java.util.Random(1).nextBytes(garbage);
        long start = System.nanoTime();
        assertThatThrownBy(() -> Bundle.parse(garbage)).isInstanceOf(FormatException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(300));
        byte[] text = "a".repeat(10 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Bundle.parse(text)).isInstanceOf(FormatException.class);
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    private static Bundle parse(String json) throws FormatException {
        return Bundle.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Protobuf JSON writes int64 as strings or numbers and may spell out default values ("0", "");
     * compare numbers as text and drop defaults.
     */
    private static JsonNode normalise(JsonNode node) {
        if (node.isNumber()) {
            return TextNode.valueOf(node.asText());
        }
        if (node.isObject()) {
            ObjectNode copy = JsonCodec.mapper().createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode value = normalise(e.getValue());
                if (!(value.isTextual() && (value.asText().isEmpty() || value.asText().equals("0")))) {
                    copy.set(e.getKey(), value);
                }
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonCodec.mapper().createArrayNode();
            node.forEach(n -> copy.add(normalise(n)));
            return copy;
        }
        return node;
    }

    /**
     * A bundle with {@code count} copies of the first element of the array at {@code path}, each made distinct
     * (a log entry's index, a timestamp token's last byte), since a repeated entry or token is refused on its own.
     */
    private static byte[] repeated(String name, int count, String... path) throws Exception {
        ObjectNode root = (ObjectNode) JsonCodec.readTree(Files.readAllBytes(cases().resolve(name).resolve("bundle.sigstore.json")), "b");
        ObjectNode parent = root;
        for (int i = 0; i < path.length - 1; i++) {
            parent = (ObjectNode) parent.get(path[i]);
        }
        var array = (com.fasterxml.jackson.databind.node.ArrayNode) parent.get(path[path.length - 1]);
        JsonNode first = array.get(0);
        array.removeAll();
        for (int i = 0; i < count; i++) {
            JsonNode copy = first.deepCopy();
            if (copy instanceof ObjectNode entry && entry.has("logIndex")) {
                entry.put("logIndex", Long.toString(Long.parseLong(entry.get("logIndex").asText()) + i));
            } else if (copy instanceof ObjectNode token && token.has("signedTimestamp")) {
                byte[] der = java.util.Base64.getDecoder().decode(token.get("signedTimestamp").asText());
                der[der.length - 1] ^= (byte) i;
                token.put("signedTimestamp", java.util.Base64.getEncoder().encodeToString(der));
            }
            array.add(copy);
        }
        return JsonCodec.write(root);
    }

    /** The bundle with its first log entry's inclusion proof holding {@code count} copies of its first hash. */
    private static byte[] repeatedHash(String name, int count) throws Exception {
        ObjectNode root = (ObjectNode) JsonCodec.readTree(Files.readAllBytes(cases().resolve(name).resolve("bundle.sigstore.json")), "b");
        var hashes = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("verificationMaterial").get("tlogEntries").get(0)
                .get("inclusionProof").get("hashes");
        JsonNode first = hashes.get(0);
        hashes.removeAll();
        for (int i = 0; i < count; i++) {
            hashes.add(first.deepCopy());
        }
        return JsonCodec.write(root);
    }

    @Test
    void refusesMoreLogEntriesTimestampsCertificatesOrProofHashesThanAnyClientWrites() throws Exception {
        String[] tlog = {"verificationMaterial", "tlogEntries"};
        assertThat(Bundle.parse(repeated("happy-path-v0.3", Bundle.MAX_TLOG_ENTRIES, tlog)).verificationMaterial().tlogEntries())
                .hasSize(16);
        assertThatThrownBy(() -> Bundle.parse(repeated("happy-path-v0.3", Bundle.MAX_TLOG_ENTRIES + 1, tlog)))
                .isInstanceOf(FormatException.class)
                .hasMessage("bundle is malformed: verificationMaterial.tlogEntries has 17 elements; at most 16 are read");

        String[] chain = {"verificationMaterial", "x509CertificateChain", "certificates"};
        assertThat(Bundle.parse(repeated("happy-path-v0.2", Bundle.MAX_CHAIN_CERTIFICATES, chain)).verificationMaterial()
                .certificates()).hasSize(10);
        assertThatThrownBy(() -> Bundle.parse(repeated("happy-path-v0.2", Bundle.MAX_CHAIN_CERTIFICATES + 1, chain)))
                .hasMessage("bundle is malformed: x509CertificateChain.certificates has 11 elements; at most 10 are read");

        String[] timestamps = {"verificationMaterial", "timestampVerificationData", "rfc3161Timestamps"};
        String withTimestamp = "trust-root-tsa-validity-end-inclusive";
        assertThat(Bundle.parse(repeated(withTimestamp, Bundle.MAX_TIMESTAMPS, timestamps)).verificationMaterial()
                .rfc3161Timestamps()).hasSize(16);
        assertThatThrownBy(() -> Bundle.parse(repeated(withTimestamp, Bundle.MAX_TIMESTAMPS + 1, timestamps)))
                .hasMessage("bundle is malformed: timestampVerificationData.rfc3161Timestamps has 17 elements; at most 16 are read");

        assertThatThrownBy(() -> Bundle.parse(repeatedHash("happy-path-v0.3", InclusionProof.MAX_HASHES + 1)))
                .hasMessage("bundle is malformed: inclusionProof has 64 hashes; a log tree has at most 63 levels");
        assertThat(Bundle.parse(repeatedHash("happy-path-v0.3", InclusionProof.MAX_HASHES)).verificationMaterial()
                .tlogEntries().get(0).inclusionProof().hashes()).hasSize(63);

        // Bundles built in code hold to the same bounds.
        Bundle one = Bundle.parse(Files.readAllBytes(cases().resolve("happy-path-v0.3").resolve("bundle.sigstore.json")));
        var entry = one.verificationMaterial().tlogEntries().get(0);
        assertThatThrownBy(() -> one.withTlogEntries(java.util.Collections.nCopies(17, entry)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 16");
    }
}
