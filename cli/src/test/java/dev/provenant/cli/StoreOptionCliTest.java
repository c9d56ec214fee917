package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --store} on {@code sign}, {@code attest} and {@code provenance}: the bundle is written as without it,
 * then stored in a folder store, where {@code store find --subject} finds it by the artifact's digest, byte
 * for byte the file written. A store that fails is exit 3 naming it, and the written bundle stays.
 */
class StoreOptionCliTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    static final String KEY = KEYS.resolve("ec-p256-sec1.pem").toString();

    @TempDir
    Path dir;

    Path store;
    Path artifact;
    String digest;

    @BeforeEach
    void setUp() throws Exception {
        store = dir.resolve("store");
        byte[] bytes = ("artifact for the store option " + System.nanoTime()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        artifact = Files.write(dir.resolve("app.jar"), bytes);
        digest = "sha256:" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** {@code store find} for the artifact's digest (and a predicate type), as JSON; exit code checked by the caller. */
    CliRun find(String... predicateType) {
        String[] base = {"store", "find", "--store", store.toString(), "--subject", digest, "--json", "--output-dir",
                dir.resolve("found").toString()};
        String[] args = predicateType.length == 0 ? base : concat(base, "--predicate-type", predicateType[0]);
        return CliRun.of(args);
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The one bundle {@code find} reports is the bundle file written, byte for byte. */
    void assertFoundIs(CliRun found, Path written) throws Exception {
        assertThat(found.exitCode()).as(found.err()).isZero();
        JsonNode bundles = JsonCodec.mapper().readTree(found.out()).path("bundles");
        assertThat(bundles).hasSize(1);
        String stored = bundles.get(0).path("digest").asText();
        assertThat(bundles.get(0).path("subjects").toString()).contains(digest);
        Path copy = dir.resolve("found").resolve(stored.substring("sha256:".length()) + ".sigstore.json");
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(written));
    }

    @Test
    void signWithStoreStoresTheBundleFoundByTheArtifactDigest() throws Exception {
        // nothing there before
        assertThat(find().exitCode()).isEqualTo(1);
        CliRun sign = CliRun.of("sign", "--key", KEY, "--store", store.toString(), artifact.toString());
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        Path bundle = Path.of(artifact + ".sigstore.json");
        assertThat(bundle).isRegularFile();
        assertThat(sign.out()).contains("Bundle: " + bundle, "Stored in " + store.toAbsolutePath() + " as sha256:");
        assertFoundIs(find(), bundle);

        CliRun json = CliRun.of("sign", "--key", KEY, "--store", store.toString(), "--json", "--bundle",
                dir.resolve("again.sigstore.json").toString(), artifact.toString());
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode out = JsonCodec.mapper().readTree(json.out());
        assertThat(out.path("store").asText()).isEqualTo(store.toAbsolutePath().toString());
        assertThat(out.path("stored").asText()).startsWith("sha256:");
    }

    @Test
    void signWithoutStoreStoresNothing() throws Exception {
        CliRun sign = CliRun.of("sign", "--key", KEY, artifact.toString());
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(sign.out()).doesNotContain("Stored in");
        assertThat(store).doesNotExist();
    }

    @Test
    void attestWithStoreIsFoundByDigestAndPredicateType() throws Exception {
        Path predicate = Files.writeString(dir.resolve("results.json"), "{\"passed\": 12, \"failed\": 0}");
        Path bundle = dir.resolve("app.tests.sigstore.json");
        String type = "https://example.com/test-result/v1";
        CliRun attest = CliRun.of("attest", "--key", KEY, "--type", type, "--predicate", predicate.toString(), "--bundle",
                bundle.toString(), "--store", store.toString(), artifact.toString());
        assertThat(attest.exitCode()).as(attest.err()).isZero();
        assertThat(attest.out()).contains("Bundle: " + bundle, "Stored in " + store.toAbsolutePath());
        assertFoundIs(find(type), bundle);
        assertThat(find("https://slsa.dev/provenance/v1").exitCode()).isEqualTo(1);
    }

    @Test
    void provenanceWithStoreIsFoundAsSlsaProvenance() throws Exception {
        Path bundle = dir.resolve("app.provenance.sigstore.json");
        CliRun provenance = CliRun.of("provenance", "--key", KEY, "--output", bundle.toString(), "--store", store.toString(),
                artifact.toString());
        assertThat(provenance.exitCode()).as(provenance.err()).isZero();
        assertThat(provenance.err()).contains("Stored in " + store.toAbsolutePath() + " as sha256:");
        assertFoundIs(find("https://slsa.dev/provenance/v1"), bundle);
    }

    @Test
    void unsignedProvenanceCannotBeStored() throws Exception {
        Path output = dir.resolve("app.provenance.json");
        CliRun provenance = CliRun.of("provenance", "--output", output.toString(), "--store", store.toString(), artifact.toString());
        assertThat(provenance.exitCode()).isEqualTo(2);
        assertThat(provenance.err()).contains("--store keeps signed bundles");
        assertThat(output).doesNotExist();
        assertThat(store).doesNotExist();
    }

    @Test
    void anUnwritableStoreIsExit3NamingItAndTheBundleStays() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "a file where the store should be");
        Path bundle = Path.of(artifact + ".sigstore.json");
        CliRun sign = CliRun.of("sign", "--key", KEY, "--store", notAFolder.toString(), artifact.toString());
        assertThat(sign.exitCode()).isEqualTo(3);
        assertThat(sign.err().lines()).singleElement().asString()
                .startsWith("provenant: evidence store: cannot open the evidence store folder " + notAFolder)
                .endsWith("the bundle " + bundle + " is written: store it later with provenant store push");
        assertThat(bundle).isRegularFile();
        // and it can be: store push takes the very file
        CliRun push = CliRun.of("store", "push", "--store", store.toString(), bundle.toString());
        assertThat(push.exitCode()).as(push.err()).isZero();
        assertFoundIs(find(), bundle);
    }

    @Test
    void anUnreachablePostgresStoreIsExit3NamingIt() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path predicate = Files.writeString(dir.resolve("pred.json"), "{}");
        Path bundle = dir.resolve("app.attest.sigstore.json");
        CliRun attest = CliRun.of("attest", "--key", KEY, "--type", "https://example.com/t/v1", "--predicate", predicate.toString(),
                "--bundle", bundle.toString(), "--store", "postgresql://127.0.0.1:" + port + "/evidence", artifact.toString());
        assertThat(attest.exitCode()).isEqualTo(3);
        assertThat(attest.err().lines()).singleElement().asString()
                .startsWith("provenant: evidence store: cannot connect to the evidence store jdbc:postgresql://127.0.0.1:" + port
                        + "/evidence")
                .contains("the bundle " + bundle + " is written");
        assertThat(bundle).isRegularFile();

        Path out = dir.resolve("prov.sigstore.json");
        CliRun provenance = CliRun.of("provenance", "--key", KEY, "--output", out.toString(), "--store",
                "postgresql://127.0.0.1:" + port + "/evidence", artifact.toString());
        assertThat(provenance.exitCode()).isEqualTo(3);
        assertThat(provenance.err()).contains("jdbc:postgresql://127.0.0.1:" + port + "/evidence");
        assertThat(out).isRegularFile();
    }

    @Test
    void storeWithNoValueAndNoStoreConfiguredIsUsageBeforeSigning() throws Exception {
        Assumptions.assumeTrue(System.getenv("PROVENANT_STORE_URL") == null, "PROVENANT_STORE_URL is set here");
        Path bundle = dir.resolve("never.sigstore.json");
        CliRun sign = CliRun.of("sign", "--key", KEY, "--bundle", bundle.toString(), artifact.toString(), "--store");
        assertThat(sign.exitCode()).isEqualTo(2);
        assertThat(sign.err()).contains("no evidence store");
        assertThat(bundle).doesNotExist();
    }

    @Test
    void aBareStoreBeforeTheArtifactTakesItAsTheLocation() throws Exception {
        // as docs/EVIDENCE-STORE.md warns: the artifact becomes the store's location and the operand is missing
        CliRun sign = CliRun.of("sign", "--key", KEY, "--store", artifact.toString());
        assertThat(sign.exitCode()).isEqualTo(2);
        assertThat(sign.err()).contains("Missing required parameter");
        assertThat(Path.of(artifact + ".sigstore.json")).doesNotExist();
    }
}
