package dev.provenant.verifier.vsa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The members of a VSA predicate that verifiers read: {@code verifier.id}, {@code resourceUri},
 * {@code verificationResult}, {@code verifiedLevels}, {@code policy.uri} and {@code timeVerified}. One
 * strict reader serves both {@code verify-vsa} and a promotion gate's VSA rule. An absent member reads as
 * empty; a member of another JSON type (a number for a string, an object for an array) is malformed, so a
 * claim is never read from a value that only converts to the expected text.
 *
 * @param verifierId    {@code verifier.id}, or empty
 * @param resourceUri   {@code resourceUri}, or empty
 * @param result        {@code verificationResult}, or empty
 * @param levels        {@code verifiedLevels} in document order
 * @param policyUri     {@code policy.uri}, or empty
 * @param timeVerified  {@code timeVerified} as written, or empty
 */
public record VsaClaims(String verifierId, String resourceUri, String result, List<String> levels, String policyUri,
        String timeVerified) {

    public VsaClaims {
        levels = List.copyOf(levels);
    }

    /**
     * Reads the claims of a VSA predicate.
     *
     * @throws VerificationException naming {@link Check#STATEMENT} when a member has another JSON type
     */
    public static VsaClaims of(JsonNode predicate) throws VerificationException {
        JsonNode verifier = object(predicate, "verifier");
        JsonNode policy = object(predicate, "policy");
        List<String> levels = new ArrayList<>();
        JsonNode array = predicate.path("verifiedLevels");
        if (!array.isMissingNode() && !array.isNull()) {
            if (!array.isArray()) {
                throw malformed("verifiedLevels is not an array");
            }
            for (JsonNode level : array) {
                if (!level.isTextual()) {
                    throw malformed("verifiedLevels holds a " + level.getNodeType().name().toLowerCase(Locale.ROOT)
                            + ", not a string");
                }
                levels.add(level.asText());
            }
        }
        return new VsaClaims(text(verifier, "verifier.id", "id"), text(predicate, "resourceUri", "resourceUri"),
                text(predicate, "verificationResult", "verificationResult"), levels, text(policy, "policy.uri", "uri"),
                text(predicate, "timeVerified", "timeVerified"));
    }

    private static JsonNode object(JsonNode parent, String name) throws VerificationException {
        JsonNode value = parent.path(name);
        if (!value.isMissingNode() && !value.isNull() && !value.isObject()) {
            throw malformed(name + " is not an object");
        }
        return value;
    }

    private static String text(JsonNode object, String path, String name) throws VerificationException {
        JsonNode value = object.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw malformed(path + " is not a string");
        }
        return value.asText();
    }

    private static VerificationException malformed(String what) {
        return new VerificationException(Check.STATEMENT, "the VSA predicate is malformed: " + what);
    }
}
