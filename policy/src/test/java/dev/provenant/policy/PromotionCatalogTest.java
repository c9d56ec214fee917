package dev.provenant.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeySigner;
import dev.provenant.signer.file.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage naming the signed dependency catalog (dependencies.catalog-file): the rule
 * EVIDENCE.dependencies.approved passes on approved dependencies and fails alone on an unapproved, deprecated or
 * vulnerable one, and on a catalog changed after signing.
 */
class PromotionCatalogTest {
    static final String CATALOG = """
            {"catalogVersion": 1, "licenses": ["Apache-2.0"],
             "components": [
               {"component": "com.fasterxml.jackson.core:jackson-databind", "versions": ["[2.22,3)"]},
               {"component": "org.apache.logging.log4j:*", "versions": ["[2.17,)"]},
               {"component": "commons-lang:commons-lang", "versions": ["2.6"]}
             ],
             "deprecated": [{"component": "commons-lang:commons-lang", "replacement": "org.apache.commons:commons-lang3"}]}
            """;
    static final String OSV = """
            {"id": "TEST-LOG4J-0001", "summary": "made up for this test",
             "affected": [{"package": {"ecosystem": "Maven", "name": "org.apache.logging.log4j:log4j-core"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.25"}, {"fixed": "2.25.3"}]}]}]}
            """;

    @TempDir
    Path dir;

    Pipeline p;
    PromotionPolicy policy;
    FileKeySigner catalogKey;

    @BeforeEach
    void setUp() throws Exception {
        p = new Pipeline(dir);
        catalogKey = new FileKeySigner(KeyType.ECDSA_P256.generate(), "catalog key");
        Files.writeString(dir.resolve("keys/catalog.pub"), PemPublicKeys.toPem(catalogKey.publicKey()));
        Path catalog = Files.writeString(dir.resolve("catalog.json"), CATALOG);
        Files.write(dir.resolve("catalog.json.sigstore.json"), new BundleSigner(catalogKey, new ArtifactDigester()).signArtifact(catalog).toJson());
        Files.createDirectories(dir.resolve("osv"));
        Files.writeString(dir.resolve("osv/TEST-LOG4J-0001.json"), OSV);
        String text = Pipeline.policy().replace("              reason: CVE-2021-44228 (Log4Shell)\n",
                "              reason: CVE-2021-44228 (Log4Shell)\n"
                        + "          catalog-file:\n"
                        + "            path: catalog.json\n"
                        + "            signer:\n"
                        + "              public-key: keys/catalog.pub\n"
                        + "            osv: osv\n");
        assertThat(text).contains("catalog-file");
        policy = p.load(text);
    }

    PromotionVerdict withDependencies(List<dev.provenant.attest.intoto.ResourceDescriptor> dependencies) throws Exception {
        Statement provenance = p.provenance("refs/tags/v1.4.2", dependencies, Pipeline.BUILT, j -> {});
        return p.evaluate(policy, "build", p.sign(p.builder, provenance, "app.provenance.json"));
    }

    @Test
    void approvedDependenciesPassTheApprovedRule() throws Exception {
        PromotionVerdict verdict = withDependencies(Pipeline.goodDependencies());
        assertThat(verdict.passed()).as(verdict.rules().toString()).isTrue();
        RuleResult approved = verdict.rules().stream().filter(r -> r.rule().equals("provenance.dependencies.approved")).findFirst().orElseThrow();
        assertThat(approved.reason()).startsWith("2 Maven dependencies approved by catalog catalog.json (sha256:")
                .endsWith("; 1 other dependencies are not the catalog's to judge");
    }

    @Test
    void anUnapprovedDependencyFailsTheApprovedRuleAlone() throws Exception {
        PromotionGateTest.failsAlone(withDependencies(List.of(Pipeline.dependency("pkg:maven/com.acme/util@1.0", true))),
                "provenance.dependencies.approved", "com.acme:util:jar:1.0: unapproved: com.acme:util is not in the catalog");
        PromotionGateTest.failsAlone(withDependencies(List.of(Pipeline.dependency("pkg:maven/org.apache.logging.log4j/log4j-api@2.16.0", true))),
                "provenance.dependencies.approved", "version 2.16.0 is not approved (use an approved version, or have this one added) [components[1] (org.apache.logging.log4j:* [2.17,))]");
    }

    @Test
    void aDeprecatedDependencyFailsTheApprovedRuleAlone() throws Exception {
        PromotionGateTest.failsAlone(withDependencies(List.of(Pipeline.dependency("pkg:maven/commons-lang/commons-lang@2.6?type=jar", true))),
                "provenance.dependencies.approved", "deprecated: replace it with org.apache.commons:commons-lang3");
    }

    @Test
    void aVulnerableDependencyFailsTheApprovedRuleAlone() throws Exception {
        PromotionGateTest.failsAlone(withDependencies(List.of(Pipeline.dependency("pkg:maven/org.apache.logging.log4j/log4j-core@2.25.1", true))),
                "provenance.dependencies.approved", "vulnerable: known vulnerability TEST-LOG4J-0001: made up for this test; fixed in 2.25.3");
    }

    @Test
    void aCatalogChangedAfterSigningIsRefused() throws Exception {
        Files.writeString(dir.resolve("catalog.json"), CATALOG.replace("[2.17,)", "[0,)"));
        PromotionGateTest.failsAlone(withDependencies(Pipeline.goodDependencies()), "provenance.dependencies.approved",
                "catalog refused: artifact digest: catalog ");
    }

    @Test
    void aMalformedMavenPackageUrlIsNotApproved() throws Exception {
        PromotionGateTest.failsAlone(withDependencies(List.of(Pipeline.dependency("pkg:maven/no-version", true))),
                "provenance.dependencies.approved", "pkg:maven/no-version is not a pkg:maven/GROUP/ARTIFACT@VERSION package URL");
    }
}
