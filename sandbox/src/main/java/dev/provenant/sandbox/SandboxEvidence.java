package dev.provenant.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The isolation a sandboxed step's link records, and how a verifier reads it back. The link's
 * {@code environment.sandbox} holds the runner and its version, the profile's name and digest, the
 * profile's effective settings and what was enforced ({@code enforced.network}, the namespaces, the
 * writable paths, the environment names, the limits, and under {@code not-enforced} what was not);
 * {@code byproducts.sandbox} holds how the run ended ({@code outcome}, {@code exit-status}, the
 * {@code limit} that stopped it).
 *
 * <p>SLSA provenance made for a sandboxed step's products ({@code provenant provenance --sandbox-link})
 * carries the same record in {@code buildDefinition.internalParameters["provenant.dev/sandbox"]}: the
 * link's {@code environment.sandbox}, with the step's name ({@code step}), the key that signed its link
 * ({@code functionary}) and {@code byproducts.sandbox} as {@code run}.
 */
public final class SandboxEvidence {
    public static final String KEY = "sandbox";
    static final String RUNNER = "runner";
    static final String BUBBLEWRAP = "bubblewrap";
    static final String RUNNER_VERSION = "runner-version";
    static final String PROFILE = "profile";
    static final String DIGEST = "digest";
    static final String SETTINGS = "settings";
    static final String ENFORCED = "enforced";
    static final String NETWORK = "network";
    static final String OUTCOME = "outcome";
    /** The key of the sandbox record in SLSA provenance's {@code buildDefinition.internalParameters}. */
    public static final String PROVENANCE_PARAMETER = "provenant.dev/sandbox";
    static final String STEP = "step";
    static final String FUNCTIONARY = "functionary";
    static final String RUN = "run";

    private SandboxEvidence() {}

    /**
     * What a link says of its sandbox, when it says it in full: the runner, the profile digest and the
     * network that was enforced.
     *
     * @param network {@code off} or {@code host}, as enforced
     */
    public record Recorded(String runner, String profileDigest, String network) {
        public boolean networkOff() {
            return "off".equals(network);
        }
    }

    /**
     * What a link's environment lacks to show the sandbox a verifier requires: empty when it shows it
     * (a bubblewrap sandbox, with the network off when {@code networkOff}, with the profile
     * {@code profileDigest} names when one is given), else one phrase saying what it records instead.
     */
    public static Optional<String> shortfall(JsonNode environment, boolean networkOff, Optional<String> profileDigest) {
        return shortfallOf(environment == null ? null : environment.get(KEY), networkOff, profileDigest);
    }

    private static Optional<String> shortfallOf(JsonNode sandbox, boolean networkOff, Optional<String> profileDigest) {
        Optional<Recorded> recorded = readRecord(sandbox);
        if (recorded.isEmpty()) {
            return Optional.of("does not record a sandbox");
        }
        if (networkOff && !recorded.get().networkOff()) {
            return Optional.of("records a sandbox with network " + recorded.get().network() + ", where the network must be off");
        }
        if (profileDigest.isPresent() && !profileDigest.get().equals(recorded.get().profileDigest())) {
            return Optional.of("records sandbox profile " + recorded.get().profileDigest() + ", where " + profileDigest.get()
                    + " is required");
        }
        return Optional.empty();
    }

    /**
     * Reads a link's {@code environment.sandbox}; empty when the link records no sandbox, or a sandbox
     * record without its runner, profile digest or enforced network (which does not show isolation).
     */
    public static Optional<Recorded> read(JsonNode environment) {
        return readRecord(environment == null ? null : environment.get(KEY));
    }

    private static Optional<Recorded> readRecord(JsonNode s) {
        if (s == null || !s.isObject()) {
            return Optional.empty();
        }
        JsonNode runner = s.path(RUNNER);
        JsonNode digest = s.path(PROFILE).path(DIGEST);
        JsonNode network = s.path(ENFORCED).path(NETWORK);
        if (!runner.isTextual() || !BUBBLEWRAP.equals(runner.textValue()) || !digest.isTextual() || !network.isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new Recorded(runner.textValue(), digest.textValue(), network.textValue()));
    }

