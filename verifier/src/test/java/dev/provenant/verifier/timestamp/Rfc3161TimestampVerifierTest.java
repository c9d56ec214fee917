package dev.provenant.verifier.timestamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.trust.SharedTestData;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.file.Files;
import java.time.Instant;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3161TimestampVerifierTest {
    private final Rfc3161TimestampVerifier verifier = new Rfc3161TimestampVerifier();

    @Test
    void verifiesTheManagedKeyBundleTimestampAgainstThePublicGoodTsa() throws VerificationException {
        Bundle bundle = SharedTestData.bundle("managed-key-happy-path");

        VerifiedTimestamp verified = verifier.verify(timestampDer(bundle), signature(bundle), TrustedRoot.publicGood());

        assertThat(verified.time()).isEqualTo(Instant.parse("2025-12-18T17:04:39Z"));
        assertThat(verified.authority().uri()).isEqualTo("https://timestamp.sigstore.dev/api/v1/timestamp");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "rekor2-happy-path",
        "rekor2-dsse-happy-path",
        "rekor2-timestamp-with-embedded-cert",
        "rekor2-timestamp-without-embedded-cert",
        "rekor2-timestamp-with-expired-cert-chain",
        "trust-root-tsa-validity-end-inclusive",
        // Its timestamp is good; it is outside the signing certificate's lifetime, which the caller checks.
        "rekor2-timestamp-with-incorrect-time_fail",
    })
    void verifiesTheTimestampOf(String caseName) throws VerificationException {
        Bundle bundle = SharedTestData.bundle(caseName, Rfc3161TimestampVerifierTest::unwrapBase64Lines);

        VerifiedTimestamp verified = verifier.verify(bundle.verificationMaterial().timestampVerificationData().rfc3161Timestamps().get(0),
                signature(bundle), SharedTestData.trustedRootFor(caseName));

        assertThat(verified.authority().validFor().contains(verified.time())).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rekor2-timestamp-outside-trust-root-tsa-validity_fail | outside the validity",
        "rekor2-timestamp-outside-tsa-cert-validity_fail | certificate not valid when time stamp created",
        "rekor2-timestamp-payload-mismatch_fail | message imprint",
        "rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail | not signed by a timestamp authority of the trusted root",
        "rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail | not signed by a timestamp authority of the trusted root",
    })
    void rejectsTheTimestampOf(String caseName, String reason) {
        Bundle bundle = SharedTestData.bundle(caseName);

        assertFails(() -> verifier.verify(timestampDer(bundle), signature(bundle), SharedTestData.trustedRootFor(caseName)), reason);
    }

    @Test
    void rejectsATimestampOverOtherBytes() {
        Bundle bundle = SharedTestData.bundle("managed-key-happy-path");
        byte[] other = signature(bundle);
        other[10] ^= 1;

        assertFails(() -> verifier.verify(timestampDer(bundle), other, TrustedRoot.publicGood()), "message imprint");
    }

    @Test
    void rejectsATimestampWhoseSignatureWasAltered() {
        Bundle bundle = SharedTestData.bundle("managed-key-happy-path");
        byte[] der = timestampDer(bundle);
        // The token's signature value is the last element of the response.
        der[der.length - 2] ^= 1;

        assertFails(() -> verifier.verify(der, signature(bundle), TrustedRoot.publicGood()), "does not verify");
    }

    @Test
    void rejectsATimestampOutsideTheTsaValidityTheRootGives() {
        Bundle bundle = SharedTestData.bundle("managed-key-happy-path");
        TrustedRoot root = editPublicGoodTsa(tsa -> ((ObjectNode) tsa.path("validFor")).put("end", "2025-12-18T17:04:38Z"));

        assertFails(() -> verifier.verify(timestampDer(bundle), signature(bundle), root), "outside the validity");
    }

    @Test
    void acceptsATimestampAtTheLastInstantOfTheTsaValidity() throws VerificationException {
        Bundle bundle = SharedTestData.bundle("managed-key-happy-path");
        TrustedRoot root = editPublicGoodTsa(tsa -> ((ObjectNode) tsa.path("validFor")).put("end", "2025-12-18T17:04:39Z"));

        assertThat(verifier.verify(timestampDer(bundle), signature(bundle), root).time()).isEqualTo(Instant.parse("2025-12-18T17:04:39Z"));
    }

    @Test
    void rejectsATsaLeafThatDoesNotChainToTheListedRoot() {
        Bundle bundle = SharedTestData.bundle("managed-key-happy-path");
        String fulcioRoot = TrustedRoot.publicGood().certificateAuthorities().get(1).certChain().certificates().get(1).rawBytes();
        TrustedRoot root = editPublicGoodTsa(tsa -> ((ObjectNode) tsa.path("certChain").path("certificates").get(1)).put("rawBytes", fulcioRoot));

        assertFails(() -> verifier.verify(timestampDer(bundle), signature(bundle), root), "does not chain");
    }

    @Test
    void rejectsWhenTheRootHasNoTimestampAuthority() {
        Bundle bundle = SharedTestData.bundle("managed-key-happy-path");
        TrustedRoot root = editPublicGood(json -> json.remove("timestampAuthorities"));

        assertFails(() -> verifier.verify(timestampDer(bundle), signature(bundle), root), "no timestamp authorities");
    }

    @Test
    void rejectsATimestampFromAnotherTsa() {
        Bundle bundle = SharedTestData.bundle("rekor2-happy-path");

        assertFails(() -> verifier.verify(timestampDer(bundle), signature(bundle), TrustedRoot.publicGood()), "not signed by");
    }

    @Test
    void rejectsASignatureAlgorithmWithoutAName() {
        Bundle bundle = SharedTestData.bundle("managed-key-happy-path");
        byte[] der = timestampDer(bundle);
        // The SignerInfo's signatureAlgorithm is the last ecdsa-with-SHA* OID (1.2.840.10045.4.3.x) in the
        // response; make it 1.2.840.10045.4.3.127, which no provider names.
        byte[] prefix = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03};
        int at = -1;
        for (int i = 0; i + prefix.length < der.length; i++) {
            if (java.util.Arrays.equals(der, i, i + prefix.length, prefix, 0, prefix.length)) {
                at = i;
            }
        }
        assertThat(at).isPositive();
        der[at + prefix.length] = 0x7f;

        assertFails(() -> verifier.verify(der, signature(bundle), TrustedRoot.publicGood()), "signature algorithm");
    }

    @Test
    void rejectsATokenWhoseContentHasTheWrongTagClass() {
        // TimeStampResp { status granted, ContentInfo { signedData, [PRIVATE 0] instead of [0] { SEQUENCE {} } } }
        byte[] der = {0x30, 0x16, 0x30, 0x03, 0x02, 0x01, 0x00,
                0x30, 0x0f, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x02,
                (byte) 0xe0, 0x02, 0x30, 0x00};

        assertFails(() -> verifier.verify(der, new byte[] {1}, TrustedRoot.publicGood()), "neither a TimeStampResp nor a TimeStampToken");
    }

    @Test
    void rejectsAResponseWhoseSigningCertificateAttributeIsMalformed() {
        // found by fuzzing: Bouncy Castle's TimeStampToken constructor dereferences the missing attribute value
        byte[] der = java.util.Base64.getDecoder().decode("MIICTjAVAgEAMBAMDk9wZXJhdGlvbiBPa2F5MIICMwYJKoZIhvcNAQcCoIICJDCCAiACAQMxDTALBglghkgBZQMEAgEwdwYLKoZI" +
                "hvcNAQkQAQSgaARmMGQCAQEGCSsGAQQBg78wAjAvMAsGCWCGSAFlAwQCAQQgPdgdDllEv25cKylzjFaSQBod2R00sVycu5ENQMCf" +
                "kRACCHDNCta9FS8/GA8yMDI2MTIwMjE0MTYyNloCCDddu+++02rBMYIBkTCCAY0CAQEwVjBCMSEwHwYDVQQKDBhQcm92ZW5hbnQg" +
                "bG9jYWwtc2lnc3RvcmUxHTAbBgNVBAMMFGxvY2FsIHRpbWVzdGFtcCByb290AhAu0BmlJbUzi9X7JICpWMIjMAsGCWCGSAFlAwQC" +
                "AaCBzjAaBgkqhkiG9w0BCQMxDQYLKoZIhvcNAQkQAQQwHAYJKoZIhvcNAQkFMQ8XDTI2MTIwMjE0MTYyNlowKAYJKoZIhvcNAQk0" +
                "MRswGTALBglghkgBZQMEAgGhCgYIKoZIzj0EAwIwLwYJKoZIhvcNAQkEMSIEIBb5qTwALtW5TakOuERYvYyNj4KTCIY2uREMh+0n" +
                "AKV2MDcGCyqGSIb3DQEJEAIvMSjIJjAkMCIEIJRIDupekb90hUaQg7RrEcyKnDDONvH4i0BifYMffiFgMAoGCCqGSM49BAMCBEYw" +
                "RAIgLINU3g9usNNUVXXC5jjRr8Uvs8EILZZTCGj+eJy78OICIAVZw6eOY+I9tVl1b1bzKzPE1U1WN1akXbqcPIlaRr/i");

        assertFails(() -> verifier.verify(der, new byte[] {1}, TrustedRoot.publicGood()), "neither a TimeStampResp nor a TimeStampToken");
    }

    @Test
    void rejectsASigningTimeThatIsNoTime() {
        Bundle bundle = SharedTestData.bundle("managed-key-happy-path");
        byte[] der = timestampDer(bundle);
        // signingTime (1.2.840.113549.1.9.5) SET { UTCTime "YYMMDDhhmmssZ" }: one month digit made non-ASCII
        byte[] oid = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x09, 0x05};
        int at = -1;
        for (int i = 0; i + oid.length < der.length && at < 0; i++) {
            if (java.util.Arrays.equals(der, i, i + oid.length, oid, 0, oid.length)) {
                at = i;
            }
        }
        assertThat(at).isPositive();
        der[at + oid.length + 4 + 2] = (byte) 0xb2;

        assertFails(() -> verifier.verify(der, signature(bundle), TrustedRoot.publicGood()), "does not verify");
    }

    @Test
    void rejectsAnEmptyTimestamp() {
        assertFails(() -> verifier.verify(new byte[0], new byte[] {1}, TrustedRoot.publicGood()), "empty");
    }

    @Test
    void rejectsBytesThatAreNoTimestamp() {
        assertFails(() -> verifier.verify(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}, new byte[] {1}, TrustedRoot.publicGood()),
                "neither a TimeStampResp nor a TimeStampToken");
    }

    /**
     * One case wraps its timestamp's base64 at 76 columns. Protobuf JSON readers skip those newlines;
     * the attest Base64Text does not yet, so the test joins the lines before the bundle is read.
     */
    private static ObjectNode unwrapBase64Lines(ObjectNode json) {
        for (var timestamp : json.path("verificationMaterial").path("timestampVerificationData").path("rfc3161Timestamps")) {
            ((ObjectNode) timestamp).put("signedTimestamp", timestamp.path("signedTimestamp").asText().replace("\n", ""));
        }
        return json;
    }

    private static byte[] timestampDer(Bundle bundle) {
        return bundle.verificationMaterial().timestampVerificationData().rfc3161Timestamps().get(0).der();
    }

    /** What the timestamp is over: the message signature, or the envelope's one signature. */
    private static byte[] signature(Bundle bundle) {
        return bundle.messageSignature() != null
                ? bundle.messageSignature().signatureBytes()
                : bundle.dsseEnvelope().signatures().get(0).signatureBytes();
    }

    private static TrustedRoot editPublicGoodTsa(Consumer<ObjectNode> edit) {
        return editPublicGood(json -> edit.accept((ObjectNode) json.path("timestampAuthorities").get(0)));
    }

    private static TrustedRoot editPublicGood(Consumer<ObjectNode> edit) {
        try {
            ObjectNode json = (ObjectNode) JsonCodec.readTree(
                    TrustedRoot.publicGoodJson(), "root");
            edit.accept(json);
            return TrustedRoot.parse(JsonCodec.write(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertFails(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class, e -> {
            assertThat(e.check()).as(e.getMessage()).isEqualTo(Check.TIMESTAMP);
            assertThat(e.getMessage()).contains(messagePart).doesNotContain("\n");
        });
    }
}
