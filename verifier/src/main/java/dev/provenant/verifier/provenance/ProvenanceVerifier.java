package dev.provenant.verifier.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the SLSA provenance of a bundle that has already been verified (signature, subjects, logs,
 * identity) against what the consumer expects, as slsa-verifier does: builder, source repository, git
 * ref, build type and workflow inputs, then, for keyless bundles, that the certificate's signer is
 * consistent with the builder and source the provenance claims ({@link SignerConsistency}). The first
 * check that does not hold fails with its own {@link Check}.
 */
public final class ProvenanceVerifier {
    private final ProvenanceReader reader = new ProvenanceReader();
    private final SignerConsistency signer = new SignerConsistency();
    private final Optional<TrustedBuilders> trusted;
    private final boolean builtOnRunner;

    /** Keyless GitHub signers are only held to the builder and source they certify (no trusted list). */
    public ProvenanceVerifier() {
        this.trusted = Optional.empty();
        this.builtOnRunner = false;
    }

    private ProvenanceVerifier(boolean builtOnRunner) {
        this.trusted = Optional.empty();
        this.builtOnRunner = builtOnRunner;
    }

    /**
     * For provenance whose builder.id names the machine the workflow ran on rather than a workflow (the
     * npm CLI writes {@code https://github.com/actions/runner/github-hosted}): the signing workflow is the
     * user's own, so it is not compared with builder.id; the caller decides which runner builders it
     * accepts. The source repository, ref and commit the certificate certifies must still be the
     * provenance's.
     */
    public static ProvenanceVerifier forRunnerBuilds() {
        return new ProvenanceVerifier(true);
    }

    /**
     * Keyless GitHub signers must also be trusted builders (slsa-verifier's model, see
     * {@link TrustedBuilders}), or the builder the expectations name.
     */
    public ProvenanceVerifier(TrustedBuilders trusted) {
        this.trusted = Optional.of(trusted);
        this.builtOnRunner = false;
    }

    public VerifiedProvenance verify(VerificationResult verified, ProvenanceExpectations expected) throws VerificationException {
        Statement statement = verified.statement().orElseThrow(() -> new VerificationException(Check.PREDICATE_TYPE,
                "the bundle holds a message signature, not a provenance attestation"));
        Provenance p = reader.read(statement);
        List<String> checked = new ArrayList<>();
        checkBuilder(p, expected, checked);
        checkSource(p, expected, checked);
        checkRef(p, expected, checked);
        checkBuildType(p, expected, checked);
        checkInputs(p, expected, checked);
        if (verified.identity().isPresent() && builtOnRunner) {
            SignerConsistency.checkSource(verified.identity().get().identity(), p);
        } else if (verified.identity().isPresent()) {
            signer.check(verified.identity().get().identity(), p, expected, trusted, checked);
        }
        return new VerifiedProvenance(p, checked, verified.identity().isPresent());
    }

    private static void checkBuilder(Provenance p, ProvenanceExpectations expected, List<String> checked) throws VerificationException {
        if (expected.builderId().isEmpty()) {
            return;
        }
        BuilderId want = expected.builderId().get();
        BuilderId actual;
        try {
            actual = BuilderId.parse(p.builderId());
        } catch (IllegalArgumentException e) {
            throw new VerificationException(Check.PROVENANCE_BUILDER, e.getMessage());
        }
        if (!actual.satisfies(want)) {
            throw new VerificationException(Check.PROVENANCE_BUILDER, "builder.id is " + p.builderId() + ", expected " + want
                    + (want.version().isEmpty() ? " (any version)" : ""));
        }
        checked.add("builder " + p.builderId());
    }

