package dev.provenant.supplychain.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.supplychain.Coordinates;
import dev.provenant.supplychain.lock.LockedSigner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check fails a component that passes every other. */
class CatalogCheckTest {
    static final DeclaredLicense APACHE = new DeclaredLicense("The Apache Software License, Version 2.0", "");
    static final LockedSigner SIGSTORE = new LockedSigner("https://github.com/sigstore/x.yaml@refs/tags/v1.3.0",
            Optional.of("https://issuer.example"));

    static ComponentFacts facts(String g, String a, String v, String repo, LockedSigner signer, DeclaredLicense... licenses) {
        return new ComponentFacts(new Coordinates(g, a, v, "", "jar"), Optional.ofNullable(repo), Optional.ofNullable(signer),
                List.of(licenses), Optional.empty());
    }

    static CatalogCheck check(Path dir) throws Exception {
        DependencyCatalog catalog = DependencyCatalogTest.parse(DependencyCatalogTest.CATALOG);
        OsvDatabase osv = OsvDatabase.read(OsvDatabaseTest.folder(dir.resolve("osv"), Map.of("GHSA-guava.json",
                OsvDatabaseTest.record("GHSA-guava", "com.google.guava:guava", "{\"introduced\": \"33.1\"}, {\"fixed\": \"33.2\"}", ""))), null);
        return new CatalogCheck(catalog, osv);
    }

    static List<CatalogFinding> judge(Path dir, ComponentFacts f) throws Exception {
        return check(dir).check(f);
    }

    @Test
    void anApprovedComponentPassesEveryCheck(@TempDir Path dir) throws Exception {
        assertThat(judge(dir, facts("com.google.guava", "guava", "33.3.0-jre", "central", null, APACHE))).isEmpty();
        assertThat(judge(dir, facts("dev.sigstore", "sigstore-java", "1.3.0", null, SIGSTORE, new DeclaredLicense("", "https://opensource.org/licenses/MIT"))))
                .isEmpty();
        assertThat(judge(dir, facts("com.acme", "tool", "2.1.0", null, null, new DeclaredLicense("Acme Corporate License", "")))).isEmpty();
    }

