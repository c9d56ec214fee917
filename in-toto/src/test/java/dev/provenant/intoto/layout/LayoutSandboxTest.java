package dev.provenant.intoto.layout;

import static dev.provenant.intoto.layout.LayoutVerifierTest.A;
import static dev.provenant.intoto.layout.LayoutVerifierTest.B;
import static dev.provenant.intoto.layout.LayoutVerifierTest.NOW;
import static dev.provenant.intoto.layout.LayoutVerifierTest.fails;
import static dev.provenant.intoto.layout.LayoutVerifierTest.layout;
import static dev.provenant.intoto.layout.LayoutVerifierTest.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.intoto.keys.SslibKeyPair;
import dev.provenant.verifier.check.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layout's {@code x-provenant-sandbox} on its build step, against links that record a sandbox or do not. */
class LayoutSandboxTest {
    static final String DIGEST = "sha256:" + "c".repeat(64);

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        LayoutVerifierTest.keys();
    }

    static ObjectNode sandbox(String network, String digest) {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("runner", "bubblewrap").put("runner-version", "0.8.0");
        s.putObject("profile").put("name", "strict").put("digest", digest);
        s.putObject("enforced").put("network", network);
        return s;
    }

    void chain(ObjectNode buildSandbox) throws Exception {
        SslibKeyPair ed = LayoutVerifierTest.ed;
        ObjectNode env = JsonNodeFactory.instance.objectNode();
        if (buildSandbox != null) {
            env.set("sandbox", buildSandbox);
        }
        Link build = new Link("build", List.of("make"), new TreeMap<>(Map.of("src.c", Map.of("sha256", A))),
                new TreeMap<>(Map.of("src.c", Map.of("sha256", A), "app", Map.of("sha256", B))), null, env);
        Files.write(dir.resolve(StepLinkLoader.fileName("build", ed.keyid())), ed.sign(build.unsigned()).toJson());
        Link ship = new Link("ship", List.of(), new TreeMap<>(Map.of("app", Map.of("sha256", B))), new TreeMap<>(), null, null);
        Files.write(dir.resolve(StepLinkLoader.fileName("ship", ed.keyid())), ed.sign(ship.unsigned()).toJson());
    }

    static Metablock requiring(ObjectNode requirement) throws Exception {
        ObjectNode l = layout("2027-01-01T00:00:00Z", 1);
        ((ObjectNode) l.get("steps").get(0)).set(SandboxRequirement.FIELD, requirement);
        return signed(l, LayoutVerifierTest.owner);
    }

    LayoutVerification verify(Metablock layout) throws Exception {
        List<String> warnings = new ArrayList<>();
        return new LayoutVerifier(NOW).verify(layout, List.of(LayoutVerifierTest.owner.publicKey()), dir, Optional.empty(), warnings::add);
    }

    static ObjectNode requirement() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Test
    void aSandboxedLinkWithTheNetworkOffAndThePinnedProfileVerifies() throws Exception {
        chain(sandbox("off", DIGEST));
        assertThat(verify(requiring(requirement().put("network", "off").put("profile-digest", DIGEST))).stepSigners())
                .containsKey("build");
        assertThat(verify(requiring(requirement())).stepSigners()).containsKey("build");
    }

    @Test
    void aLinkThatRecordsNoSandboxFailsTheRuleNamingTheStep() throws Exception {
        chain(null);
        Metablock layout = requiring(requirement());
        fails(Check.SANDBOX, "step 'build': the link by key " + LayoutVerifierTest.ed.keyid() + " does not record a sandbox",
                () -> verify(layout));
        // the same links under a layout without the rule verify: the rule alone fails them
        assertThat(verify(signed(layout("2027-01-01T00:00:00Z", 1), LayoutVerifierTest.owner)).stepSigners()).containsKey("build");
    }

    @Test
    void aSandboxRecordWithoutItsRunnerDoesNotCount() throws Exception {
        ObjectNode partial = sandbox("off", DIGEST);
        partial.remove("runner");
        chain(partial);
        fails(Check.SANDBOX, "does not record a sandbox", () -> verify(requiring(requirement())));
    }

    @Test
    void aSandboxWithTheNetworkOnFailsARuleThatLeavesNetworkOut() throws Exception {
        chain(sandbox("host", DIGEST));
        fails(Check.SANDBOX, "records a sandbox with network host, where the network must be off", () -> verify(requiring(requirement())));
        assertThat(verify(requiring(requirement().put("network", "any"))).stepSigners()).containsKey("build");
    }

    @Test
    void anotherProfileThanThePinnedOneFails() throws Exception {
        chain(sandbox("off", "sha256:" + "d".repeat(64)));
        fails(Check.SANDBOX, "where " + DIGEST + " is required", () -> verify(requiring(requirement().put("profile-digest", DIGEST))));
    }

    @Test
    void aMalformedRequirementIsAMalformedLayout() throws Exception {
        chain(sandbox("off", DIGEST));
        fails(Check.LAYOUT, "x-provenant-sandbox network must be", () -> verify(requiring(requirement().put("network", "loopback"))));
        fails(Check.LAYOUT, "unknown field netwrok", () -> verify(requiring(requirement().put("netwrok", "off"))));
        fails(Check.LAYOUT, "profile-digest must be sha256:HEX", () -> verify(requiring(requirement().put("profile-digest", "abc"))));
    }
}
