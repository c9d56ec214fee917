package dev.provenant.cli;

import dev.provenant.frontend.GateVsa;
import dev.provenant.frontend.Signing;
import static dev.provenant.attest.text.TerminalText.line;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.ci.CiDetection;
import dev.provenant.attest.ci.Environment;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.policy.EvidenceBundle;
import dev.provenant.policy.PolicyException;
import dev.provenant.policy.PromotionGate;
import dev.provenant.policy.PromotionPolicy;
import dev.provenant.policy.PromotionVerdict;
import dev.provenant.policy.RuleResult;
import dev.provenant.policy.VerificationSummary;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.store.Decisions;
import dev.provenant.store.EvidenceStore;
import dev.provenant.store.StoredEvidence;
import dev.provenant.verifier.Artifact;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "promote", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Decide whether artifacts may enter a stage of a promotion policy. Every bundle is verified against the",
            "stage's trusted signers, then every rule of the stage is evaluated: predicate types, k-of-n signers, evidence",
            "age, provenance (builder, source, ref pattern, build type), dependencies (pinned, allow/deny catalog) and the",
            "previous stage's VSA. Each rule's verdict and reason is printed; the exit code is 0 only if all hold.",
            "With --vsa-key, a passed promotion writes a SLSA Verification Summary Attestation (v1) signed with that key",
            "(the stage's gate-key), which the next stage can require; with --vsa-keyless, the VSA is signed keyless by the",
            "job's OIDC identity (the stage's gate-identity). Nothing is written when promotion is refused."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant promote --policy policy.yaml --stage build --bundle app.jar.provenance.sigstore.json \\",
            "      --vsa-key build-gate.key --vsa-output app.jar.build.vsa.json app.jar",
            "  provenant promote --policy policy.yaml --stage staging --bundle app.jar.build.vsa.json \\",
            "      --bundle app.jar.tests.sigstore.json --vsa-key staging-gate.key app.jar",
            "  provenant promote --policy policy.yaml --stage production --bundle app.jar.staging.vsa.sigstore.json --json app.jar",
            "  provenant promote --policy policy.yaml --stage build --bundle app.jar.provenance.sigstore.json --vsa-keyless app.jar",
            "  provenant promote --policy policy.yaml --stage build --vsa-key build-gate.key --vsa-output app.build.vsa.json \\",
            "      oci://registry.example.com/app@sha256:3f1c...      # the image's referrers are its evidence",
            "",
            "Exit codes: 0 promoted; 1 a rule does not hold; 2 unusable policy, bundle or key; 3 the signing device failed."})