    private static void checkSource(Provenance p, ProvenanceExpectations expected, List<String> checked) throws VerificationException {
        if (p.sources().isEmpty()) {
            throw new VerificationException(Check.PROVENANCE_SOURCE, "the provenance states no source repository");
        }
        for (Provenance.StatedSource s : p.sources()) {
            SourceUri actual;
            try {
                actual = SourceUri.normalize(s.uri());
            } catch (IllegalArgumentException e) {
                throw new VerificationException(Check.PROVENANCE_SOURCE, e.getMessage());
            }
            if (!actual.equals(expected.sourceUri())) {
                throw new VerificationException(Check.PROVENANCE_SOURCE, "source is " + s.uri() + " (" + s.field() + "), expected "
                        + expected.sourceUri());
            }
        }
        checked.add("source " + p.source().orElseThrow());
    }

    private static void checkRef(Provenance p, ProvenanceExpectations expected, List<String> checked) throws VerificationException {
        if (expected.ref().isEmpty()) {
            p.ref().ifPresent(r -> checked.add("ref " + r + " (not pinned)"));
            return;
        }
        RefExpectation want = expected.ref().get();
        String ref = p.ref().orElseThrow(() -> new VerificationException(Check.PROVENANCE_REF,
                "the provenance states no git ref, expected " + want.kind().label() + " " + want.value()));
        String prefix = want.kind() == RefExpectation.Kind.BRANCH ? "refs/heads/" : "refs/tags/";
        if (!ref.startsWith(prefix) || ref.length() == prefix.length()) {
            throw new VerificationException(Check.PROVENANCE_REF, "ref is " + ref + ", not a " + (want.kind() == RefExpectation.Kind.BRANCH
                    ? "branch" : "tag") + " (expected " + want.kind().label() + " " + want.value() + ")");
        }
        String name = ref.substring(prefix.length());
        switch (want.kind()) {
            case TAG, BRANCH -> {
                if (!name.equals(want.value())) {
                    throw new VerificationException(Check.PROVENANCE_REF, "ref is " + ref + ", expected " + want.kind().label() + " "
                            + want.value());
                }
            }
            case VERSIONED_TAG -> {
                SemanticVersionTag actual = SemanticVersionTag.parse(name).orElseThrow(() -> new VerificationException(
                        Check.PROVENANCE_REF, "tag " + name + " is not a semantic version, expected one matching " + want.value()));
                Optional<String> mismatch = actual.mismatch(SemanticVersionTag.parse(want.value()).orElseThrow());
                if (mismatch.isPresent()) {
                    throw new VerificationException(Check.PROVENANCE_REF, "tag " + name + " does not match " + want.value() + ": "
                            + mismatch.get());
                }
            }
            default -> throw new IllegalStateException(want.kind().name());
        }
        checked.add("ref " + ref + " (" + want.kind().label() + " " + want.value() + ")");
    }

    private static void checkBuildType(Provenance p, ProvenanceExpectations expected, List<String> checked) throws VerificationException {
        if (expected.buildType().isPresent() && !expected.buildType().get().equals(p.buildType())) {
            throw new VerificationException(Check.PROVENANCE_BUILD_TYPE, "build type is " + p.buildType() + ", expected "
                    + expected.buildType().get());
        }
        checked.add("build type " + p.buildType() + (expected.buildType().isPresent() ? "" : " (not pinned)"));
    }

    private static void checkInputs(Provenance p, ProvenanceExpectations expected, List<String> checked) throws VerificationException {
        JsonNode inputs = p.inputs();
        for (Map.Entry<String, String> want : expected.workflowInputs().entrySet()) {
            JsonNode value = inputs.get(want.getKey());
            // slsa-verifier reads inputs as strings; a number or boolean is compared as it is written.
            if (value == null || !value.isValueNode() || value.isNull()) {
                throw new VerificationException(Check.PROVENANCE_INPUTS, "the provenance records no input " + want.getKey()
                        + ", expected " + want.getKey() + "=" + want.getValue());
            }
            if (!value.asText().equals(want.getValue())) {
                throw new VerificationException(Check.PROVENANCE_INPUTS, "input " + want.getKey() + "=" + value.asText() + ", expected "
                        + want.getKey() + "=" + want.getValue());
            }
            checked.add("input " + want.getKey() + "=" + want.getValue());
        }
    }
}
