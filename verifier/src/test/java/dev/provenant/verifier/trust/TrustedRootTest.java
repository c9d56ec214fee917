package dev.provenant.verifier.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TrustedRootTest {
    private static final byte[] REKOR_PUBLIC_GOOD_ID = Base64.getDecoder().decode("wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=");

    @Test
    void readsThePublicGoodRoot() {
        TrustedRoot root = SharedTestData.publicGoodFile();

        assertThat(root.tlogs()).hasSize(2);
        assertThat(root.ctlogs()).hasSize(2);
        assertThat(root.certificateAuthorities()).hasSize(2);
        assertThat(root.timestampAuthorities()).hasSize(1);
        TransparencyLog rekor = root.tlogById(REKOR_PUBLIC_GOOD_ID).orElseThrow();
        assertThat(rekor.baseUrl()).isEqualTo("https://rekor.sigstore.dev");
        assertThat(rekor.hostname()).contains("rekor.sigstore.dev");
        assertThat(rekor.publicKey().keyDetails()).isEqualTo("PKIX_ECDSA_P256_SHA_256");
        assertThat(rekor.publicKey().validFor().start()).isEqualTo(Instant.parse("2021-01-12T11:53:27Z"));
        assertThat(rekor.publicKey().validFor().endTime()).isEmpty();
    }

    @Test
    void decodesKeysAndCertificatesWhenAsked() throws Exception {
        TrustedRoot root = SharedTestData.publicGoodFile();

        assertThat(root.tlogById(REKOR_PUBLIC_GOOD_ID).orElseThrow().publicKey().toPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(root.timestampAuthorities().get(0).certificates()).hasSize(2);
        assertThat(root.timestampAuthorities().get(0).subject().commonName()).isEqualTo("sigstore-tsa-selfsigned");
    }

    @Test
    void theShippedPublicGoodRootIsTheSharedOne() {
        assertThat(TrustedRoot.publicGood()).isEqualTo(SharedTestData.publicGoodFile());
    }

    @Test
    void findsNoLogForAnUnknownId() {
        assertThat(TrustedRoot.publicGood().tlogById(new byte[32])).isEmpty();
        assertThat(TrustedRoot.publicGood().ctlogById(REKOR_PUBLIC_GOOD_ID)).isEmpty();
    }

    @Test
    void acceptsEveryTrustedRootMediaTypeSpelling() throws FormatException {
        for (String mediaType : TrustedRoot.MEDIA_TYPES) {
            assertThat(TrustedRoot.parse(json("{\"mediaType\":\"" + mediaType + "\"}")).tlogs()).isEmpty();
        }
    }

    @Test
    void rejectsAnUnknownMediaType() {
        assertThatThrownBy(() -> TrustedRoot.parse(json("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("unsupported trusted root mediaType");
    }

    @Test
    void rejectsMalformedInput() {
        assertThatThrownBy(() -> TrustedRoot.parse(json("{\"mediaType\":"))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> TrustedRoot.parse(json("[]"))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> TrustedRoot.parse(json(tlog("\"validFor\":{\"start\":\"yesterday\"}"))))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("validFor.start is not an RFC 3339 time");
        assertThatThrownBy(() -> TrustedRoot.parse(json(tlog("\"validFor\":{\"start\":\"2024-01-02T00:00:00Z\",\"end\":\"2024-01-01T00:00:00Z\"}"))))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> TrustedRoot.parse(json(tlog("\"validFor\":{}").replace("\"logId\"", "\"noLogId\""))))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("no logId");
    }

    @Test
    void aKeyWithoutValidityStartIsNeverValid() throws Exception {
        // the shipped public-good root with the start of its Rekor v1 key's validity removed
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode tree = json.readTree(TrustedRoot.publicGoodJson());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("tlogs").get(0).path("publicKey").path("validFor")).remove("start");
        TrustedRoot root = TrustedRoot.parse(json.writeValueAsBytes(tree));
        TransparencyLog log = root.tlogById(Base64.getDecoder().decode("wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=")).orElseThrow();

        assertThat(log.publicKey().validFor().hasStart()).isFalse();
        assertThat(log.publicKey().validFor().contains(Instant.parse("2025-06-01T00:00:00Z"))).isFalse();
    }

    @Test
    void validityIsAClosedInterval() {
        Instant start = Instant.parse("2021-01-01T00:00:00Z");
        Instant end = Instant.parse("2022-01-01T00:00:00Z");
        ValidityPeriod period = new ValidityPeriod(start, end);

        assertThat(period.contains(start)).isTrue();
        assertThat(period.contains(end)).isTrue();
        assertThat(period.contains(start.minusMillis(1))).isFalse();
        assertThat(period.contains(end.plusMillis(1))).isFalse();
        assertThat(new ValidityPeriod(start, null).contains(Instant.parse("2999-01-01T00:00:00Z"))).isTrue();
    }

    @Test
    void readsRfc3339TimesWithOffsetsAndFractions() throws FormatException {
        TrustedRoot root = TrustedRoot.parse(json(tlog("\"validFor\":{\"start\":\"2021-01-01T02:00:00.5+02:00\"}")));

        assertThat(root.tlogs().get(0).publicKey().validFor().start()).isEqualTo(Instant.parse("2021-01-01T00:00:00.5Z"));
    }

    private static String tlog(String validFor) {
        return "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"tlogs\":[{\"baseUrl\":\"https://log.example\","
                + "\"hashAlgorithm\":\"SHA2_256\",\"publicKey\":{\"rawBytes\":\"AAAA\",\"keyDetails\":\"PKIX_ED25519\"," + validFor + "},"
                + "\"logId\":{\"keyId\":\"AAAA\"}}]}";
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
