package dev.provenant.intoto.layout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.Digest;
import dev.provenant.sandbox.SandboxEvidence;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.util.Optional;
import java.util.Set;

/**
 * A layout step's {@code x-provenant-sandbox}: every link counted for the step must record that it ran
 * in a bubblewrap sandbox ({@code environment.sandbox}), with the network off when {@code network} is
 * {@code "off"}, and with the profile whose digest {@code profile-digest} names when it is given. An
 * extension of in-toto's layout format: in-toto-verify checks a layout's signature over the fields it
 * knows, so a layout carrying it verifies with Provenant only.
 */
public record SandboxRequirement(boolean networkOff, Optional<Digest> profileDigest) {
    public static final String FIELD = "x-provenant-sandbox";

    static Optional<SandboxRequirement> fromJson(JsonNode step, String name) throws FormatException {
        JsonNode r = step.get(FIELD);
        if (r == null) {
            return Optional.empty();
        }
        String what = "step " + name + " " + FIELD;
        if (!r.isObject()) {
            throw new FormatException(what + " must be an object with network and profile-digest");
        }
        for (var it = r.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("network", "profile-digest").contains(f)) {
                throw new FormatException(what + ": unknown field " + f);
            }
        }
        JsonNode network = r.path("network");
        if (!network.isMissingNode() && !(network.isTextual() && Set.of("off", "any").contains(network.textValue()))) {
            throw new FormatException(what + " network must be \"off\" or \"any\"");
        }
        Optional<Digest> digest = Optional.empty();
        JsonNode d = r.path("profile-digest");
        if (!d.isMissingNode()) {
            if (!d.isTextual() || !Digest.looksLikeDigest(d.textValue())) {
                throw new FormatException(what + " profile-digest must be sha256:HEX, as provenant sandbox check prints it");
            }
            digest = Optional.of(Digest.parse(d.textValue()));
        }
        // network off unless the layout says any: a requirement that forgets it does not let the network in
        return Optional.of(new SandboxRequirement(!"any".equals(network.asText("off")), digest));
    }

    /** @throws VerificationException ({@link Check#SANDBOX}) naming the step and the key whose link does not show it */
    void check(String step, StepLink link) throws VerificationException {
        Optional<String> shortfall = SandboxEvidence.shortfall(link.link().environment(), networkOff, profileDigest.map(Digest::toString));
        if (shortfall.isPresent()) {
            throw new VerificationException(Check.SANDBOX, "step '" + step + "': the link by key " + link.keyid() + " "
                    + shortfall.get() + ", and the layout requires the step to have run sandboxed (provenant run --sandbox)");
        }
    }
}
