package dev.provenant.verifier.vsa;

import static dev.provenant.verifier.vsa.VsaFixture.bundle;
import static dev.provenant.verifier.vsa.VsaFixture.envelope;
import static dev.provenant.verifier.vsa.VsaFixture.expectations;
import static dev.provenant.verifier.vsa.VsaFixture.statement;
import static dev.provenant.verifier.vsa.VsaFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.vsa.VsaFixture.Encoding;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VsaVerifierTest {
    static KeyPair key;
    static KeyPair other;
    final VsaVerifier verifier = new VsaVerifier(new BundleVerifier(new ArtifactDigester(), () -> null, Clock.systemUTC()));

    @BeforeAll
    static void keys() throws Exception {
        key = VsaFixture.p256();
        other = VsaFixture.p256();
    }

    VsaTrust trust() {
        return VsaTrust.ofKey(key.getPublic(), Optional.empty());
    }

    byte[] bare(Encoding encoding) throws Exception {
        return envelope(statement(), key, encoding, null).toJson();
    }

    byte[] changed(Consumer<ObjectNode> change) throws Exception {
        ObjectNode s = statement();
        change.accept(s);
        return envelope(s, key, Encoding.RAW, null).toJson();
    }

    void assertFails(byte[] document, VsaTrust trust, VsaExpectations expected, Check check) {
        assertThatThrownBy(() -> verifier.verify(document, trust, expected))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).as(e.toString()).isEqualTo(check));
    }

    void assertFails(byte[] document, Check check) {
        assertFails(document, trust(), expectations(), check);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aBareEnvelopePassesEveryCheck(Encoding encoding) throws Exception {
        VerifiedVsa vsa = verifier.verify(bare(encoding), trust(), expectations());
        assertThat(vsa.form()).isEqualTo("dsse-envelope");
        assertThat(vsa.checks()).containsExactly(Check.KEY, Check.SIGNATURE, Check.PAYLOAD_TYPE, Check.STATEMENT, Check.PREDICATE_TYPE,
                Check.SUBJECT_DIGEST, Check.VSA_VERIFIER, Check.VSA_RESOURCE_URI, Check.VSA_RESULT, Check.VSA_LEVELS);
        assertThat(vsa.verifiedLevels()).containsExactly("SLSA_BUILD_LEVEL_3", "BCID_L1");
        assertThat(new String(vsa.payload(), StandardCharsets.UTF_8)).contains(VsaFixture.RESOURCE);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aKeySignedBundlePassesEveryCheck(Encoding encoding) throws Exception {
        VerifiedVsa vsa = verifier.verify(bundle(envelope(statement(), key, encoding, null), key), trust(), expectations());
        assertThat(vsa.form()).isEqualTo("bundle");
        assertThat(vsa.bundle()).isPresent();
        assertThat(vsa.checks()).contains(Check.SIGNATURE, Check.PREDICATE_TYPE, Check.SUBJECT_DIGEST, Check.VSA_LEVELS);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aBundleSignedByAnotherKeyFailsTheSignature(Encoding encoding) throws Exception {
        assertFails(bundle(envelope(statement(), other, encoding, null), key), Check.SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void anEnvelopeSignedByAnotherKeyFailsTheSignature(Encoding encoding) throws Exception {
        assertFails(envelope(statement(), other, encoding, null).toJson(), Check.SIGNATURE);
    }

    @Test
    void aTamperedPayloadFailsTheSignature() throws Exception {
        Envelope signed = envelope(statement(), key, Encoding.RAW, null);
        ObjectNode forged = statement();
        ((ObjectNode) forged.get("predicate")).put("resourceUri", "pkg:maven/dev.example/evil@1.0");
        Envelope tampered = new Envelope(dev.provenant.attest.json.Base64Text.encode(JsonCodec.write(forged)), signed.payloadType(),
                signed.signatures());
        assertFails(tampered.toJson(), Check.SIGNATURE);
    }

    @Test
    void oneGoodSignatureAmongSeveralIsEnough() throws Exception {
        byte[] payload = JsonCodec.write(statement());
        Envelope two = envelope("application/vnd.in-toto+json", payload, Encoding.DER, List.of(other.getPrivate(), key.getPrivate()),
                Arrays.asList(null, null));
        assertThat(verifier.verify(two.toJson(), trust(), expectations()).checks()).contains(Check.VSA_LEVELS);
    }

    @Test
    void aSignatureWithTheGivenKeyIdPasses() throws Exception {
        byte[] doc = envelope(statement(), key, Encoding.RAW, "keystore://1:prod:vsa").toJson();
        VerifiedVsa vsa = verifier.verify(doc, VsaTrust.ofKey(key.getPublic(), Optional.of("keystore://1:prod:vsa")), expectations());
        assertThat(vsa.keyId()).contains("keystore://1:prod:vsa");
    }

    @Test
    void aSignatureWithAnotherKeyIdFailsTheSignature() throws Exception {
        byte[] doc = envelope(statement(), key, Encoding.RAW, "keystore://1:prod:vsa").toJson();
        assertFails(doc, VsaTrust.ofKey(key.getPublic(), Optional.of("my_key_id")), expectations(), Check.SIGNATURE);
    }

    @Test
    void withoutAKeyIdTheKeysDefaultIdIsExpected() throws Exception {
        byte[] named = envelope(statement(), key, Encoding.RAW, "keystore://1:prod:vsa").toJson();
        assertFails(named, Check.SIGNATURE);
        byte[] byDefaultId = envelope(statement(), key, Encoding.RAW, DefaultKeyId.of(key.getPublic()).orElseThrow()).toJson();
        assertThat(verifier.verify(byDefaultId, trust(), expectations()).checks()).contains(Check.VSA_LEVELS);
    }

    @Test
    void aSignatureWithoutKeyIdMatchesAnyKeyId() throws Exception {
        assertThat(verifier.verify(bare(Encoding.DER), VsaTrust.ofKey(key.getPublic(), Optional.of("anything")), expectations()).checks())
                .contains(Check.VSA_LEVELS);
    }

    @Test
    void aBundleSignatureWithAnotherKeyIdFailsTheSignature() throws Exception {
        byte[] doc = bundle(envelope(statement(), key, Encoding.DER, "k1"), key);
        assertFails(doc, VsaTrust.ofKey(key.getPublic(), Optional.of("k2")), expectations(), Check.SIGNATURE);
        assertThat(verifier.verify(doc, VsaTrust.ofKey(key.getPublic(), Optional.of("k1")), expectations()).keyId()).contains("k1");
    }

    @Test
    void aBareEnvelopeCannotSatisfyAKeylessIdentity() throws Exception {
        VsaTrust keyless = new VsaTrust(new SignerTrust.Identity(IdentityPolicy.exact("a@example.com", "https://issuer.example")),
                Optional.empty(), true);
        assertFails(bare(Encoding.DER), keyless, expectations(), Check.KEY);
    }

    @Test
    void aKeySignedBundleCannotSatisfyAKeylessIdentity() throws Exception {
        VsaTrust keyless = new VsaTrust(new SignerTrust.Identity(IdentityPolicy.exact("a@example.com", "https://issuer.example")),
                Optional.empty(), true);
        assertFails(bundle(envelope(statement(), key, Encoding.DER, null), key), keyless, expectations(), Check.KEY);
    }

    @Test
    void aBareEnvelopeFailsWhenALogEntryIsRequired() throws Exception {
        assertFails(bare(Encoding.DER), new VsaTrust(new SignerTrust.Key(key.getPublic()), Optional.empty(), true), expectations(),
                Check.TLOG_REQUIRED);
    }

    @Test
    void anotherPayloadTypeFailsThePayloadType() throws Exception {
        byte[] doc = envelope("text/plain", JsonCodec.write(statement()), Encoding.DER, List.of(key.getPrivate()), Arrays.asList((String) null))
                .toJson();
        assertFails(doc, Check.PAYLOAD_TYPE);
    }

    @Test
    void anotherPredicateTypeFailsThePredicateType() throws Exception {
        assertFails(changed(s -> s.put("predicateType", "https://slsa.dev/provenance/v1")), Check.PREDICATE_TYPE);
    }

    @Test
    void aDigestNoSubjectHasFailsTheSubjectDigest() throws Exception {
        VsaExpectations wrong = new VsaExpectations(List.of(SubjectDigest.parse("sha256:" + "b".repeat(64))), VsaFixture.VERIFIER,
                VsaFixture.RESOURCE, List.of());
        assertFails(bare(Encoding.DER), trust(), wrong, Check.SUBJECT_DIGEST);
        VsaExpectations otherType = new VsaExpectations(List.of(SubjectDigest.parse("sha512:" + VsaFixture.SHA256)), VsaFixture.VERIFIER,
                VsaFixture.RESOURCE, List.of());
        assertFails(bare(Encoding.DER), trust(), otherType, Check.SUBJECT_DIGEST);
    }

    @Test
    void everyGivenDigestMustBeFound() throws Exception {
        VsaExpectations oneMissing = new VsaExpectations(List.of(SubjectDigest.parse("sha256:" + VsaFixture.SHA256),
                SubjectDigest.parse("gce_image_id:1")), VsaFixture.VERIFIER, VsaFixture.RESOURCE, List.of());
        assertFails(bare(Encoding.DER), trust(), oneMissing, Check.SUBJECT_DIGEST);
    }

    @Test
    void anotherVerifierIdFailsTheVerifier() throws Exception {
        assertFails(changed(s -> ((ObjectNode) s.get("predicate")).putObject("verifier").put("id", "https://other.example")),
                Check.VSA_VERIFIER);
        assertFails(changed(s -> ((ObjectNode) s.get("predicate")).remove("verifier")), Check.VSA_VERIFIER);
    }

    @Test
    void anotherResourceUriFailsTheResourceUri() throws Exception {
        assertFails(changed(s -> ((ObjectNode) s.get("predicate")).put("resourceUri", "pkg:maven/dev.example/app@1.1")),
                Check.VSA_RESOURCE_URI);
        assertFails(changed(s -> ((ObjectNode) s.get("predicate")).remove("resourceUri")), Check.VSA_RESOURCE_URI);
    }

    @Test
    void aFailedResultFailsTheResult() throws Exception {
        assertFails(changed(s -> ((ObjectNode) s.get("predicate")).put("verificationResult", "FAILED")), Check.VSA_RESULT);
        assertFails(changed(s -> ((ObjectNode) s.get("predicate")).put("verificationResult", "passed")), Check.VSA_RESULT);
    }

    @Test
    void aHigherBuildLevelMeetsALowerDemandButNotTheReverse() throws Exception {
        VsaExpectations three = new VsaExpectations(expectations().subjectDigests(), VsaFixture.VERIFIER, VsaFixture.RESOURCE,
                List.of("SLSA_BUILD_LEVEL_3"));
        assertThat(verifier.verify(bare(Encoding.DER), trust(), three).checks()).contains(Check.VSA_LEVELS);
        VsaExpectations four = new VsaExpectations(expectations().subjectDigests(), VsaFixture.VERIFIER, VsaFixture.RESOURCE,
                List.of("SLSA_BUILD_LEVEL_4"));
        assertFails(bare(Encoding.DER), trust(), four, Check.VSA_LEVELS);
    }

    @Test
    void aTrackTheVsaDoesNotListFailsTheLevels() throws Exception {
        VsaExpectations source = new VsaExpectations(expectations().subjectDigests(), VsaFixture.VERIFIER, VsaFixture.RESOURCE,
                List.of("SLSA_SOURCE_LEVEL_1"));
        assertFails(bare(Encoding.DER), trust(), source, Check.VSA_LEVELS);
    }

    @Test
    void aMissingNamedLevelFailsTheLevels() throws Exception {
        VsaExpectations fedramp = new VsaExpectations(expectations().subjectDigests(), VsaFixture.VERIFIER, VsaFixture.RESOURCE,
                List.of("FEDRAMP_LOW"));
        assertFails(bare(Encoding.DER), trust(), fedramp, Check.VSA_LEVELS);
        assertFails(changed(s -> ((ObjectNode) s.get("predicate")).remove("verifiedLevels")), Check.VSA_LEVELS);
    }

    @Test
    void aMalformedSlsaLevelInTheVsaFailsTheLevels() throws Exception {
        assertFails(changed(s -> ((ObjectNode) s.get("predicate")).putArray("verifiedLevels").add("SLSA_BUILD_LEVEL_THREE").add("BCID_L1")),
                Check.VSA_LEVELS);
    }

    @Test
    void aMalformedDemandIsRefusedBeforeAnyEvidence() {
        assertThatThrownBy(() -> new VsaExpectations(expectations().subjectDigests(), VsaFixture.VERIFIER, VsaFixture.RESOURCE,
                List.of("SLSA_BUILD_L2"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubjectDigest.parse("8970095005306000053")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VsaExpectations(List.of(), VsaFixture.VERIFIER, VsaFixture.RESOURCE, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDuplicateMemberInTheStatementIsRefused() throws Exception {
        String json = new String(JsonCodec.write(statement()), StandardCharsets.UTF_8)
                .replace("\"resourceUri\":", "\"resourceUri\":\"pkg:maven/dev.example/evil@1.0\",\"resourceUri\":");
        assertThat(json).contains("evil");
        byte[] doc = envelope("application/vnd.in-toto+json", utf8(json), Encoding.DER, List.of(key.getPrivate()),
                Arrays.asList((String) null)).toJson();
        assertFails(doc, Check.STATEMENT);
    }

    @Test
    void aDuplicateMemberInTheEnvelopeIsRefused() throws Exception {
        String json = new String(bare(Encoding.DER), StandardCharsets.UTF_8).replace("\"payloadType\":", "\"payloadType\":\"text/plain\",\"payloadType\":");
        assertFails(utf8(json), Check.BUNDLE_FORMAT);
    }

    @Test
    void aPredicateMemberOfAnotherTypeIsRefused() throws Exception {
        assertFails(changed(s -> ((ObjectNode) s.get("predicate")).put("verifiedLevels", "SLSA_BUILD_LEVEL_3")), Check.STATEMENT);
        assertFails(changed(s -> ((ObjectNode) s.get("predicate")).putObject("verifier").put("id", 7)), Check.STATEMENT);
        assertFails(changed(s -> ((ObjectNode) s.get("predicate")).put("resourceUri", 1)), Check.STATEMENT);
    }

    @Test
    void aDocumentThatIsNoJsonIsMalformed() {
        assertFails(utf8("{\"payload\":"), Check.BUNDLE_FORMAT);
        assertFails(utf8("[]"), Check.BUNDLE_FORMAT);
    }
}
