package dev.provenant.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.frontend.ResultJson;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.check.Check;
import java.util.List;
import java.util.Optional;

/**
 * A bundle that verified: who signed it, what it covers, and which checks held. A bundle that does not
 * verify never gives one: {@link Provenant} throws {@link dev.provenant.verifier.check.VerificationException}
 * naming the failed {@link Check} instead.
 */
public final class BundleVerification {
    private final VerificationResult result;
    private final String trustedRoot;

    BundleVerification(VerificationResult result, String trustedRoot) {
        this.result = result;
        this.trustedRoot = trustedRoot;
    }

    /** The certificate's identity (keyless), else {@code key sha256:HEX} of the trusted key. */
    public String signer() {
        return ResultJson.signer(result);
    }

    /** The OIDC issuer the certificate names, for keyless bundles. */
    public Optional<String> issuer() {
        return result.identity().flatMap(c -> c.identity().issuer());
    }

    /** The artifact digests that matched, as {@code sha256:HEX}. */
    public List<String> artifacts() {
        return result.artifacts().stream().map(Object::toString).toList();
    }

    /** The verified statement's predicate type, for attestation (DSSE) bundles. */
    public Optional<String> predicateType() {
        return result.statement().map(s -> s.predicateType());
    }

    /** The verified in-toto statement as JSON, for attestation bundles. */
    public Optional<String> statementJson() {
        return result.statement().map(JsonCodec::writeString);
    }

    /** The checks that held, in order. */
    public List<Check> checks() {
        return result.checks();
    }

    /** Which trusted root the verification used, when the bundle needed one. */
    public Optional<String> trustedRoot() {
        return Optional.ofNullable(trustedRoot);
    }

    /** Everything the verifier established, for callers that need more than the above. */
    public VerificationResult result() {
        return result;
    }

    /** The result as one JSON object, the fields of {@code provenant verify --json} without {@code ok}. */
    public String toJson() {
        ObjectNode node = ResultJson.verification(JsonCodec.mapper().createObjectNode(), result, trustedRoot, false);
        return JsonCodec.writeString(node);
    }

    @Override
    public String toString() {
        return "verified: signed by " + signer() + ", " + String.join(", ", artifacts());
    }
}
