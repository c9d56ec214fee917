package dev.provenant.verifier.layout;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.link.Link;
import dev.provenant.attest.link.Metablock;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.verifier.Check;
import dev.provenant.verifier.VerificationException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * in-toto v1.0 final-product verification (specification section 5), in the order in-toto-verify
 * follows: layout signatures by every owner key, expiry, step links and their signature thresholds,
 * command alignment (a warning only, as the specification asks), agreement of the threshold links'
 * artifacts, each step's material and product rules, then the inspections and their rules.
 * Inspections run only when an {@link InspectionRunner} is given; without one a layout that has
 * inspections fails, because its final product was not checked as its owner required.
 */
public final class LayoutVerifier {
    private final Clock clock;

    public LayoutVerifier(Clock clock) {
        this.clock = clock;
    }

    public LayoutVerification verify(Metablock block, List<SslibPublicKey> ownerKeys, Path linkDir,
            Optional<InspectionRunner> inspectionRunner, Consumer<String> warn) throws VerificationException {
        List<String> warnings = new ArrayList<>();
        // kept for the result and passed on at once, so a caller sees them even when verification then fails
        Consumer<String> note = w -> {
            warnings.add(w);
            warn.accept(w);
        };
        Layout layout = checkOwnerSignatures(block, ownerKeys);
        if (!layout.expires().isAfter(Instant.now(clock))) {
            throw new VerificationException(Check.LAYOUT_EXPIRY, "the layout expired at " + layout.expires());
        }
        StepLinkLoader loader = new StepLinkLoader(layout, linkDir, note);
        Map<String, Link> links = new LinkedHashMap<>();
        Map<String, List<String>> signers = new LinkedHashMap<>();
        for (Step step : layout.steps()) {
            List<StepLink> stepLinks = loader.load(step);
            for (StepLink l : stepLinks) {
                if (!l.link().command().equals(step.expectedCommand())) {
                    note.accept("step '" + step.name() + "': the command " + l.link().command() + " recorded by key "
                            + l.keyid() + " differs from the expected command " + step.expectedCommand());
                }
            }
            checkAgreement(step, stepLinks);
            links.put(step.name(), stepLinks.get(0).link());
            signers.put(step.name(), stepLinks.stream().map(StepLink::keyid).toList());
        }
        ArtifactRuleEvaluator stepRules = new ArtifactRuleEvaluator(links);
        for (Step step : layout.steps()) {
            stepRules.apply(step.name(), ArtifactRuleEvaluator.Side.MATERIALS, step.expectedMaterials());
            stepRules.apply(step.name(), ArtifactRuleEvaluator.Side.PRODUCTS, step.expectedProducts());
        }
        if (layout.inspections().isEmpty()) {
            return new LayoutVerification(signers, List.of(), warnings);
        }
        List<String> names = layout.inspections().stream().map(Inspection::name).toList();
        InspectionRunner runner = inspectionRunner.orElseThrow(() -> new VerificationException(Check.INSPECTION,
                "the layout has inspections " + names + " and they were not run; the final product is not verified"
                        + " until they are (--run-inspections)"));
        Map<String, Link> withInspections = new LinkedHashMap<>(links);
        for (Inspection inspection : layout.inspections()) {
            withInspections.put(inspection.name(), runner.run(inspection));
        }
        ArtifactRuleEvaluator inspectionRules = new ArtifactRuleEvaluator(withInspections);
        for (Inspection inspection : layout.inspections()) {
            inspectionRules.apply(inspection.name(), ArtifactRuleEvaluator.Side.MATERIALS, inspection.expectedMaterials());
            inspectionRules.apply(inspection.name(), ArtifactRuleEvaluator.Side.PRODUCTS, inspection.expectedProducts());
        }
        return new LayoutVerification(signers, names, warnings);
    }

    /** Every owner key must have signed, as in-toto-verify -k requires of each key it is given. */
    private static Layout checkOwnerSignatures(Metablock block, List<SslibPublicKey> ownerKeys) throws VerificationException {
        if (ownerKeys.isEmpty()) {
            throw new VerificationException(Check.LAYOUT_SIGNATURE, "layout verification needs at least one owner key");
        }
        if (!Layout.TYPE.equals(block.type())) {
            throw new VerificationException(Check.LAYOUT, "the metadata is " + (block.type().isEmpty() ? "without _type"
                    : "a '" + block.type() + "'") + ", not an in-toto layout");
        }
        for (SslibPublicKey key : ownerKeys) {
            if (!new SignatureByKey(key.keyid(), key).verifies(block)) {
                throw new VerificationException(Check.LAYOUT_SIGNATURE, "the layout has no good signature by owner key " + key.keyid());
            }
        }
        try {
            return Layout.fromJson(block.signed());
        } catch (FormatException e) {
            throw new VerificationException(Check.LAYOUT, e.getMessage());
        }
    }

    /** With a threshold above one, every counted link must record the same materials and products. */
    private static void checkAgreement(Step step, List<StepLink> stepLinks) throws VerificationException {
        if (step.threshold() <= 1) {
            return;
        }
        StepLink reference = stepLinks.get(0);
        for (StepLink other : stepLinks) {
            if (!reference.link().materials().equals(other.link().materials())
                    || !reference.link().products().equals(other.link().products())) {
                throw new VerificationException(Check.STEP_THRESHOLD, "step '" + step.name() + "': the links by keys "
                        + reference.keyid() + " and " + other.keyid() + " record different artifacts");
            }
        }
    }
}
