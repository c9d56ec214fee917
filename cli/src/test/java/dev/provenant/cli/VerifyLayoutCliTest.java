package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.signer.SecretSource;
import dev.provenant.intoto.keys.SslibKeyFiles;
import dev.provenant.intoto.keys.SslibKeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** provenant verify-layout in-process: exit codes and output; verdicts against in-toto-verify are in LinkInteropIT. */
class VerifyLayoutCliTest {
    static final Path KEYS = LinkCliTest.KEYS;

    @TempDir
    Path dir;

    SslibKeyPair functionary;

    static SslibKeyPair key(String name) throws Exception {
        return SslibKeyFiles.readPrivate(KEYS.resolve(name), new SecretSource(Map.of(), "X", null), SslibScheme.RSASSA_PSS_SHA256);
    }

    /** One step, build, by the ed25519 key, that must create app and nothing else; signed by the RSA owner key. */
    @BeforeEach
    void chain() throws Exception {
        writeLayout(1);
        writeLink("app");
    }

    void writeLayout(long threshold) throws Exception {
        functionary = key("ed25519");
        ObjectNode layout = JsonNodeFactory.instance.objectNode().put("_type", "layout").put("expires", "2099-01-01T00:00:00Z");
        layout.putObject("keys").set(functionary.keyid(), functionary.publicKey().toJson());
        ObjectNode step = layout.putArray("steps").addObject().put("_type", "step").put("name", "build").put("threshold", threshold);
        step.putArray("pubkeys").add(functionary.keyid());
        step.putArray("expected_command").add("make");
        step.putArray("expected_products").add(JsonNodeFactory.instance.arrayNode().add("CREATE").add("app"))
                .add(JsonNodeFactory.instance.arrayNode().add("DISALLOW").add("*"));
        layout.putArray("inspect");
        Files.write(dir.resolve("root.layout"), key("rsa").sign(new Metablock(layout, List.of())).toJson());
    }

    void writeLink(String product) throws Exception {
        Link link = new Link("build", List.of("make"), null, new TreeMap<>(Map.of(product, Map.of("sha256", "ab".repeat(32)))), null, null);
        Files.write(dir.resolve("build." + functionary.keyid().substring(0, 8) + ".link"), functionary.sign(link.unsigned()).toJson());
    }

    CliRun verify(String... extra) {
        String[] base = {"verify-layout", "--layout", dir.resolve("root.layout").toString(), "--layout-key",
            KEYS.resolve("rsa.pub").toString(), "--link-dir", dir.toString(), "--json"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    static JsonNode json(CliRun run) throws Exception {
        return JsonCodec.readTree(run.out().trim().getBytes(StandardCharsets.UTF_8), "output");
    }

    @Test
    void aGoodChainVerifiesWithJsonNamingTheSigners() throws Exception {
        CliRun run = verify();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(json(run).get("steps").get("build").get(0).asText()).isEqualTo(functionary.keyid());
    }

    @Test
    void aFailedRuleExitsOneNamingTheStepAndRule() throws Exception {
        writeLink("evil");
        CliRun run = verify();
        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(json(run).get("check").asText()).isEqualTo("artifact-rule");
        assertThat(json(run).get("message").asText()).contains("'DISALLOW *' in expected_products of 'build' matched [evil]");
    }

    @Test
    void aLayoutKeyThatDidNotSignExitsOne() throws Exception {
        CliRun run = verify("--layout-key", KEYS.resolve("ecdsa.pub").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(json(run).get("check").asText()).isEqualTo("layout-signature");
    }

    @Test
    void unreadableInputsAreUsageErrors() throws Exception {
        Files.writeString(dir.resolve("bad.layout"), "{not json");
        assertThat(CliRun.of("verify-layout", "--layout", dir.resolve("bad.layout").toString(), "--layout-key",
                KEYS.resolve("rsa.pub").toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("verify-layout", "--layout", dir.resolve("missing.layout").toString(), "--layout-key",
                KEYS.resolve("rsa.pub").toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        CliRun noLinkDir = CliRun.of("verify-layout", "--layout", dir.resolve("root.layout").toString(), "--layout-key",
                KEYS.resolve("rsa.pub").toString(), "--link-dir", dir.resolve("nowhere").toString());
        assertThat(noLinkDir.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noLinkDir.err()).contains("is not a directory");
        assertThat(CliRun.of("verify-layout", "--layout", dir.resolve("root.layout").toString()).exitCode()).isEqualTo(ExitCode.USAGE);
    }
    @Test
    void aThresholdOutOfRangeIsAMalformedLayoutExitingOne() throws Exception {
        for (long threshold : new long[] {0, 2, 4_294_967_297L}) {
            writeLayout(threshold);
            CliRun run = verify();
            assertThat(run.exitCode()).as(threshold + ": " + run.err()).isEqualTo(ExitCode.NOT_TRUSTED);
            assertThat(json(run).get("check").asText()).isEqualTo("layout");
            assertThat(json(run).get("message").asText()).contains("threshold must be an integer from 1 to the 1 distinct key(s)");
        }
    }

    @Test
    void aLayoutNamingAKeyidTwiceIsUnreadable() throws Exception {
        // a first entry that a reader keeping the last one never sees, so the signature still verifies there
        String text = Files.readString(dir.resolve("root.layout"));
        assertThat(text).contains("\"keys\" : {");
        Files.writeString(dir.resolve("root.layout"), text.replace("\"keys\" : {",
                "\"keys\" : {\"" + functionary.keyid() + "\": " + key("ecdsa").publicKey().toJson() + ","));
        CliRun run = verify();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Duplicate field").doesNotContain("\tat ");
    }
}
