package dev.provenant.verifier.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.identity.CertificateIdentity;
import dev.provenant.verifier.identity.FulcioExtension;
import dev.provenant.verifier.identity.SubjectAlternativeName;
import dev.provenant.verifier.provenance.ProvenanceExpectations;
import dev.provenant.verifier.provenance.TrustedBuilders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NpmPackageVerifier} on attestations made here with generated keys: a "registry" key signs the
 * publish attestation, another key the provenance, whose bundle verification is then given the GitHub
 * Actions certificate identity each case needs (as {@code ProvenanceVerifierTest} does). Each check is
 * failed alone by a document that differs from a passing one in that one respect.
 */
class NpmPackageVerifierTest {
    static final String KEY_ID = "SHA256:test-registry-key";
    static final String NAME = "@acme/widget";
    static final String VERSION = "1.2.3";
    static final String PURL = "pkg:npm/%40acme/widget@1.2.3";
    static final String REPO = "https://github.com/acme/widget";
    static final String REF = "refs/tags/v1.2.3";
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    static final String WORKFLOW = REPO + "/.github/workflows/publish.yml@" + REF;
    static final String GEN = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/";
    static final String DELEGATOR = GEN + "delegator_lowperms-generic_slsa3.yml@refs/tags/v2.1.0";
    static final String NODEJS = GEN + "builder_nodejs_slsa3.yml";

    @TempDir
    Path dir;

    KeyPair registry;
    KeyPair other;
    KeyPair builder;
    Path tarball;
    String sha512;
    NpmRegistryKeys keys;
    final BundleVerifier bundles = new BundleVerifier(new ArtifactDigester(), () -> null, Clock.systemUTC());

