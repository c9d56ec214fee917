package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.intoto.keys.SslibKeyFiles;
import dev.provenant.intoto.keys.SslibKeyPair;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.signer.SecretSource;
import dev.provenant.sandbox.SandboxProfile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's worked example, examples/sandbox/run.sh, with the packaged CLI: the sample Maven project
 * built offline in the {@code build} profile, its jar signed, its link passing a layout that requires the
 * sandbox with the network off and the build profile's digest, the jar's provenance recording the sandbox
 * from that link, and the unsandboxed build's link refused.
 */
class SandboxExampleIT {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");

    @TempDir
    Path dir;

    static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(p -> Files.isExecutable(Path.of(p, tool)));
    }

    @Test
    void theSampleBuildsSandboxedSignsAndPassesTheLayoutWhileTheUnsandboxedBuildIsRefused() throws Exception {
        assumeTrue(onPath("bwrap") && onPath("mvn"), "bubblewrap or mvn is not installed: the sandbox example is skipped");
        // one PEM key signs the link (run -k) and the jar (sign --key)
        Path builderKey = KEYS.resolve("ed25519-pkcs8.pem").toAbsolutePath();
        SslibKeyPair builder = SslibKeyFiles.readPrivate(builderKey, new SecretSource(Map.of(), "X", null), SslibScheme.RSASSA_PSS_SHA256);
        String keyid = builder.keyid();
        ObjectNode layout = JsonNodeFactory.instance.objectNode().put("_type", "layout").put("expires", "2099-01-01T00:00:00Z");
        layout.putObject("keys").set(keyid, builder.publicKey().toJson());
        ObjectNode step = layout.putArray("steps").addObject().put("_type", "step").put("name", "build").put("threshold", 1);
        step.putArray("pubkeys").add(keyid);
        step.putArray("expected_command").add("mvn").add("-B").add("-q").add("-o").add("package");
        step.putArray("expected_products").add(JsonNodeFactory.instance.arrayNode().add("CREATE").add("target/hello-1.0.jar"));
        step.putObject("x-provenant-sandbox").put("network", "off")
                .put("profile-digest", SandboxProfile.builtIn("build").digest().toString());
        layout.putArray("inspect");
        Path layoutFile = dir.resolve("root.layout");
        Files.write(layoutFile, VerifyLayoutCliTest.key("rsa").sign(new Metablock(layout, List.of())).toJson());

        Path work = dir.resolve("work");
        PackagedCli ran = PackagedCli.run(600, List.of(PackagedCli.ROOT.resolve("examples/sandbox/run.sh").toString(),
                builderKey.toString(), layoutFile.toString(),
                KEYS.resolve("intoto/rsa.pub").toAbsolutePath().toString(), work.toString()));
        assertThat(ran.exitCode()).as(ran.output()).isZero();
        assertThat(ran.output()).contains("Verified OK").contains("built by sandboxed step build")
                .contains("does not record a sandbox").contains("refused, as it must be");
    }
}
