package dev.provenant.verifier.timestamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.Check;
import dev.provenant.verifier.VerificationException;
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
