package dev.provenant.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.BundleVersion;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading cosign's legacy annotations: what is accepted, and each malformed shape refused by name. */
class CosignLegacyTest {
    private static final String BODY = Base64.getEncoder().encodeToString(
            "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{}}".getBytes(StandardCharsets.UTF_8));
    private static final String LOG_ID = "ab".repeat(32);

    private static String rekor(String body, String integratedTime, String logId) {
        return "{\"SignedEntryTimestamp\":\"MEUCIQ==\",\"Payload\":{\"body\":" + body + ",\"integratedTime\":" + integratedTime
                + ",\"logIndex\":7,\"logID\":" + logId + "}}";
    }

    @Test
    void cosignsRekorBundleBecomesTheLogEntryItVouchesFor() throws Exception {
        TransparencyLogEntry entry = CosignLegacy.rekorEntry(rekor("\"" + BODY + "\"", "1700000000", "\"" + LOG_ID + "\""));
        assertThat(entry.logIndex()).isEqualTo(7);
        assertThat(entry.integratedTime()).isEqualTo(1_700_000_000L);
        assertThat(entry.kindVersion().kind()).isEqualTo("hashedrekord");
        assertThat(entry.kindVersion().version()).isEqualTo("0.0.1");
        assertThat(entry.logId().keyIdBytes()).hasSize(32).containsOnly((byte) 0xab);
        assertThat(entry.inclusionPromise().signedEntryTimestamp()).isEqualTo("MEUCIQ==");
        assertThat(entry.inclusionProof()).isNull();
    }

    @Test
    void malformedRekorBundlesAreRefused() {
        for (String bad : new String[] {
            "[]",
            "{\"SignedEntryTimestamp\":\"MEUCIQ==\"}",
            rekor("{}", "1700000000", "\"" + LOG_ID + "\""),
            rekor("\"" + BODY + "\"", "\"1700000000\"", "\"" + LOG_ID + "\""),
            rekor("\"" + BODY + "\"", "1.5", "\"" + LOG_ID + "\""),
            rekor("\"" + BODY + "\"", "1700000000", "\"" + "AB".repeat(32) + "\""),
            rekor("\"" + BODY + "\"", "1700000000", "\"" + "ab".repeat(20) + "\""),
            rekor("\"" + BODY + "\"", "1700000000", "\"xyz\""),
            rekor("\"not base64!\"", "1700000000", "\"" + LOG_ID + "\""),
            rekor("\"" + Base64.getEncoder().encodeToString("{\"kind\":\"hashedrekord\"}".getBytes(StandardCharsets.UTF_8)) + "\"",
                    "1700000000", "\"" + LOG_ID + "\""),
            "{\"SignedEntryTimestamp\":\"MEUCIQ==\",\"SignedEntryTimestamp\":\"MEUCIQ==\",\"Payload\":{}}",
        }) {
            assertThatThrownBy(() -> CosignLegacy.rekorEntry(bad)).as(bad).isInstanceOf(FormatException.class)
                    .hasMessageContaining("annotation");
        }
    }

    @Test
    void pemTextMustBeCertificatesOnly() {
        assertThatThrownBy(() -> CosignLegacy.certificates("", CosignLegacy.CHAIN_ANNOTATION)).isInstanceOf(FormatException.class)
                .hasMessageContaining("not a PEM certificate");
        assertThatThrownBy(() -> CosignLegacy.certificates("-----BEGIN CERTIFICATE-----\nAAAA\n", CosignLegacy.CHAIN_ANNOTATION))
                .isInstanceOf(FormatException.class).hasMessageContaining("without its END line");
        // found by CosignLegacyFuzzTest: an END line overlapping the BEGIN line's dashes
        assertThatThrownBy(() -> CosignLegacy.certificates("-----BEGIN CERTIFICATE---------END CERTIFICATE------\nAAAA\n",
                CosignLegacy.CHAIN_ANNOTATION)).isInstanceOf(FormatException.class).hasMessageContaining("without its END line");
        assertThatThrownBy(() -> CosignLegacy.certificates("junk\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                CosignLegacy.CHAIN_ANNOTATION)).isInstanceOf(FormatException.class).hasMessageContaining("outside its PEM certificates");
        assertThatThrownBy(() -> CosignLegacy.certificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                CosignLegacy.CHAIN_ANNOTATION)).isInstanceOf(FormatException.class).hasMessageContaining("not an X.509 certificate");
    }

    @Test
    void timestampAnnotationsAreCosignsJson() throws Exception {
        assertThat(CosignLegacy.timestamp(Map.of())).isEmpty();
        assertThat(CosignLegacy.timestamp(Map.of(CosignLegacy.TIMESTAMP_ANNOTATION, "{\"SignedRFC3161Timestamp\":\"AQID\"}")).get())
                .containsExactly(1, 2, 3);
        for (String bad : new String[] {"AQID", "{}", "{\"SignedRFC3161Timestamp\":3}", "{\"SignedRFC3161Timestamp\":\"%%\"}"}) {
            assertThatThrownBy(() -> CosignLegacy.timestamp(Map.of(CosignLegacy.TIMESTAMP_ANNOTATION, bad))).as(bad)
                    .isInstanceOf(FormatException.class);
        }
    }

    @Test
    void aKeySignedLayerIsAMessageSignatureOverThePayload() throws Exception {
        byte[] payload = "payload".getBytes(StandardCharsets.UTF_8);
        var bundle = CosignLegacy.signatureBundle(Map.of(CosignLegacy.SIGNATURE_ANNOTATION, "MEUCIQ=="), payload);
        assertThat(bundle.version()).isEqualTo(BundleVersion.V0_1);
        assertThat(bundle.messageSignature().messageDigest().toDigest()).isEqualTo(Manifest.sha256(payload));
        assertThat(bundle.verificationMaterial().publicKey()).isNotNull();
        assertThat(bundle.verificationMaterial().tlogEntries()).isEmpty();
        assertThatThrownBy(() -> CosignLegacy.signatureBundle(Map.of(), payload)).isInstanceOf(FormatException.class)
                .hasMessageContaining("no " + CosignLegacy.SIGNATURE_ANNOTATION);
        assertThatThrownBy(() -> CosignLegacy.signatureBundle(Map.of(CosignLegacy.SIGNATURE_ANNOTATION,
                "A".repeat(CosignLegacy.MAX_ANNOTATION_CHARS + 4)), payload)).isInstanceOf(FormatException.class)
                .hasMessageContaining("more than the " + CosignLegacy.MAX_ANNOTATION_CHARS);
    }

    @Test
    void dockerHubReferencesMatchAsCosignSpellsThem() {
        ImageReference hub = ImageReference.parse("alpine@sha256:" + "0".repeat(64));
        assertThat(CosignLegacy.sameRepository("index.docker.io/library/alpine", hub)).isTrue();
        assertThat(CosignLegacy.sameRepository("docker.io/library/alpine", hub)).isTrue();
        assertThat(CosignLegacy.sameRepository("index.docker.io/library/busybox", hub)).isFalse();
        ImageReference local = ImageReference.parse("127.0.0.1:5000/app@sha256:" + "0".repeat(64));
        assertThat(CosignLegacy.sameRepository("127.0.0.1:5000/app", local)).isTrue();
        assertThat(CosignLegacy.sameRepository("index.docker.io/app", local)).isFalse();
        assertThat(CosignLegacy.sameRepository("127.0.0.1:5000/app:v1", local)).isFalse();
    }
}
