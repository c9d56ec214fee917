package dev.provenant.intoto.layout;

import dev.provenant.attest.FormatException;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
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
 * sublayouts, command alignment (a warning only, as the specification asks), agreement of the
 * threshold links' artifacts, each step's material and product rules, then the inspections and their
 * rules. A step whose layout entry carries {@link SandboxRequirement#FIELD} also needs every counted link
 * to record the sandbox it asks for. Inspections run only when an {@link InspectionRunner} is given; without one a layout that
 * has inspections fails, because its final product was not checked as its owner required.
 */
public final class LayoutVerifier {
    private final Clock clock;
    private final VerificationBudget.Limits limits;

    public LayoutVerifier(Clock clock) {
        this(clock, VerificationBudget.Limits.DEFAULT);
    }

    /** With other limits than the defaults, which {@link VerificationBudget} documents. */
    LayoutVerifier(Clock clock, VerificationBudget.Limits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    public LayoutVerification verify(Metablock block, List<SslibPublicKey> ownerKeys, Path linkDir,
            Optional<InspectionRunner> inspectionRunner, Consumer<String> warn) throws VerificationException {
        if (ownerKeys.isEmpty()) {
            throw new VerificationException(Check.LAYOUT_SIGNATURE, "layout verification needs at least one owner key");
        }
        List<String> warnings = new ArrayList<>();
        // kept for the result and passed on at once, so a caller sees them even when verification then fails
        Consumer<String> note = w -> {
            warnings.add(w);
            warn.accept(w);
        };
        List<SignatureByKey> owners = ownerKeys.stream().map(k -> new SignatureByKey(k.keyid(), k)).toList();
        // sublayouts nest by directory, and a directory may link back to its parent: one budget bounds the whole tree
        VerificationBudget budget = new VerificationBudget(limits);
        Verified v = new Run(linkDir, inspectionRunner, note, 0, budget).verify(block, owners, "");
        return new LayoutVerification(v.signers(), v.inspections(), warnings);
    }

    private record Verified(Map<String, List<String>> signers, List<String> inspections, Link summary) {}

    /** One layout's verification; a sublayout gets its own, one directory and one level further down. */
    private final class Run {
        private final Path linkDir;
        private final Optional<InspectionRunner> inspectionRunner;
        private final Consumer<String> note;
        private final int depth;
        private final VerificationBudget budget;

        Run(Path linkDir, Optional<InspectionRunner> inspectionRunner, Consumer<String> note, int depth, VerificationBudget budget) {
            this.linkDir = linkDir;
            this.inspectionRunner = inspectionRunner;
            this.note = note;
            this.depth = depth;
            this.budget = budget;
        }

        Verified verify(Metablock block, List<SignatureByKey> owners, String summaryName) throws VerificationException {
            budget.layout(depth, summaryName.isEmpty() ? "" : " at step '" + summaryName + "'");
            Layout layout = checkOwnerSignatures(block, owners);
            if (!layout.expires().isAfter(Instant.now(clock))) {
                throw new VerificationException(Check.LAYOUT_EXPIRY, where() + "the layout expired at " + layout.expires());
            }
            StepLinkLoader loader = new StepLinkLoader(layout, linkDir, note, (step, keyid, sub) -> sublayout(layout, step, keyid, sub),
                    budget);
            Map<String, Link> links = new LinkedHashMap<>();
            Map<String, List<String>> signers = new LinkedHashMap<>();
            for (Step step : layout.steps()) {
                List<StepLink> stepLinks = loader.load(step);
                for (StepLink l : stepLinks) {
                    if (!l.link().command().equals(step.expectedCommand())) {
                        note.accept(where() + "step '" + step.name() + "': the command " + l.link().command() + " recorded by key "
                                + l.keyid() + " differs from the expected command " + step.expectedCommand());
                    }
                }
                if (step.sandbox().isPresent()) {
                    for (StepLink l : stepLinks) {
                        step.sandbox().get().check(step.name(), l);
                    }
                }
                checkAgreement(step, stepLinks);
                links.put(step.name(), stepLinks.get(0).link());
                signers.put(step.name(), stepLinks.stream().map(StepLink::keyid).toList());
            }
            ArtifactRuleEvaluator stepRules = new ArtifactRuleEvaluator(links, budget);
            for (Step step : layout.steps()) {
                stepRules.apply(step.name(), ArtifactRuleEvaluator.Side.MATERIALS, step.expectedMaterials());
                stepRules.apply(step.name(), ArtifactRuleEvaluator.Side.PRODUCTS, step.expectedProducts());
            }
            List<String> names = layout.inspections().stream().map(Inspection::name).toList();
            if (!names.isEmpty()) {
                runInspections(layout, links, names);
            }
            return new Verified(signers, names, summary(layout, links, summaryName));
        }

        private void runInspections(Layout layout, Map<String, Link> links, List<String> names) throws VerificationException {
            InspectionRunner runner = inspectionRunner.orElseThrow(() -> new VerificationException(Check.INSPECTION,
                    where() + "the layout has inspections " + names + " and they were not run; the final product is not"
                            + " verified until they are (--run-inspections)"));
            Map<String, Link> withInspections = new LinkedHashMap<>(links);
            for (Inspection inspection : layout.inspections()) {
                withInspections.put(inspection.name(), runner.run(inspection));
            }
            ArtifactRuleEvaluator inspectionRules = new ArtifactRuleEvaluator(withInspections, budget);
            for (Inspection inspection : layout.inspections()) {
                inspectionRules.apply(inspection.name(), ArtifactRuleEvaluator.Side.MATERIALS, inspection.expectedMaterials());
                inspectionRules.apply(inspection.name(), ArtifactRuleEvaluator.Side.PRODUCTS, inspection.expectedProducts());
            }
        }

        /**
         * A sublayout is verified like a layout whose only owner is the functionary who signed it, with
         * its links in {@code STEP.KEYID8/} below this layout's link directory, as in-toto-verify does.
         */
        private Link sublayout(Layout layout, Step step, String keyid, Metablock sub) throws VerificationException {
            Path subDir = linkDir.resolve(step.name() + "." + keyid.substring(0, Math.min(8, keyid.length())));
            Run inner = new Run(subDir, inspectionRunner, note, depth + 1, budget);
            return inner.verify(sub, List.of(new SignatureByKey(keyid, layout.keys().get(keyid))), step.name()).summary();
        }

        /** What stands for a verified sublayout in its parent: the first step's materials and the last step's products and command. */
        private Link summary(Layout layout, Map<String, Link> links, String name) {
            if (layout.steps().isEmpty()) {
                return new Link(name.isEmpty() ? "layout" : name, List.of(), null, null, null, null);
            }
            Link first = links.get(layout.steps().get(0).name());
            Link last = links.get(layout.steps().get(layout.steps().size() - 1).name());
            return new Link(name.isEmpty() ? "layout" : name, last.command(), first.materials(), last.products(), last.byproducts(), null);
        }

        private String where() {
            return depth == 0 ? "" : "sublayout in " + linkDir.getFileName() + ": ";
        }

        /** Every owner key must have signed, as in-toto-verify -k requires of each key it is given. */
        private Layout checkOwnerSignatures(Metablock block, List<SignatureByKey> owners) throws VerificationException {
            if (!Layout.TYPE.equals(block.type())) {
                throw new VerificationException(Check.LAYOUT, "the metadata is " + (block.type().isEmpty() ? "without _type"
                        : "a '" + block.type() + "'") + ", not an in-toto layout");
            }
            for (SignatureByKey owner : owners) {
                if (!owner.verifies(block)) {
                    throw new VerificationException(Check.LAYOUT_SIGNATURE, where() + "the layout has no good signature by owner key "
                            + owner.keyid());
                }
            }
            try {
                return Layout.fromJson(block.signed());
            } catch (FormatException e) {
                throw new VerificationException(Check.LAYOUT, where() + e.getMessage());
            }
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
