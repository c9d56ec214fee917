package dev.provenant.intoto.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.intoto.link.ArtifactRecorder;
import dev.provenant.intoto.link.ExcludePatterns;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.LinkPredicate;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.SigningException;
import dev.provenant.intoto.keys.SslibKeyFiles;
import dev.provenant.intoto.keys.SslibKeyPair;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepRecorderTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys", "intoto");

    @TempDir
    Path dir;

    SslibKeyPair key;
    StepRecorder recorder;

    @BeforeEach
    void setUp() throws Exception {
        key = SslibKeyFiles.readPrivate(KEYS.resolve("ed25519"), new SecretSource(Map.of(), "X", null), SslibScheme.RSASSA_PSS_SHA256);
        recorder = new StepRecorder(key, new ArtifactRecorder(dir, ExcludePatterns.inTotoDefaults(), new ArtifactDigester()), dir, dir, true);
        Files.writeString(dir.resolve("in.txt"), "hello\n");
    }

    private boolean verifies(Metablock block) {
        return key.publicKey().schemeValue().verify(key.jcaPublicKey(), block.signableBytes(), block.signatures().get(0).sigBytes());
    }

    @Test
    void runRecordsMaterialsCommandStreamsAndProducts() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RecordedStep done = recorder.run("build", List.of("in.txt"), List.of("sh", "-c", "cp in.txt out.txt; echo made; echo warn >&2"),
                new CommandRunner(true, out, err), List.of("."));
        assertThat(done.linkFile()).hasFileName("build.1a8aa7f4.link");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("made\n");
        Metablock block = Metablock.parse(Files.readAllBytes(done.linkFile()));
        assertThat(verifies(block)).isTrue();
        Link link = Link.fromJson(block.signed());
        assertThat(link.materials()).containsOnlyKeys("in.txt");
        assertThat(link.products()).containsOnlyKeys("in.txt", "out.txt"); // the link and bundle are excluded by *.link*
        assertThat(link.byproducts().get("stdout").asText()).isEqualTo("made\n");
        assertThat(link.byproducts().get("stderr").asText()).isEqualTo("warn\n");
        assertThat(link.byproducts().get("return-value").asInt()).isZero();
        assertThat(link.environment().get("workdir").asText()).isEqualTo(dir.toAbsolutePath().toString());

        Bundle bundle = Bundle.parse(Files.readAllBytes(done.bundleFile().orElseThrow()));
        Statement statement = Statement.parse(bundle.dsseEnvelope().payloadBytes());
        assertThat(statement.predicateType()).isEqualTo(LinkPredicate.TYPE);
        assertThat(LinkPredicate.toLink(statement)).isEqualTo(link);
    }

    @Test
    void noCommandMeansNoByproductsAndNoProductsMeansNoBundle() throws Exception {
        RecordedStep done = recorder.run("inspect", List.of("in.txt"), List.of(), null, List.of());
        assertThat(done.link().byproducts().isEmpty()).isTrue();
        assertThat(done.link().command()).isEmpty();
        assertThat(done.bundleFile()).isEmpty();
    }

    @Test
    void aFailingCommandIsRecordedWithItsReturnValue() throws Exception {
        RecordedStep done = recorder.run("fail", List.of(), List.of("sh", "-c", "exit 3"), new CommandRunner(false, null, null), List.of());
        assertThat(done.link().byproducts().get("return-value").asInt()).isEqualTo(3);
        assertThat(done.link().byproducts().get("stdout").asText()).isEmpty();
    }

    @Test
    void startThenStopSignsOneLinkAndRemovesThePreliminaryOne() throws Exception {
        Path unfinished = recorder.start("package", List.of("in.txt"));
        assertThat(unfinished).hasFileName(".package.1a8aa7f4.link-unfinished");
        Files.writeString(dir.resolve("pkg.tgz"), "package");
        RecordedStep done = recorder.stop("package", List.of("pkg.tgz"));
        assertThat(unfinished).doesNotExist();
        assertThat(done.link().materials()).containsOnlyKeys("in.txt");
        assertThat(done.link().products()).containsOnlyKeys("pkg.tgz");
        assertThat(verifies(Metablock.parse(Files.readAllBytes(done.linkFile())))).isTrue();
    }

    @Test
    void stopRefusesAMissingOrTamperedPreliminaryLink() throws Exception {
        assertThatThrownBy(() -> recorder.stop("none", List.of())).isInstanceOf(NoSuchFileException.class);
        Path unfinished = recorder.start("package", List.of("in.txt"));
        Files.writeString(unfinished, Files.readString(unfinished).replace("5891b5b5", "00000000"));
        assertThatThrownBy(() -> recorder.stop("package", List.of())).isInstanceOf(SigningException.class)
                .hasMessageContaining("does not verify");
    }
}
