package dev.provenant.intoto.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.intoto.link.Link;
import dev.provenant.sandbox.SandboxEvidence;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The sandbox record provenance takes from a sandboxed step's verified link, and each link it refuses. */
class SandboxedBuildTest {
    static final String APP = "a".repeat(64);
    static final String SRC = "b".repeat(64);
    static final String KEYID = "1a8aa7f4" + "0".repeat(56);

    static ObjectNode environment() {
        ObjectNode env = JsonNodeFactory.instance.objectNode();
        ObjectNode s = env.putObject("sandbox").put("runner", "bubblewrap").put("runner-version", "0.8.0");
        s.putObject("profile").put("name", "strict").put("digest", "sha256:" + "c".repeat(64));
        s.putObject("settings").put("network", "off");
        s.putObject("enforced").put("network", "off");
        return env;
    }

    static ObjectNode byproducts(String outcome, int status, String writes) {
        ObjectNode b = JsonNodeFactory.instance.objectNode().put("return-value", status);
        b.putObject("sandbox").put("outcome", outcome).put("exit-status", status).put("writes", writes);
        return b;
    }

    static VerifiedLink link(ObjectNode environment, ObjectNode byproducts) {
        return new VerifiedLink(new Link("build", List.of("make"), new TreeMap<>(Map.of("src/main.c", Map.of("sha256", SRC))),
                new TreeMap<>(Map.of("out/app", Map.of("sha256", APP))), byproducts, environment), KEYID, "ed25519");
    }

    static List<ResourceDescriptor> subject(String hex) {
        return List.of(new ResourceDescriptor("dist/app", null, Map.of("sha256", hex), null, null, null, null));
    }

    static void refused(VerifiedLink link, List<ResourceDescriptor> subjects, Check check, String message) {
        assertThatThrownBy(() -> SandboxedBuild.record(link, subjects)).isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).check()).isEqualTo(check)).hasMessageContaining(message);
    }

    @Test
    void aSuccessfulSandboxedStepWhoseProductsAreTheSubjectsGivesItsRecord() throws Exception {
        ObjectNode record = SandboxedBuild.record(link(environment(), byproducts("exited", 0, "kept")), subject(APP));
        assertThat(record.get("step").asText()).isEqualTo("build");
        assertThat(record.get("functionary").asText()).isEqualTo(KEYID);
        assertThat(record.get("runner-version").asText()).isEqualTo("0.8.0");
        assertThat(record.at("/profile/digest").asText()).isEqualTo("sha256:" + "c".repeat(64));
        assertThat(record.at("/settings/network").asText()).isEqualTo("off");
        assertThat(record.at("/run/exit-status").asInt()).isZero();
        ObjectNode predicate = JsonNodeFactory.instance.objectNode();
        predicate.putObject("buildDefinition").putObject("internalParameters").set(SandboxEvidence.PROVENANCE_PARAMETER, record);
        assertThat(SandboxEvidence.provenanceShortfall(predicate, true, java.util.Optional.of("sha256:" + "c".repeat(64)))).isEmpty();
        assertThat(SandboxEvidence.describe(record)).isEqualTo("step build in bubblewrap 0.8.0, profile strict sha256:" + "c".repeat(64)
                + ", network off, exited 0");
    }

    @Test
    void aSubjectThatIsNotAProductIsRefused() {
        refused(link(environment(), byproducts("exited", 0, "kept")), subject("d".repeat(64)), Check.ARTIFACT_DIGEST,
                "subject dist/app is not among the products of the link of step 'build' by key " + KEYID);
        // a subject whose digests share no algorithm with the products matches nothing
        refused(link(environment(), byproducts("exited", 0, "kept")),
                List.of(new ResourceDescriptor("dist/app", null, Map.of("sha512", "e".repeat(128)), null, null, null, null)),
                Check.ARTIFACT_DIGEST, "not among the products of the link of step 'build' by key " + KEYID
                        + " (its digests share no algorithm with the products', sha256: digest the subjects with sha256 too)");
        refused(link(environment(), byproducts("exited", 0, "kept")), List.of(), Check.ARTIFACT_DIGEST, "no subjects");
    }

    @Test
    void aSubjectTheStepHadAsAMaterialIsRefused() {
        VerifiedLink l = link(environment(), byproducts("exited", 0, "kept"));
        VerifiedLink both = new VerifiedLink(new Link("build", List.of("make"), new TreeMap<>(Map.of("out/app", Map.of("sha256", APP))),
                l.link().products(), l.link().byproducts(), l.link().environment()), KEYID, "ed25519");
        refused(both, subject(APP), Check.ARTIFACT_DIGEST, "has the digest of material out/app");
    }

    @Test
    void aLinkWithoutASandboxRecordIsRefused() {
        refused(link(JsonNodeFactory.instance.objectNode(), byproducts("exited", 0, "kept")), subject(APP), Check.SANDBOX,
                "does not record a sandbox");
        ObjectNode noRunner = environment();
        ((ObjectNode) noRunner.get("sandbox")).remove("runner");
        refused(link(noRunner, byproducts("exited", 0, "kept")), subject(APP), Check.SANDBOX, "does not record a sandbox");
    }

    @Test
    void aSandboxedStepThatFailedOrTimedOutIsRefused() {
        refused(link(environment(), byproducts("exited", 2, "discarded")), subject(APP), Check.SANDBOX, "did not succeed");
        refused(link(environment(), byproducts("timed-out", 137, "discarded")), subject(APP), Check.SANDBOX, "did not succeed");
        refused(link(environment(), byproducts("exited", 0, "discarded")), subject(APP), Check.SANDBOX, "did not succeed");
        ObjectNode noRun = byproducts("exited", 0, "kept");
        noRun.remove("sandbox");
        refused(link(environment(), noRun), subject(APP), Check.SANDBOX, "records no sandboxed run");
    }
}
