package dev.provenant.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.file.FileKeyProvider;
import dev.provenant.store.EvidenceStore;
import dev.provenant.store.EvidenceStores;
import dev.provenant.store.FolderStore;
import dev.provenant.store.StoreException;
import dev.provenant.store.StoredBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one push path of the CLI's store push and --store, and of the Maven plugin's store parameter. */
class StorePushTest {
    @TempDir
    static Path dir;

    static byte[] bundle;
    static String subject;

    @BeforeAll
    static void sign() throws Exception {
        Path artifact = Files.writeString(dir.resolve("app.jar"), "an artifact\n");
        subject = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256).toString();
        try (Signing signing = Signing.withKey(new FileKeyProvider().open(SigningTest.KEYS.resolve("ec-p256-sec1.pem").toString(),
                new SecretSource(Map.of(), "X", null)))) {
            bundle = signing.signArtifact(artifact, new ArtifactDigester()).toJson();
        }
    }

    private static StorePush push(FrontEnd frontEnd, Map<String, String> env) {
        return new StorePush(frontEnd, env, Optional::empty);
    }

    @Test
    void aPushedBundleIsFoundBySubjectDigestAndPushingItAgainChangesNothing() throws Exception {
        Path folder = dir.resolve("store-a");
        StorePush.Pushed first = push(FrontEnd.MAVEN, Map.of()).pushWritten(folder.toString(),
                List.of(new StorePush.Written("target/app.jar.provenant-bundle.json", bundle)));
        assertThat(first.store()).contains(folder.toString());
        assertThat(first.bundles()).singleElement().satisfies(b -> assertThat(b.subjects()).containsExactly(subject));
        StorePush.Pushed again = push(FrontEnd.CLI, Map.of()).push(folder.toString(), List.of(bundle));
        assertThat(again.bundles().get(0).digest()).isEqualTo(first.bundles().get(0).digest());
        try (EvidenceStore store = FolderStore.open(folder)) {
            List<StoredBundle> found = store.find(subject, Optional.empty(), Optional.empty());
            assertThat(found).extracting(StoredBundle::digest).containsExactly(first.bundles().get(0).digest());
            assertThat(store.bundle(found.get(0).digest().toString())).hasValueSatisfying(b -> assertThat(b).isEqualTo(bundle));
        }
    }

    @Test
    void withoutALocationTheEnvironmentNamesTheStore() throws Exception {
        Path folder = dir.resolve("store-env");
        StorePush.Pushed pushed = push(FrontEnd.CLI, Map.of(EvidenceStores.URL_VARIABLE, folder.toString())).push(null, List.of(bundle));
        assertThat(pushed.store()).contains(folder.toString());
        assertThat(Files.isDirectory(folder)).isTrue();
    }

    @Test
    void noStoreAtAllIsAUsageFailureInTheFrontEndsOwnTerms() {
        assertThatThrownBy(() -> push(FrontEnd.CLI, Map.of()).push("", List.of(bundle))).isInstanceOf(SetupException.class)
                .hasMessageContaining("--store DIR").hasMessageContaining(EvidenceStores.URL_VARIABLE);
        assertThatThrownBy(() -> push(FrontEnd.MAVEN, Map.of()).location(null)).isInstanceOf(SetupException.class)
                .hasMessageContaining("<store>").hasMessageContaining("-Dprovenant.store");
    }

    @Test
    void anUnreachableStoreIsAServiceFailureNamingTheStoreAndTheBundleThatStays() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder\n");
        String location = file.resolve("store").toString();
        assertThatThrownBy(() -> push(FrontEnd.MAVEN, Map.of()).pushWritten(location,
                List.of(new StorePush.Written("target/a.json", bundle), new StorePush.Written("target/b.json", bundle))))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains(location).contains("the bundles target/a.json, target/b.json are written");
                    Failure failure = Failure.of(e);
                    assertThat(failure.kind()).isEqualTo(Failure.Kind.SERVICE);
                    assertThat(failure.what()).isEqualTo("evidence store");
                });
    }

    @Test
    void aPostgresStoreWithoutADriverNamesTheStore() {
        assertThatThrownBy(() -> push(FrontEnd.CLI, Map.of()).pushWritten("postgresql://127.0.0.1:1/evidence", bundle, "b.json"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("postgresql://127.0.0.1:1/evidence").hasMessageContaining("PostgreSQL driver")
                .hasMessageContaining("the bundle b.json is written");
    }

    @Test
    void anUnreachableDatabaseIsAServiceFailureNamingIt() {
        // a closed loopback port, through the driver found beside the front end (as the Maven plugin finds it)
        StorePush stores = new StorePush(FrontEnd.MAVEN, Map.of(), StorePush.besideFrontEnd());
        assertThatThrownBy(() -> stores.push("postgresql://gate@127.0.0.1:1/evidence", List.of(bundle)))
                .isInstanceOf(StoreException.class).hasMessageContaining("127.0.0.1:1/evidence")
                .satisfies(e -> assertThat(Failure.of(e).kind()).isEqualTo(Failure.Kind.SERVICE));
    }

    @Test
    void aPasswordInTheLocationIsRefusedAsUsage() {
        assertThatThrownBy(() -> push(FrontEnd.MAVEN, Map.of()).push("postgresql://gate:secret@db/evidence", List.of(bundle)))
                .isInstanceOf(SetupException.class).hasMessageContaining("holds a password").hasMessageNotContaining("secret")
                .satisfies(e -> assertThat(Failure.of(e).kind()).isEqualTo(Failure.Kind.USAGE));
        // refused before anything is signed, as the sign goal and sign --store check first
        assertThatThrownBy(() -> push(FrontEnd.CLI, Map.of()).location("postgresql://db/evidence?password=secret"))
                .isInstanceOf(SetupException.class).hasMessageNotContaining("secret");
    }

    @Test
    void somethingThatIsNotABundleIsRefusedAndNothingIsStored() throws Exception {
        Path folder = dir.resolve("store-bad");
        assertThatThrownBy(() -> push(FrontEnd.CLI, Map.of()).push(folder.toString(),
                List.of("{\"not\": \"a bundle\"}".getBytes(StandardCharsets.UTF_8)))).isInstanceOf(FormatException.class);
        try (EvidenceStore store = FolderStore.open(folder)) {
            assertThat(store.find(subject, Optional.empty(), Optional.empty())).isEmpty();
        }
    }
}
