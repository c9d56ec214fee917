package dev.provenant.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The isolation a sandboxed step's link records, and how a verifier reads it back. The link's
 * {@code environment.sandbox} holds the runner and its version, the profile's name and digest, the
 * profile's effective settings and what was enforced ({@code enforced.network}, the namespaces, the
 * writable paths, the environment names, the limits, and under {@code not-enforced} what was not);
 * {@code byproducts.sandbox} holds how the run ended ({@code outcome}, {@code exit-status}, the
 * {@code limit} that stopped it).
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
        Optional<Recorded> recorded = read(environment);
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
        JsonNode s = environment == null ? null : environment.get(KEY);
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
}