final class PromoteCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--policy", required = true, paramLabel = "POLICY", description = "The promotion policy (YAML or JSON).")
    Path policyFile;

    @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "The stage to promote to, as the policy names it.")
    String stage;

    @Option(names = "--bundle", paramLabel = "BUNDLE",
            description = "Evidence: an attestation bundle or an earlier stage's VSA (repeatable). Without it, --store's bundles"
                    + " about the artifacts' digests.")
    List<Path> bundles = new ArrayList<>();

    @Option(names = "--store", arity = "0..1", fallbackValue = "", paramLabel = "LOCATION",
            description = "Record the decision, pass or refuse, in this evidence store's decision log, signed by the --vsa-key;"
                    + " store the VSA there; and, without --bundle, take the evidence from it. A folder, or"
                    + " postgresql://HOST[:PORT]/DB; with no value, PROVENANT_STORE_URL.")
    String store;

    @Option(names = "--vsa-key", paramLabel = "KEYREF",
            description = "Sign a VSA on success with this key (PEM file, pkcs11: URI, or a KMS key reference).")
    String vsaKey;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the VSA key's passphrase (default: the PROVENANT_PASSWORD variable).")
    Path passwordFile;

    @Option(names = "--vsa-keyless",
            description = "Sign the VSA keyless instead, as the gate's OIDC identity (the stage's gate-identity):"
                    + " a Fulcio certificate, logged in Rekor.")
    boolean vsaKeyless;

    @Option(names = "--identity-token", paramLabel = "@FILE|TOKEN",
            description = "With --vsa-keyless: the OIDC token, best as @FILE. Default: GitHub Actions, then SIGSTORE_ID_TOKEN.")
    String identityToken;

    @Option(names = "--signing-config", paramLabel = "FILE",
            description = "With --vsa-keyless: the Sigstore instance's signing config (default: the public-good instance).")
    Path signingConfig;

    @Option(names = "--vsa-output", paramLabel = "FILE",
            description = "Where the VSA bundle goes (default: FILE.STAGE.vsa.sigstore.json beside the first artifact; - for stdout).")
    String vsaOutput;

    @Option(names = "--resource-uri", paramLabel = "URI",
            description = "The VSA's resourceUri, e.g. a package URL (default: the first artifact's file name).")
    String resourceUri;

    @Option(names = "--trusted-root", paramLabel = "FILE",
            description = "Sigstore trusted_root.json for keyless signers and log entries (default: the public-good root).")
    Path trustedRoot;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "The artifacts to promote (files, or sha256:HEX digests), or images (oci://REGISTRY/REPOSITORY@sha256:HEX),"
                    + " whose evidence is also read from their referrers in the registry.")
    List<String> artifacts;

    @Option(names = "--base-image", paramLabel = "IMAGE",
            description = "A base image the artifacts were built on, REGISTRY/REPOSITORY@sha256:HEX (repeatable): checked by the"
                    + " stage's base-images rules as those the provenance names are, pinned and signed by a listed signer.")
    List<String> baseImages = new ArrayList<>();

    @Mixin
    RegistryOptions registry;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (vsaKey != null && vsaKeyless) {
            throw new UsageException("give either --vsa-key or --vsa-keyless, not both");
        }
        if (vsaOutput != null && vsaKey == null && !vsaKeyless) {
            throw new UsageException("--vsa-output needs --vsa-key or --vsa-keyless: a VSA is signed by the stage's gate");
        }
        if (!vsaKeyless && (identityToken != null || signingConfig != null)) {
            throw new UsageException("--identity-token and --signing-config go with --vsa-keyless");
        }
        PromotionPolicy policy;
        try {
            policy = PromotionPolicy.load(policyFile);
        } catch (PolicyException e) {
            return PolicyCli.unusable(spec.commandLine(), common.json, e);
        }
        if (policy.stage(stage).isEmpty()) {
            throw new UsageException("the policy has no stage '" + stage + "' (stages: " + String.join(", ", policy.stageNames()) + ")");
        }
        if (!baseImages.isEmpty() && policy.stage(stage).get().evidence().stream().noneMatch(e -> e.baseImages().isPresent())) {
            throw new UsageException("--base-image is checked by a stage's base-images rule, and stage '" + stage + "' has none");
        }
        boolean images = artifacts.stream().anyMatch(ImageVerifyRun::isImage);
        if (bundles.isEmpty() && store == null && !images) {
            throw new UsageException("give the evidence: --bundle FILE, or --store to take it from an evidence store");
        }
        if (store != null && vsaKey == null) {
            throw new UsageException("--store records the decision in a log signed by the gate key: give --vsa-key");
        }
        List<EvidenceBundle> evidence = new ArrayList<>();
        for (Path bundle : bundles) {
            evidence.add(EvidenceBundle.read(bundle));
        }
        List<Artifact> inputs = new ArrayList<>();
        List<String> pinnedImages = new ArrayList<>();
        for (String a : artifacts) {
            if (ImageVerifyRun.isImage(a)) {
                // an image is promoted by its manifest digest; the bundles attached to it are evidence like --bundle files
                ImageEvidence.Found found = ImageEvidence.find(spec.commandLine(), registry, ImageVerifyRun.reference(a), "promoting");
                inputs.add(new Artifact.DigestArtifact(found.digest()));
                evidence.addAll(found.bundles());
                pinnedImages.add(found.pinned());
            } else {
                inputs.add(Artifact.parse(a));
            }
        }
        if (images && resourceUri == null) {
            resourceUri = pinnedImages.get(0);
        }
        ArtifactDigester digester = new ArtifactDigester();
        // Open the key first: an unusable key is a usage error, found before any evidence is weighed.
        try (Signer gate = vsaKey == null ? null : SignerProviders.signers(vsaKey).open(vsaKey, SecretSource.password(passwordFile));
                EvidenceStore evidenceStore = store == null ? null : StoreCli.open(store)) {
            if (evidenceStore != null && bundles.isEmpty()) {
                evidence.addAll(StoredEvidence.forSubjects(evidenceStore, subjectDigests(inputs, digester)));
            }
            VerifierSetup setup = VerifierSetup.forRoot(trustedRoot);
            PromotionGate promotion = new PromotionGate(setup.verifier(), digester, Clock.systemUTC(),
                    ImageEvidence.baseImages(registry, setup), baseImages);
            PromotionVerdict verdict;
            try {
                verdict = promotion.evaluate(policy, stage, evidence, inputs);
            } catch (ImageEvidence.RegistryFailure e) {
                throw e.registry();
            }
            String written = null;
            Bundle vsa = null;
            if (verdict.passed() && gate != null) {
                vsa = VerificationSummary.issue(verdict, gate, resourceUri);
                written = vsaOutput != null ? vsaOutput : evidenceStore != null ? null : defaultOutput();
            } else if (verdict.passed() && vsaKeyless) {
                vsa = keylessVsa(verdict);
                written = vsaOutput != null ? vsaOutput : defaultOutput();
            }
            if (vsa != null && written != null) {
                Outputs.write(spec.commandLine(), written, vsa.toJson());
            }
            Long leaf = null;
            if (evidenceStore != null) {
                if (vsa != null) {
                    evidenceStore.put(vsa.toJson());
                }
                leaf = Decisions.record(evidenceStore, verdict,
                        Optional.of(CiDetection.discover().detect(Environment.ofProcess(), Path.of(""))), gate).index();
            }
            print(verdict, written, leaf, evidenceStore);
            return verdict.passed() ? ExitCode.OK : ExitCode.NOT_TRUSTED;
        }
    }

    /** Each artifact's SHA-256, as the store indexes subjects. */
    private static List<String> subjectDigests(List<Artifact> inputs, ArtifactDigester digester) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        for (Artifact a : inputs) {
            Digest d = a instanceof Artifact.DigestArtifact da ? da.digest()
                    : digester.digest(((Artifact.FileArtifact) a).path(), DigestAlgorithm.SHA256);
            out.add(d.toString());
        }
        return out;
    }

    /** The VSA signed keyless, written only when the token's identity is the stage's gate-identity. */
    private Bundle keylessVsa(PromotionVerdict verdict) throws Exception {
        try (Signing keyless = KeylessSetup.open(identityToken, signingConfig, trustedRoot, spec.commandLine().getErr())) {
            return GateVsa.keyless(keyless, verdict, resourceUri);
        }
    }

    private String defaultOutput() throws UsageException {
        if (ImageVerifyRun.isImage(artifacts.get(0))) {
            throw new UsageException("promoting an image needs --vsa-output FILE for the VSA (or --store)");
        }
        if (Artifact.parse(artifacts.get(0)) instanceof Artifact.DigestArtifact) {
            throw new UsageException("promoting a digest needs --vsa-output FILE for the VSA");
        }
        return artifacts.get(0) + "." + stage + ".vsa.sigstore.json";
    }

    private void print(PromotionVerdict verdict, String written, Long leaf, EvidenceStore evidenceStore) {
        CommandLine cmd = spec.commandLine();
        if (common.json) {
            ObjectNode out = verdict.toJson();
            out.put("ok", verdict.passed());
            out.put("exitCode", verdict.passed() ? ExitCode.OK : ExitCode.NOT_TRUSTED);
            if (written != null && !"-".equals(written)) {
                out.put("vsa", written);
            }
            if (leaf != null) {
                out.put("store", evidenceStore.name());
                out.put("decisionLeaf", leaf);
            }
            Outputs.printJson(cmd, out);
        } else {
            PrintWriter out = cmd.getOut();
            if (!"-".equals(written)) {
                out.println("promote " + String.join(", ", artifacts) + " to " + stage + " under policy " + verdict.policy().name()
                        + " (" + verdict.policy().digest() + "):");
                for (RuleResult rule : verdict.rules()) {
                    out.println("  " + line(rule.line()));
                }
                if (verdict.passed()) {
                    out.println("promoted to " + stage + (written == null ? "" : "; VSA written to " + written)
                            + (evidenceStore == null ? "" : (written == null ? "; VSA" : " and") + " stored in " + evidenceStore.name()));
                }
                if (leaf != null) {
                    out.println("decision recorded as leaf " + leaf + " of the decision log of " + evidenceStore.name());
                }
            }
            out.flush();
        }
        if (!verdict.passed()) {
            RuleResult first = verdict.firstFailure().orElse(verdict.rules().isEmpty() ? null : verdict.rules().get(0));
            cmd.getErr().println("provenant: promotion to " + stage + " refused: " + (first == null ? "no rules" : line(first.line())));
            cmd.getErr().flush();
        }
    }
}
