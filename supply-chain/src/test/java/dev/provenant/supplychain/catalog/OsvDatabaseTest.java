package dev.provenant.supplychain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.InputTooLargeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OSV records made here, in the form OSV publishes for the Maven ecosystem. */
class OsvDatabaseTest {
    /** An OSV record for one Maven package with one ECOSYSTEM range of the given events, and listed versions. */
    static String record(String id, String pkg, String events, String versions) {
        return """
                {"schema_version": "1.6.0", "id": "%s", "modified": "2026-01-02T03:04:05Z", "aliases": ["CVE-2026-0001"],
                 "summary": "remote code execution in %s", "database_specific": {"severity": "HIGH"},
                 "affected": [{"package": {"ecosystem": "Maven", "name": "%s", "purl": "pkg:maven/x/y"},
                               "ranges": [{"type": "ECOSYSTEM", "events": [%s]}],
                               "versions": [%s]}]}
                """.formatted(id, pkg, pkg, events, versions);
    }

    static Path folder(Path dir, Map<String, String> records) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> e : records.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        return dir;
    }

    static Path zip(Path file, Map<String, String> records) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : records.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return file;
    }

    static final Map<String, String> RECORDS = Map.of(
            "GHSA-aaaa-bbbb-cccc.json", record("GHSA-aaaa-bbbb-cccc", "org.example:lib",
                    "{\"introduced\": \"0\"}, {\"fixed\": \"2.3.1\"}, {\"introduced\": \"3.0\"}, {\"fixed\": \"3.0.2\"}", "\"2.0\""),
            "GHSA-dddd-eeee-ffff.json", record("GHSA-dddd-eeee-ffff", "org.example:other",
                    "{\"introduced\": \"1.5\"}, {\"last_affected\": \"1.7\"}", ""),
            "GHSA-withdrawn.json", "{\"id\": \"GHSA-withdrawn\", \"withdrawn\": \"2026-01-01T00:00:00Z\", \"affected\": [{\"package\":"
                    + " {\"ecosystem\": \"Maven\", \"name\": \"org.example:lib\"}, \"versions\": [\"9.9\"]}]}",
            "PYSEC-1.json", "{\"id\": \"PYSEC-1\", \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"org.example:lib\"},"
                    + " \"versions\": [\"5.0\"]}]}",
            "README.txt", "not a record");

    @Test
    void rangesAndListedVersionsAreComparedAsMavenComparesVersions(@TempDir Path dir) throws Exception {
        OsvDatabase db = OsvDatabase.read(folder(dir.resolve("osv"), RECORDS), null);
        assertThat(db.records()).isEqualTo(4);
        assertThat(db.vulnerabilities("org.example", "lib", "2.3")).extracting(OsvVulnerability::id).containsExactly("GHSA-aaaa-bbbb-cccc");
        assertThat(db.vulnerabilities("org.example", "lib", "2.3.0.9")).hasSize(1);
        assertThat(db.vulnerabilities("org.example", "lib", "2.3.1")).isEmpty();
        assertThat(db.vulnerabilities("org.example", "lib", "2.3.1.0")).isEmpty(); // Maven: 2.3.1.0 is 2.3.1
        assertThat(db.vulnerabilities("org.example", "lib", "2.9")).isEmpty();
        assertThat(db.vulnerabilities("org.example", "lib", "3.0.1")).hasSize(1);
        assertThat(db.vulnerabilities("org.example", "lib", "3.0.2")).isEmpty();
        assertThat(db.vulnerabilities("org.example", "other", "1.4")).isEmpty();
        assertThat(db.vulnerabilities("org.example", "other", "1.7")).hasSize(1);
        assertThat(db.vulnerabilities("org.example", "other", "1.7.1")).isEmpty();
        assertThat(db.vulnerabilities("org.example", "lib", "9.9")).as("withdrawn").isEmpty();
        assertThat(db.vulnerabilities("org.example", "lib", "5.0")).as("another ecosystem").isEmpty();
        assertThat(db.vulnerabilities("org.example", "lib", "2.3").get(0).describe())
                .isEqualTo("GHSA-aaaa-bbbb-cccc (CVE-2026-0001): remote code execution in org.example:lib; fixed in 2.3.1, 3.0.2");
    }

    @Test
    void aListedVersionAloneIsAffected(@TempDir Path dir) throws Exception {
        OsvDatabase db = OsvDatabase.read(folder(dir.resolve("osv"), Map.of("X.json",
                "{\"id\": \"X\", \"affected\": [{\"package\": {\"ecosystem\": \"Maven\", \"name\": \"org.example:lib\"},"
                        + " \"versions\": [\"4.1\"]}]}")), null);
        assertThat(db.vulnerabilities("org.example", "lib", "4.1")).hasSize(1);
        assertThat(db.vulnerabilities("org.example", "lib", "4.2")).isEmpty();
    }

    @Test
    void aZipAsOsvPublishesItReadsAsTheFolderDoes(@TempDir Path dir) throws Exception {
        OsvDatabase db = OsvDatabase.read(zip(dir.resolve("all.zip"), RECORDS), Set.of("org.example:lib"));
        assertThat(db.vulnerabilities("org.example", "lib", "2.0")).hasSize(1);
        assertThat(db.vulnerabilities("org.example", "other", "1.7")).as("not asked for").isEmpty();
        assertThat(db.vulnerabilities("org.example", "lib", "2.0").get(0).source()).endsWith("all.zip!GHSA-aaaa-bbbb-cccc.json");
    }

    @Test
    void aZipBombStopsAtTheCaps(@TempDir Path dir) throws Exception {
        // one entry inflating past a record's 1 MiB cap, from a few KiB of zip
        Path bomb = dir.resolve("bomb.zip");
        try (OutputStream out = Files.newOutputStream(bomb); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("big.json"));
            z.write(new byte[(1 << 20) + 1]);
            z.closeEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(16 << 10);
        assertThatThrownBy(() -> OsvDatabase.read(bomb, null)).isInstanceOf(InputTooLargeException.class)
                .hasMessageContaining("is larger than the 1 MiB a OSV record may have");
        // many small entries: the entry count and the inflated total are capped too
        Path many = zip(dir.resolve("many.zip"), Map.of("a.json", RECORDS.get("PYSEC-1.json"), "b.json", RECORDS.get("PYSEC-1.json"),
                "c.json", RECORDS.get("PYSEC-1.json")));
        assertThat(OsvDatabase.read(many, null, 3, 1 << 20).records()).isEqualTo(3);
        assertThatThrownBy(() -> OsvDatabase.read(many, null, 2, 1 << 20)).isInstanceOf(InputTooLargeException.class)
                .hasMessageContaining("larger than the 2 entries");
        assertThatThrownBy(() -> OsvDatabase.read(many, null, 3, 200)).isInstanceOf(InputTooLargeException.class)
                .hasMessageContaining("inflated");
    }

    @Test
    void aMalformedRecordRefusesTheWholeInput(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {"{\"affected\": []}", "id is missing"},
            {"{\"id\": \"X\", \"affected\": [{\"package\": {\"ecosystem\": \"Maven\", \"name\": \"no-colon\"}}]}", "is not GROUP:ARTIFACT"},
            {"{\"id\": \"X\", \"affected\": [{\"package\": {\"ecosystem\": \"Maven\", \"name\": \"a:b\"}, \"ranges\": [{\"type\": \"ECOSYSTEM\","
                    + " \"events\": [{\"introduced\": \"1\", \"fixed\": \"2\"}]}]}]}", "is not an object of one event"},
            {"{\"id\": \"X\", \"affected\": [{\"package\": {\"ecosystem\": \"Maven\", \"name\": \"a:b\"}, \"ranges\": [{\"type\": \"ECOSYSTEM\","
                    + " \"events\": [{\"patched\": \"2\"}]}]}]}", "unknown event 'patched'"},
            {"{\"id\": \"X\", \"affected\": [{\"package\": {\"ecosystem\": \"Maven\", \"name\": \"a:b\"}, \"ranges\": [{\"type\": \"CALVER\","
                    + " \"events\": [{\"introduced\": \"0\"}]}]}]}", "unknown range type 'CALVER'"},
            {"{\"id\": \"X\", \"id\": \"Y\"}", "Duplicate field 'id'"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path d = folder(dir.resolve("case" + i++), Map.of("ok.json", RECORDS.get("GHSA-aaaa-bbbb-cccc.json"), "bad.json", c[0]));
            assertThatThrownBy(() -> OsvDatabase.read(d, null)).as(c[0]).isInstanceOf(FormatException.class).hasMessageContaining(c[1]);
        }
        Path notZip = Files.writeString(dir.resolve("osv.txt"), "hello");
        assertThatThrownBy(() -> OsvDatabase.read(notZip, null)).isInstanceOf(FormatException.class)
                .hasMessageContaining("neither a folder nor a zip of OSV records");
    }
}