    /**
     * Why a sandboxed step's link cannot stand for the build in provenance, from its {@code byproducts}: empty
     * when the step exited 0 and its writes were kept, else one phrase saying how it ended. The products of a
     * step that failed, was killed or timed out are what the workspace held before it, not what it built.
     */
    public static Optional<String> unsuccessful(JsonNode byproducts) {
        JsonNode run = byproducts == null ? null : byproducts.get(KEY);
        if (run == null || !run.isObject()) {
            return Optional.of("records no sandboxed run (byproducts.sandbox)");
        }
        JsonNode outcome = run.path(OUTCOME);
        JsonNode status = run.path("exit-status");
        JsonNode writes = run.path("writes");
        if (!"exited".equals(outcome.asText(null)) || !status.isIntegralNumber() || status.asLong() != 0
                || !"kept".equals(writes.asText(null))) {
            return Optional.of("records a sandboxed run that did not succeed (outcome " + outcome.asText("?") + ", exit status "
                    + status.asText("?") + ", writes " + writes.asText("?") + "), so its products are not what it built");
        }
        return Optional.empty();
    }

    /**
     * The record SLSA provenance carries in {@code internalParameters["provenant.dev/sandbox"]} for a step whose
     * link verified: its {@code environment.sandbox}, with {@code step}, {@code functionary} and {@code run}
     * ({@code byproducts.sandbox}). The caller checks first that {@link #read} and {@link #unsuccessful} accept the link.
     */
    public static ObjectNode provenanceRecord(String step, String functionaryKeyid, JsonNode environment, JsonNode byproducts) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put(STEP, step);
        record.put(FUNCTIONARY, functionaryKeyid);
        environment.get(KEY).properties().forEach(e -> {
            if (!STEP.equals(e.getKey()) && !FUNCTIONARY.equals(e.getKey()) && !RUN.equals(e.getKey())) {
                record.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        record.set(RUN, byproducts.get(KEY).deepCopy());
        return record;
    }

    /** The sandbox record of an SLSA v1 provenance predicate, when its internal parameters carry one (an object). */
    public static Optional<JsonNode> fromProvenance(JsonNode predicate) {
        JsonNode r = predicate == null ? null : predicate.path("buildDefinition").path("internalParameters").get(PROVENANCE_PARAMETER);
        return r != null && r.isObject() ? Optional.of(r) : Optional.empty();
    }

    /**
     * What SLSA provenance lacks to show that its build ran in the sandbox a verifier requires: as
     * {@link #shortfall} for links, over {@code internalParameters["provenant.dev/sandbox"]}, and the run it
     * records must have exited 0 with its writes kept.
     */
    public static Optional<String> provenanceShortfall(JsonNode predicate, boolean networkOff, Optional<String> profileDigest) {
        Optional<JsonNode> record = fromProvenance(predicate);
        if (record.isEmpty()) {
            return Optional.of("does not record a sandbox (buildDefinition.internalParameters." + PROVENANCE_PARAMETER + ")");
        }
        Optional<String> shortfall = shortfallOf(record.get(), networkOff, profileDigest);
        if (shortfall.isPresent()) {
            return shortfall;
        }
        ObjectNode byproducts = JsonNodeFactory.instance.objectNode();
        byproducts.set(KEY, record.get().get(RUN));
        return unsuccessful(byproducts);
    }

    /** One line for a report: the step, the runner and its version, the profile, the network and how the run ended. */
    public static String describe(JsonNode record) {
        JsonNode run = record.path(RUN);
        return "step " + record.path(STEP).asText("?") + " in " + record.path(RUNNER).asText("?") + " "
                + record.path(RUNNER_VERSION).asText("?") + ", profile " + record.path(PROFILE).path("name").asText("?") + " "
                + record.path(PROFILE).path(DIGEST).asText("?") + ", network " + record.path(ENFORCED).path(NETWORK).asText("?")
                + ", " + run.path(OUTCOME).asText("?") + " " + run.path("exit-status").asText("?")
                + (run.has("limit") ? " (stopped by " + run.path("limit").asText() + ")" : "");
    }
}
