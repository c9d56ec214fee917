package dev.provenant.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.bundle.BundleSigner;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.identity.IdentityPolicy;
import java.util.Arrays;

/**
 * The SLSA Verification Summary Attestation (v1) a passed promotion issues: an in-toto statement
 * whose subjects are the promoted artifacts, signed by the stage's gate key into a DSSE bundle. Its
 * {@code policy.uri} is the policy's URI with the stage as fragment ({@code policy.yaml#staging}), so
 * a later stage can tell whose VSA it is looking at.
 */
public final class VerificationSummary {
    public static final String PREDICATE_TYPE = dev.provenant.attest.slsa.VerificationSummaryPredicate.TYPE;

    private VerificationSummary() {}

    /** {@code policy.uri} of the VSAs a stage issues. */
    public static String policyUri(PromotionPolicy policy, Stage stage) {
        return policy.uri() + "#" + stage.name();
    }

    /**
     * The unsigned VSA statement of a passed verdict.
     *
     * @param resourceUri the resource the artifacts are (a package URL, an image reference); null for
     *     the first artifact's name
     * @throws IllegalStateException when the verdict did not pass: a failed promotion issues no VSA
     */
    public static Statement statement(PromotionVerdict verdict, String resourceUri) {
        if (!verdict.passed()) {
            throw new IllegalStateException("the promotion to " + verdict.stage().name() + " did not pass: no VSA is issued");
        }
        ObjectNode predicate = JsonCodec.mapper().createObjectNode();
        ObjectNode verifier = predicate.putObject("verifier");
        verifier.put("id", verdict.policy().verifierId());
        String version = VerificationSummary.class.getPackage().getImplementationVersion();
        if (version != null) {
            verifier.putObject("version").put("provenant", version);
        }
        predicate.put("timeVerified", DateTimeFormatter.ISO_INSTANT.format(verdict.time().truncatedTo(ChronoUnit.SECONDS)));
        predicate.put("resourceUri", resourceUri != null ? resourceUri : verdict.subjects().get(0).name());
        ObjectNode policy = predicate.putObject("policy");
        policy.put("uri", policyUri(verdict.policy(), verdict.stage()));
        policy.putObject("digest").put(verdict.policy().digest().algorithm().intotoName(), verdict.policy().digest().hex());
        ArrayNode inputs = predicate.putArray("inputAttestations");
        for (EvidenceBundle input : verdict.inputs()) {
            ObjectNode node = inputs.addObject();
            node.put("uri", input.uri());
            node.putObject("digest").put(input.digest().algorithm().intotoName(), input.digest().hex());
        }
        predicate.put("verificationResult", dev.provenant.attest.slsa.VerificationSummaryPredicate.PASSED);
        ArrayNode levels = predicate.putArray("verifiedLevels");
        verdict.stage().verifiedLevels().forEach(levels::add);
        predicate.put("slsaVersion", verdict.stage().slsaVersion());
        return Statement.of(verdict.subjects(), PREDICATE_TYPE, predicate);
    }

    /**
     * Signs the VSA of a passed verdict with the gate's key.
     *
     * @throws IllegalArgumentException when the stage declares another gate (another key, or a keyless
     *     gate identity): a later stage would refuse the VSA
     */
    public static Bundle issue(PromotionVerdict verdict, Signer gate, String resourceUri) throws SigningException {
        verdict.stage().gate().ifPresent(expected -> {
            if (expected instanceof SignerTrust.Identity identity) {
                throw new IllegalArgumentException("stage " + verdict.stage().name() + " declares a keyless gate-identity ("
                        + identity.policy().describe() + "); sign its VSA keyless, not with " + gate.description());
            }
            SignerTrust.Key key = (SignerTrust.Key) expected;
            if (!Arrays.equals(PemPublicKeys.fingerprint(key.key()), PemPublicKeys.fingerprint(gate.publicKey()))) {
                throw new IllegalArgumentException("the VSA signing key (" + gate.description() + ") is not the gate-key of stage "
                        + verdict.stage().name() + "; later stages would refuse its VSA");
            }
        });
        return new BundleSigner(gate, new dev.provenant.attest.digest.ArtifactDigester()).attest(statement(verdict, resourceUri));
    }

    /**
     * Checks, before a VSA is signed keyless, that the stage's gate is that keyless identity.
     *
     * @param subject the identity token's subject (its email claim, else sub), which the certificate will name
     * @param issuer the identity token's issuer
     * @throws IllegalArgumentException when the stage declares a gate-key, or a gate-identity this is not
     */
    public static void requireKeylessGate(PromotionVerdict verdict, String subject, String issuer) {
        verdict.stage().gate().ifPresent(expected -> {
            if (expected instanceof SignerTrust.Key) {
                throw new IllegalArgumentException("stage " + verdict.stage().name() + " declares a gate-key; sign its VSA with that"
                        + " key (--vsa-key), not keyless");
            }
            IdentityPolicy policy = ((SignerTrust.Identity) expected).policy();
            if (!policy.san().matches(subject) || !policy.issuer().matches(issuer)) {
                throw new IllegalArgumentException("the keyless identity " + subject + " (issuer " + issuer + ") is not the"
                        + " gate-identity of stage " + verdict.stage().name() + " (" + policy.describe() + "); later stages would"
                        + " refuse its VSA" + policy.san().partialMatchNote(subject, "identity")
                        + policy.issuer().partialMatchNote(issuer, "issuer"));
            }
        });
    }
}