    @Test
    void aComponentNotInTheCatalogIsUnapproved(@TempDir Path dir) throws Exception {
        List<CatalogFinding> f = judge(dir, facts("org.unknown", "lib", "1.0", "central", null, APACHE));
        assertThat(f).extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.UNAPPROVED);
        assertThat(f.get(0).describe()).isEqualTo("org.unknown:lib:jar:1.0: unapproved: org.unknown:lib is not in the catalog"
                + " (have it reviewed and added, or remove the dependency) [no entry]");
    }

    @Test
    void aVersionOutsideTheEntryIsUnapproved(@TempDir Path dir) throws Exception {
        List<CatalogFinding> f = judge(dir, facts("com.google.guava", "guava", "31.1-jre", "central", null, APACHE));
        assertThat(f).extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.UNAPPROVED);
        assertThat(f.get(0).entry()).isEqualTo("components[0] (com.google.guava:guava [32.0,34))");
    }

    @Test
    void anotherRepositoryIsTheWrongOrigin(@TempDir Path dir) throws Exception {
        assertThat(judge(dir, facts("com.google.guava", "guava", "33.3.0-jre", "mirror", null, APACHE)))
                .extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.WRONG_ORIGIN);
        assertThat(judge(dir, facts("com.google.guava", "guava", "33.3.0-jre", null, null, APACHE)))
                .extracting(CatalogFinding::reason).containsExactly(
                        "resolved from no remote repository (only the local one), the catalog approves it from repository 'central'");
    }

    @Test
    void anUnsignedOrOtherwiseSignedComponentHasTheWrongSigner(@TempDir Path dir) throws Exception {
        DeclaredLicense mit = new DeclaredLicense("MIT", "");
        assertThat(judge(dir, facts("dev.sigstore", "sigstore-java", "1.3.0", null, null, mit)))
                .extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.WRONG_SIGNER);
        assertThat(judge(dir, facts("dev.sigstore", "sigstore-java", "1.3.0", null,
                new LockedSigner(SIGSTORE.identity(), Optional.of("https://other.example")), mit)))
                .extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.WRONG_SIGNER);
    }

    @Test
    void aDeprecatedComponentFailsNamingItsReplacement(@TempDir Path dir) throws Exception {
        List<CatalogFinding> f = judge(dir, facts("com.google.guava", "guava", "32.1.3-jre", "central", null, APACHE));
        assertThat(f).extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.DEPRECATED);
        assertThat(f.get(0).reason()).isEqualTo("deprecated: replace it with com.google.guava:guava:33.0.0-jre");
        assertThat(f.get(0).entry()).isEqualTo("deprecated[1] (com.google.guava:guava [32.0,33))");
    }

    @Test
    void aVersionAnOsvRecordCoversIsVulnerable(@TempDir Path dir) throws Exception {
        List<CatalogFinding> f = judge(dir, facts("com.google.guava", "guava", "33.1.0-jre", "central", null, APACHE));
        assertThat(f).extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.VULNERABLE);
        assertThat(f.get(0).entry()).startsWith("OSV GHSA-guava in ").endsWith("GHSA-guava.json");
        assertThat(f.get(0).reason()).contains("fixed in 33.2");
    }

    @Test
    void aLicenseNotAllowedUnknownOrMissingFails(@TempDir Path dir) throws Exception {
        List<CatalogFinding> gpl = judge(dir, facts("com.google.guava", "guava", "33.3.0-jre", "central", null,
                new DeclaredLicense("Eclipse Public License 2.0", "")));
        assertThat(gpl).extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.LICENSE);
        assertThat(gpl.get(0).reason()).isEqualTo("license EPL-2.0 ('Eclipse Public License 2.0') is not allowed");
        assertThat(judge(dir, facts("com.google.guava", "guava", "33.3.0-jre", "central", null, APACHE,
                new DeclaredLicense("Some Licence", "")))).extracting(CatalogFinding::reason)
                .containsExactly("license 'Some Licence' has no known SPDX identifier (map its name or URL in the catalog's licenseNames)");
        assertThat(judge(dir, facts("com.google.guava", "guava", "33.3.0-jre", "central", null)))
                .extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.LICENSE);
        assertThat(check(dir).check(new ComponentFacts(new Coordinates("com.google.guava", "guava", "33.3.0-jre", "", "jar"),
                Optional.of("central"), Optional.empty(), List.of(), Optional.of("its POM is not at hand"))))
                .extracting(CatalogFinding::reason).containsExactly("its licenses are unknown: its POM is not at hand");
        // an entry's own licenses are accepted for that entry only
        assertThat(judge(dir, facts("com.google.guava", "guava", "33.3.0-jre", "central", null, new DeclaredLicense("Acme Corporate License", ""))))
                .extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.LICENSE);
    }

    @Test
    void coordinatesAloneAreJudgedByApprovalDeprecationAndVulnerabilities(@TempDir Path dir) throws Exception {
        CatalogCheck check = check(dir);
        // approved from any repository and unsigned: only the build, with its POMs and bundles, checks those
        assertThat(check.checkCoordinates(new Coordinates("dev.sigstore", "sigstore-java", "1.3.0", "", "jar"))).isEmpty();
        assertThat(check.checkCoordinates(new Coordinates("com.google.guava", "guava", "33.3.0-jre", "", "jar"))).isEmpty();
        assertThat(check.checkCoordinates(new Coordinates("org.unknown", "lib", "1.0", "", "jar")))
                .extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.UNAPPROVED);
        assertThat(check.checkCoordinates(new Coordinates("com.google.guava", "guava", "31.0", "", "jar")))
                .extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.UNAPPROVED);
        assertThat(check.checkCoordinates(new Coordinates("com.google.guava", "guava", "32.1", "", "jar")))
                .extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.DEPRECATED);
        assertThat(check.checkCoordinates(new Coordinates("com.google.guava", "guava", "33.1.1", "", "jar")))
                .extracting(CatalogFinding::kind).containsExactly(CatalogFinding.Kind.VULNERABLE);
    }
}
