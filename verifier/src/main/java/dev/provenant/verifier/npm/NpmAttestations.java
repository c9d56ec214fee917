package dev.provenant.verifier.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.provenance.ProvenanceReader;

/**
 * The attestations document the npm registry serves for a package version
 * ({@code GET /-/npm/v1/attestations/NAME@VERSION}): {@code {"attestations": [{"predicateType": ...,
 * "bundle": {...}}, ...]}}. It must hold exactly one publish attestation (predicate type
 * {@value #PUBLISH_PREFIX}v0.1, signed by the registry) and exactly one SLSA provenance (v0.2 or v1,
 * signed keyless by the build); entries of other predicate types are passed over. The
 * {@code predicateType} members only say which bundle to read: the signed statements' own predicate
 * types are checked when they are verified.
 *
 * @param publish the registry's publish attestation
 * @param provenance the build's SLSA provenance
 */
public record NpmAttestations(Bundle publish, Bundle provenance) {
    public static final String PUBLISH_PREFIX = "https://github.com/npm/attestation/tree/main/specs/publish/";

    /** @throws VerificationException ({@link Check#NPM_ATTESTATIONS}) when the document is not that */
    public static NpmAttestations parse(byte[] document) throws VerificationException {
        JsonNode root;
        try {
            root = JsonCodec.readTreeUniqueNames(document, "npm attestations");
        } catch (FormatException e) {
            throw new VerificationException(Check.NPM_ATTESTATIONS, e.getMessage());
        }
        JsonNode list = root.path("attestations");
        if (!root.isObject() || !list.isArray()) {
            throw new VerificationException(Check.NPM_ATTESTATIONS, "not an npm attestations document (an object with an"
                    + " \"attestations\" array)");
        }
        Bundle publish = null;
        Bundle provenance = null;
        for (JsonNode entry : list) {
            String type = entry.path("predicateType").asText("");
            boolean isPublish = type.startsWith(PUBLISH_PREFIX);
            boolean isProvenance = type.equals(ProvenanceReader.V1) || type.equals(ProvenanceReader.V02);
            if (!isPublish && !isProvenance) {
                continue;
            }
            if (isPublish ? publish != null : provenance != null) {
                throw new VerificationException(Check.NPM_ATTESTATIONS, "the document holds more than one "
                        + (isPublish ? "publish attestation" : "SLSA provenance") + "; the registry serves one of each");
            }
            JsonNode bundleNode = entry.path("bundle");
            if (!bundleNode.isObject()) {
                throw new VerificationException(Check.NPM_ATTESTATIONS, "the " + type + " attestation has no bundle");
            }
            Bundle bundle;
            try {
                bundle = Bundle.parse(JsonCodec.write(bundleNode));
            } catch (FormatException e) {
                throw new VerificationException(Check.BUNDLE_FORMAT, "the " + type + " attestation's bundle: " + e.getMessage());
            }
            if (bundle.dsseEnvelope() == null) {
                throw new VerificationException(Check.NPM_ATTESTATIONS, "the " + type + " attestation's bundle holds no DSSE envelope");
            }
            if (isPublish) {
                publish = bundle;
            } else {
                provenance = bundle;
            }
        }
        if (publish == null || provenance == null) {
            throw new VerificationException(Check.NPM_ATTESTATIONS, "the document holds no " + (provenance == null
                    ? "SLSA provenance (" + ProvenanceReader.V1 + " or " + ProvenanceReader.V02 + ")"
                    : "publish attestation (" + PUBLISH_PREFIX + "v0.1)") + "; verify-npm-package needs both");
        }
        return new NpmAttestations(publish, provenance);
    }
}