    static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static String keysJson(String keyId, String usage, KeyPair key, String start, String end) {
        return "{\"keys\": [{\"keyId\": \"" + keyId + "\", \"keyUsage\": \"" + usage + "\", \"publicKey\": {\"rawBytes\": \""
                + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()) + "\", \"keyDetails\": \"PKIX_ECDSA_P256_SHA_256\","
                + " \"validFor\": {\"start\": \"" + start + "\"" + (end == null ? "" : ", \"end\": \"" + end + "\"") + "}}}]}";
    }

    @BeforeEach
    void setUp() throws Exception {
        registry = ec();
        other = ec();
        builder = ec();
        tarball = Files.writeString(dir.resolve("widget-1.2.3.tgz"), "a tarball " + System.nanoTime());
        sha512 = new ArtifactDigester().digest(tarball, DigestAlgorithm.SHA512).hex();
        keys = NpmRegistryKeys.parse(keysJson(KEY_ID, "npm:attestations", registry, "2022-12-01T00:00:00.000Z", null)
                .getBytes(StandardCharsets.UTF_8), "keys.json");
    }

    static Bundle signed(Statement statement, KeyPair key, String hint, String sigKeyId) throws Exception {
        byte[] payload = JsonCodec.write(statement);
        Envelope unsigned = Envelope.of(Statement.PAYLOAD_TYPE, payload, List.of(new EnvelopeSignature(null, "AA==")));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key.getPrivate());
        s.update(unsigned.pae());
        Envelope envelope = Envelope.of(Statement.PAYLOAD_TYPE, payload,
                List.of(new EnvelopeSignature(sigKeyId, Base64.getEncoder().encodeToString(s.sign()))));
        return Bundle.ofEnvelope(VerificationMaterial.ofPublicKey(hint), envelope);
    }

    Statement publishStatement(String purl, String digest, String name, String version) {
        ObjectNode predicate = JsonCodec.mapper().createObjectNode().put("name", name).put("version", version)
                .put("registry", "https://registry.example.test");
        return Statement.of(List.of(new ResourceDescriptor(purl, null, Map.of("sha512", digest), null, null, null, null)),
                NpmAttestations.PUBLISH_PREFIX + "v0.1", predicate);
    }

    /** npm CLI v1 provenance as npm publish --provenance writes it, edited by {@code edit}. */
    Statement provenanceStatement(String purl, String digest, String builderId, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode predicate = (ObjectNode) JsonCodec.mapper().readTree(("{\"buildDefinition\": {\"buildType\":"
                + " \"https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1\", \"externalParameters\": {\"workflow\":"
                + " {\"ref\": \"" + REF + "\", \"repository\": \"" + REPO + "\", \"path\": \".github/workflows/publish.yml\"}},"
                + " \"resolvedDependencies\": [{\"uri\": \"git+" + REPO + "@" + REF + "\", \"digest\": {\"gitCommit\": \"" + SHA + "\"}}]},"
                + " \"runDetails\": {\"builder\": {\"id\": \"" + builderId + "\"}}}").getBytes(StandardCharsets.UTF_8));
        edit.accept(predicate);
        return Statement.of(List.of(new ResourceDescriptor(purl, null, Map.of("sha512", digest), null, null, null, null)),
                "https://slsa.dev/provenance/v1", predicate);
    }

    static byte[] document(Bundle... bundles) throws Exception {
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        ArrayNode list = root.putArray("attestations");
        for (Bundle b : bundles) {
            JsonNode json = JsonCodec.mapper().readTree(b.toJson());
            String payload = new String(b.dsseEnvelope().payloadBytes(), StandardCharsets.UTF_8);
            String type = JsonCodec.mapper().readTree(payload).path("predicateType").asText();
            list.addObject().put("predicateType", type).set("bundle", json);
        }
        return JsonCodec.write(root);
    }

    static CertificateIdentity github(String signer, String runner, String repository) {
        Map<FulcioExtension, String> ext = new HashMap<>();
        ext.put(FulcioExtension.ISSUER, TrustedBuilders.GITHUB_ISSUER);
        ext.put(FulcioExtension.BUILD_SIGNER_URI, signer);
        ext.put(FulcioExtension.SOURCE_REPOSITORY_URI, repository);
        ext.put(FulcioExtension.SOURCE_REPOSITORY_REF, REF);
        ext.put(FulcioExtension.SOURCE_REPOSITORY_DIGEST, SHA);
        if (runner != null) {
            ext.put(FulcioExtension.RUNNER_ENVIRONMENT, runner);
        }
        return new CertificateIdentity(List.of(new SubjectAlternativeName(SubjectAlternativeName.Kind.URI, signer)), ext);
    }

    static NpmPackageExpectations expect(String builderId, String name, String version) {
        return expect("github.com/acme/widget", builderId, name, version);
    }

    static NpmPackageExpectations expect(String source, String builderId, String name, String version) {
        return new NpmPackageExpectations(ProvenanceExpectations.of(source, builderId, null, null, Map.of()),
                Optional.ofNullable(name), Optional.ofNullable(version));
    }

    NpmPackageVerifier verifier() {
        return new NpmPackageVerifier(bundles, keys, TrustedBuilders.builtIn(), new SignerTrust.Key(builder.getPublic()), false);
    }

    /** The document's provenance verified with the builder's key, then held to {@code identity} as if Fulcio had certified it. */
    VerifiedNpmPackage verifyAs(byte[] document, CertificateIdentity identity, NpmPackageExpectations expected) throws Exception {
        NpmAttestations attestations = NpmAttestations.parse(document);
        Artifact artifact = new Artifact.FileArtifact(tarball);
        VerificationResult r = bundles.verify(attestations.provenance(), List.of(artifact),
                VerificationPolicy.ofKey(builder.getPublic()).requiringStatement());
        VerificationResult certified = new VerificationResult(r.bundleVersion(), r.content(), r.algorithm(), r.keyFingerprint(),
                Optional.of(new VerificationResult.CertifiedSigner(identity, "test CA", 1)), r.artifacts(), r.statement(),
                r.tlogEntries(), r.timestamps(), r.checks());
        return verifier().checkVerified(attestations, certified, artifact, expected);
    }

    Bundle publish() throws Exception {
        return signed(publishStatement(PURL, sha512, NAME, VERSION), registry, KEY_ID, KEY_ID);
    }

    Bundle provenance(String builderId) throws Exception {
        return signed(provenanceStatement(PURL, sha512, builderId, p -> {}), builder, "", null);
    }

    byte[] npmCli() throws Exception {
        return document(publish(), provenance(NpmPackageVerifier.HOSTED_RUNNER));
    }

    static void fails(Check check, String says, ThrowingRunnable run) {
        assertThatThrownBy(run::run).isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).check()).as(e.getMessage()).isEqualTo(check))
                .hasMessageContaining(says);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static final CertificateIdentity HOSTED = github(WORKFLOW, "github-hosted", REPO);

    @Test
    void anNpmCliPackagePassesWithEveryExpectation() throws Exception {
        VerifiedNpmPackage v = verifyAs(npmCli(), HOSTED, expect(NpmPackageVerifier.HOSTED_RUNNER, NAME, VERSION));
        assertThat(v.id()).isEqualTo(new NpmPackageId(NAME, VERSION));
        assertThat(v.tarball().hex()).isEqualTo(sha512);
        assertThat(v.builder()).isEqualTo(NpmPackageVerifier.HOSTED_RUNNER);
        assertThat(v.registryKey().keyId()).isEqualTo(KEY_ID);
        assertThat(v.checked()).anyMatch(l -> l.contains("registry key " + KEY_ID)).anyMatch(l -> l.contains("GitHub-hosted"));
        // name and version are optional, as in slsa-verifier
        verifyAs(npmCli(), HOSTED, expect(NpmPackageVerifier.HOSTED_RUNNER, null, null));
        // the whole path, with the key-signed provenance the library accepts
        VerifiedNpmPackage keyed = verifier().verify(npmCli(), new Artifact.FileArtifact(tarball),
                expect(NpmPackageVerifier.HOSTED_RUNNER, NAME, VERSION));
        assertThat(keyed.id().purl()).isEqualTo(PURL);
    }

    @Test
    void aWrongPackageNameFails() throws Exception {
        fails(Check.NPM_PACKAGE, "package name is @acme/widget, expected @acme/widgets",
                () -> verifyAs(npmCli(), HOSTED, expect(NpmPackageVerifier.HOSTED_RUNNER, NAME + "s", VERSION)));
    }

    @Test
    void aWrongVersionFails() throws Exception {
        fails(Check.NPM_PACKAGE, "package version is 1.2.3, expected 1.2.4",
                () -> verifyAs(npmCli(), HOSTED, expect(NpmPackageVerifier.HOSTED_RUNNER, NAME, "1.2.4")));
    }

    @Test
    void anotherTarballFails() throws Exception {
        byte[] document = npmCli();
        Files.writeString(tarball, "another tarball");
        fails(Check.SUBJECT_DIGEST, "is not a subject", () -> verifyAs(document, HOSTED, expect(NpmPackageVerifier.HOSTED_RUNNER,
                NAME, VERSION)));
        // and through the publish attestation alone: a provenance for the new tarball, the old publish attestation
        String newSha = new ArtifactDigester().digest(tarball, DigestAlgorithm.SHA512).hex();
        byte[] mixed = document(publish(), signed(provenanceStatement(PURL, newSha, NpmPackageVerifier.HOSTED_RUNNER, p -> {}),
                builder, "", null));
        fails(Check.SUBJECT_DIGEST, "is not a subject", () -> verifyAs(mixed, HOSTED, expect(NpmPackageVerifier.HOSTED_RUNNER, NAME,
                VERSION)));
    }

    @Test
    void aPublishAttestationSignedByAnotherKeyFails() throws Exception {
        Bundle forged = signed(publishStatement(PURL, sha512, NAME, VERSION), other, KEY_ID, KEY_ID);
        fails(Check.SIGNATURE, "does not verify", () -> verifyAs(document(forged, provenance(NpmPackageVerifier.HOSTED_RUNNER)), HOSTED,
                expect(NpmPackageVerifier.HOSTED_RUNNER, NAME, VERSION)));
    }

    @Test
    void anUnknownKeyIdFails() throws Exception {
        Bundle unknown = signed(publishStatement(PURL, sha512, NAME, VERSION), registry, "SHA256:unknown", null);
        fails(Check.NPM_REGISTRY_KEY, "SHA256:unknown", () -> verifyAs(document(unknown, provenance(NpmPackageVerifier.HOSTED_RUNNER)),
                HOSTED, expect(NpmPackageVerifier.HOSTED_RUNNER, NAME, VERSION)));
        // a key of the right id but for the packuments' signatures is not an attestation key
        keys = NpmRegistryKeys.parse(keysJson(KEY_ID, "npm:signatures", registry, "2022-12-01T00:00:00Z", null)
                .getBytes(StandardCharsets.UTF_8), "keys.json");
        fails(Check.NPM_REGISTRY_KEY, "not an npm:attestations key", () -> verifyAs(npmCli(), HOSTED,
                expect(NpmPackageVerifier.HOSTED_RUNNER, NAME, VERSION)));
    }

    @Test
    void aSignatureNamingAnotherKeyIdThanItsBundleFails() throws Exception {
        Bundle mismatched = signed(publishStatement(PURL, sha512, NAME, VERSION), registry, KEY_ID, "SHA256:other");
        fails(Check.NPM_REGISTRY_KEY, "signature names key id SHA256:other", () -> verifyAs(document(mismatched,
                provenance(NpmPackageVerifier.HOSTED_RUNNER)), HOSTED, expect(NpmPackageVerifier.HOSTED_RUNNER, NAME, VERSION)));
    }

    @Test
    void aPublishAttestationWithoutAKeyHintFails() throws Exception {
        Bundle noHint = signed(publishStatement(PURL, sha512, NAME, VERSION), registry, "", null);
        fails(Check.NPM_REGISTRY_KEY, "no publicKey hint", () -> verifyAs(document(noHint, provenance(NpmPackageVerifier.HOSTED_RUNNER)),
                HOSTED, expect(NpmPackageVerifier.HOSTED_RUNNER, NAME, VERSION)));
    }

    @Test
    void provenanceFromAWorkflowThatIsNeitherTrustedNorNpmsRunnerFails() throws Exception {
        String own = REPO + "/.github/workflows/publish.yml";
        fails(Check.PROVENANCE_BUILDER, "is not npm's GitHub runner builder", () -> verifyAs(npmCli(), HOSTED, expect(own, NAME, VERSION)));
        fails(Check.PROVENANCE_BUILDER, "is not npm's GitHub runner builder",
                () -> verifyAs(npmCli(), HOSTED, expect(NpmPackageVerifier.HOSTED_RUNNER + "2", NAME, VERSION)));
        // a look-alike of the trusted delegator in another repository is just another workflow
        String fork = DELEGATOR.replace("slsa-framework/", "evil/");
        fails(Check.PROVENANCE_BUILDER, "is not npm's GitHub runner builder", () -> verifyAs(document(publish(),
                provenance(NODEJS + "@refs/tags/v2.1.0")), github(fork, "github-hosted", REPO), expect(NODEJS, NAME, VERSION)));
    }

    @Test
    void noBuilderIdFailsAndNamesTheBuilder() throws Exception {
        fails(Check.PROVENANCE_BUILDER, "--builder-id " + NpmPackageVerifier.HOSTED_RUNNER,
                () -> verifyAs(npmCli(), HOSTED, expect(null, NAME, VERSION)));
    }

    @Test
    void theRunnerMustBeTheOneTheCertificateCertifies() throws Exception {
        fails(Check.PROVENANCE_BUILDER, "certifies a self-hosted one", () -> verifyAs(npmCli(), github(WORKFLOW, "self-hosted", REPO),
                expect(NpmPackageVerifier.HOSTED_RUNNER, NAME, VERSION)));
        fails(Check.PROVENANCE_SIGNER, "GitHub-hosted or self-hosted", () -> verifyAs(npmCli(), github(WORKFLOW, null, REPO),
                expect(NpmPackageVerifier.HOSTED_RUNNER, NAME, VERSION)));
        byte[] selfHosted = document(publish(), provenance(NpmPackageVerifier.SELF_HOSTED_RUNNER));
        verifyAs(selfHosted, github(WORKFLOW, "self-hosted", REPO), expect(NpmPackageVerifier.SELF_HOSTED_RUNNER, NAME, VERSION));
        fails(Check.PROVENANCE_BUILDER, "builder.id is", () -> verifyAs(selfHosted, github(WORKFLOW, "self-hosted", REPO),
                expect(NpmPackageVerifier.HOSTED_RUNNER, NAME, VERSION)));
    }

    @Test
    void theShortRunnerIdIsOnlyThatOfV02Provenance() throws Exception {
        fails(Check.PROVENANCE_BUILDER, "only that of v0.2", () -> verifyAs(npmCli(), HOSTED,
                expect(NpmPackageVerifier.LEGACY_RUNNER, NAME, VERSION)));
    }

    @Test
    void theCertifiedRepositoryMustBeTheProvenancesSource() throws Exception {
        fails(Check.PROVENANCE_SIGNER, "is not the repository the certificate certifies", () -> verifyAs(npmCli(),
                github(WORKFLOW, "github-hosted", "https://github.com/acme/other"), expect(NpmPackageVerifier.HOSTED_RUNNER, NAME, VERSION)));
        fails(Check.PROVENANCE_SOURCE, "expected https://github.com/acme/other", () -> verifyAs(npmCli(), HOSTED,
                expect("github.com/acme/other", NpmPackageVerifier.HOSTED_RUNNER, NAME, VERSION)));
    }

    @Test
    void aTrustedDelegatorSignsForTheNamedBuilder() throws Exception {
        byte[] ossf = document(publish(), provenance(NODEJS + "@refs/tags/v2.1.0"));
        CertificateIdentity delegator = github(DELEGATOR, "github-hosted", REPO);
        VerifiedNpmPackage v = verifyAs(ossf, delegator, expect(NODEJS, NAME, VERSION));
        assertThat(v.provenance().checked()).anyMatch(l -> l.contains("trusted delegator"));
        fails(Check.PROVENANCE_BUILDER, "expected", () -> verifyAs(ossf, delegator, expect(GEN + "builder_nodejs_slsa.yml", NAME, VERSION)));
        fails(Check.PROVENANCE_BUILDER, "--builder-id " + NODEJS, () -> verifyAs(ossf, delegator, expect(null, NAME, VERSION)));
        fails(Check.PROVENANCE_SIGNER, "self-hosted runner", () -> verifyAs(ossf, github(DELEGATOR, "self-hosted", REPO),
                expect(NODEJS, NAME, VERSION)));
    }

    @Test
    void missingOneOfTheTwoAttestationsFails() throws Exception {
        fails(Check.NPM_ATTESTATIONS, "no SLSA provenance", () -> NpmAttestations.parse(document(publish())));
        fails(Check.NPM_ATTESTATIONS, "no publish attestation", () -> NpmAttestations.parse(document(
                provenance(NpmPackageVerifier.HOSTED_RUNNER))));
        fails(Check.NPM_ATTESTATIONS, "\"attestations\" array", () -> NpmAttestations.parse("{}".getBytes(StandardCharsets.UTF_8)));
        fails(Check.NPM_ATTESTATIONS, "npm attestations", () -> NpmAttestations.parse("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void duplicatedAttestationsFail() throws Exception {
        fails(Check.NPM_ATTESTATIONS, "more than one publish attestation", () -> NpmAttestations.parse(document(publish(), publish(),
                provenance(NpmPackageVerifier.HOSTED_RUNNER))));
        fails(Check.NPM_ATTESTATIONS, "more than one SLSA provenance", () -> NpmAttestations.parse(document(publish(),
                provenance(NpmPackageVerifier.HOSTED_RUNNER), provenance(NpmPackageVerifier.HOSTED_RUNNER))));
    }

    @Test
    void theDocumentsPredicateTypeDoesNotStandInForTheSignedOne() throws Exception {
        // a provenance listed as the publish attestation: the registry key never signed a publish statement
        Statement provenanceByRegistry = provenanceStatement(PURL, sha512, NpmPackageVerifier.HOSTED_RUNNER, p -> {});
        Bundle disguised = signed(provenanceByRegistry, registry, KEY_ID, KEY_ID);
        ObjectNode root = (ObjectNode) JsonCodec.mapper().readTree(document(disguised, provenance(NpmPackageVerifier.HOSTED_RUNNER)));
        ((ObjectNode) root.path("attestations").get(0)).put("predicateType", NpmAttestations.PUBLISH_PREFIX + "v0.1");
        fails(Check.PREDICATE_TYPE, "not an npm publish attestation", () -> verifyAs(JsonCodec.write(root), HOSTED,
                expect(NpmPackageVerifier.HOSTED_RUNNER, NAME, VERSION)));
    }

    @Test
    void bothAttestationsMustNameTheSamePackage() throws Exception {
        Bundle otherPackage = signed(publishStatement("pkg:npm/%40acme/gadget@1.2.3", sha512, "@acme/gadget", VERSION), registry, KEY_ID,
                KEY_ID);
        fails(Check.NPM_PACKAGE, "the publish attestation about @acme/gadget@1.2.3", () -> verifyAs(document(otherPackage,
                provenance(NpmPackageVerifier.HOSTED_RUNNER)), HOSTED, expect(NpmPackageVerifier.HOSTED_RUNNER, null, null)));
        Bundle predicateDiffers = signed(publishStatement(PURL, sha512, NAME, "9.9.9"), registry, KEY_ID, KEY_ID);
        fails(Check.NPM_PACKAGE, "predicate names @acme/widget@9.9.9", () -> verifyAs(document(predicateDiffers,
                provenance(NpmPackageVerifier.HOSTED_RUNNER)), HOSTED, expect(NpmPackageVerifier.HOSTED_RUNNER, null, null)));
        Bundle notAPurl = signed(publishStatement("widget-1.2.3.tgz", sha512, NAME, VERSION), registry, KEY_ID, KEY_ID);
        fails(Check.NPM_PACKAGE, "not an npm package URL", () -> verifyAs(document(notAPurl, provenance(NpmPackageVerifier.HOSTED_RUNNER)),
                HOSTED, expect(NpmPackageVerifier.HOSTED_RUNNER, null, null)));
    }

    @Nested
    class RegistryKeys {
        @Test
        void theShippedKeysHoldNpmsAttestationKeys() {
            NpmRegistryKeys shipped = NpmRegistryKeys.builtIn();
            NpmRegistryKeys.Key old = shipped.find("SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA", "npm:attestations").orElseThrow();
            assertThat(old.end()).isPresent();
            assertThat(old.validAt(java.time.Instant.parse("2023-05-16T17:33:01Z"))).isTrue();
            assertThat(old.validAt(java.time.Instant.parse("2025-01-29T00:00:00Z"))).isFalse();
            assertThat(old.validAt(java.time.Instant.parse("2022-11-30T23:59:59Z"))).isFalse();
            assertThat(shipped.find("SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U", "npm:attestations").orElseThrow().end()).isEmpty();
        }

        @Test
        void aMalformedKeysFileIsRefused() {
            assertThatThrownBy(() -> NpmRegistryKeys.parse("{\"keys\": {}}".getBytes(StandardCharsets.UTF_8), "k.json"))
                    .hasMessageContaining("\"keys\" array");
            assertThatThrownBy(() -> NpmRegistryKeys.parse(keysJson(KEY_ID, "npm:attestations", registry, "yesterday", null)
                    .getBytes(StandardCharsets.UTF_8), "k.json")).hasMessageContaining("RFC 3339");
            assertThatThrownBy(() -> NpmRegistryKeys.parse(("{\"keys\": [{\"keyId\": \"x\", \"keyUsage\": \"npm:attestations\","
                    + " \"publicKey\": {\"rawBytes\": \"bm90IGEga2V5\", \"validFor\": {\"start\": \"2022-01-01T00:00:00Z\"}}}]}")
                    .getBytes(StandardCharsets.UTF_8), "k.json")).isInstanceOf(dev.provenant.attest.FormatException.class);
        }
    }

    @Test
    void packageUrlsAreReadAsNpmWritesThem() {
        assertThat(NpmPackageId.fromPurl("pkg:npm/%40scope/name@1.0.0")).isEqualTo(new NpmPackageId("@scope/name", "1.0.0"));
        assertThat(NpmPackageId.fromPurl("pkg:npm/name@1.0.0-rc.1")).isEqualTo(new NpmPackageId("name", "1.0.0-rc.1"));
        assertThat(new NpmPackageId("@scope/name", "1.0.0").purl()).isEqualTo("pkg:npm/%40scope/name@1.0.0");
        // decoded by code point: a character outside the BMP, literal or escaped, stays itself
        assertThat(NpmPackageId.fromPurl("pkg:npm/na\uD83D\uDE00me@1").name()).isEqualTo("na\uD83D\uDE00me");
        assertThat(NpmPackageId.fromPurl("pkg:npm/na%F0%9F%98%80me@1").name()).isEqualTo("na\uD83D\uDE00me");
        assertThatThrownBy(() -> NpmPackageId.fromPurl("pkg:npm/na%F0me@1")).hasMessageContaining("not UTF-8");
        for (String bad : new String[] {"pkg:maven/a/b@1", "pkg:npm/name", "pkg:npm/@scope@1", "pkg:npm/name@", "pkg:npm/na%4me@1",
            "pkg:npm/name@1?repository_url=https://evil.example", "pkg:npm/a@b@1"}) {
            assertThatThrownBy(() -> NpmPackageId.fromPurl(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
