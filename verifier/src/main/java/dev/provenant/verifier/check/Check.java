package dev.provenant.verifier.check;

/** The checks a verification runs. Every failure names one, so a pipeline log says what did not hold. */
public enum Check {
    BUNDLE_FORMAT("bundle format"),
    KEY("verification key"),
    SIGNATURE("signature"),
    ARTIFACT_DIGEST("artifact digest"),
    PAYLOAD_TYPE("DSSE payload type"),
    STATEMENT("in-toto statement"),
    SUBJECT_DIGEST("statement subject digest"),
    PREDICATE_TYPE("predicate type"),
    TRUST_ROOT("trusted root"),
    TLOG_REQUIRED("transparency log entry required"),
    TLOG_KEY("transparency log key"),
    TLOG_BODY("transparency log entry body"),
    TLOG_SET("signed entry timestamp"),
    TLOG_INCLUSION_PROOF("inclusion proof"),
    TLOG_CHECKPOINT("checkpoint"),
    TLOG_TIME("transparency log time"),
    TIMESTAMP("RFC 3161 timestamp"),
    CERTIFICATE_CHAIN("certificate chain"),
    CERTIFICATE_VALIDITY("certificate validity"),
    SCT("signed certificate timestamp"),
    IDENTITY("certificate identity"),
    LINK("in-toto link"),
    PROVENANCE_BUILDER("provenance builder"),
    PROVENANCE_SOURCE("provenance source"),
    PROVENANCE_REF("provenance source ref"),
    PROVENANCE_BUILD_TYPE("provenance build type"),
    PROVENANCE_INPUTS("provenance workflow inputs"),
    PROVENANCE_SIGNER("provenance signer"),
    LAYOUT("in-toto layout"),
    LAYOUT_SIGNATURE("layout signature"),
    LAYOUT_EXPIRY("layout expiry"),
    STEP_THRESHOLD("step threshold"),
    ARTIFACT_RULE("artifact rule"),
    INSPECTION("inspection"),
    SANDBOX("sandboxed step"),
    NPM_ATTESTATIONS("npm attestations"),
    NPM_REGISTRY_KEY("npm registry key"),
    NPM_PACKAGE("npm package"),
    VSA_VERIFIER("VSA verifier"),
    VSA_RESOURCE_URI("VSA resource URI"),
    VSA_RESULT("VSA verification result"),
    VSA_LEVELS("VSA verified levels");

    private final String label;

    Check(String label) {
        this.label = label;
    }

    /** A short human name, as printed in a failure line. */
    public String label() {
        return label;
    }
}
