package dev.provenant.cli;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.policy.PolicyException;
import dev.provenant.policy.PromotionPolicy;
import dev.provenant.store.AuditReport;
import dev.provenant.store.DecisionLog;
import dev.provenant.store.EvidenceStore;
import dev.provenant.store.StoredEvidence;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Verify the decision log: every leaf is hashed afresh; every checkpoint must be signed by a gate key, come",
            "after a smaller one and have the root of the leaves before it; every leaf must be covered by a checkpoint and",
            "proved included in the latest. With --since, the log must also be proved consistent with a checkpoint kept",
            "elsewhere, which finds a tail cut off together with its checkpoints.",
            "Exit 0 the log holds; 1 it does not (each problem is printed, naming the leaf); 2 usage; 3 the store failed."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant audit verify --policy policy.yaml",
            "  provenant audit verify --gate-key build-gate.pub --gate-key staging-gate.pub --since checkpoint.txt --json"})
final class AuditVerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", arity = "0..1", fallbackValue = "", paramLabel = "LOCATION", description = StoreCli.OPTION_DESCRIPTION)
    String store;

    @Option(names = "--gate-key", paramLabel = "FILE", description = "A gate's PEM public key (repeatable).")
    List<Path> gateKeys = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "POLICY", description = "Trust the gate-key of every stage of this promotion policy.")
    Path policy;

    @Option(names = "--since", paramLabel = "CHECKPOINT",
            description = "A checkpoint printed earlier by `provenant audit checkpoint` and kept outside the store.")
    Path since;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        List<PublicKey> keys = new ArrayList<>();
        for (Path key : gateKeys) {
            try {
                keys.add(PemPublicKeys.parse(BoundedFile.readString(key, InputLimit.KEY, StandardCharsets.US_ASCII)));
            } catch (FormatException e) {
                throw new UsageException(key + ": " + e.getMessage());
            }
        }
        if (policy != null) {
            try {
                keys.addAll(StoredEvidence.gateKeys(PromotionPolicy.load(policy)));
            } catch (PolicyException e) {
                return PolicyCli.unusable(spec.commandLine(), common.json, e);
            }
        }
        if (keys.isEmpty()) {
            throw new UsageException("give the gate keys whose checkpoints to trust: --gate-key FILE or --policy POLICY with gate-keys");
        }
        Optional<String> sinceNote = Optional.empty();
        if (since != null) {
            sinceNote = Optional.of(BoundedFile.readString(since, InputLimit.TOKEN, StandardCharsets.UTF_8));
        }
        AuditReport report;
        String name;
        try (EvidenceStore s = StoreCli.open(store)) {
            name = s.name();
            report = new DecisionLog(s).verify(keys, sinceNote);
        }
        CommandLine cmd = spec.commandLine();
        if (common.json) {
            var out = report.toJson();
            out.put("store", name);
            out.put("exitCode", report.ok() ? ExitCode.OK : ExitCode.NOT_TRUSTED);
            Outputs.printJson(cmd, out);
        } else if (report.ok()) {
            PrintWriter out = cmd.getOut();
            out.println("decision log of " + name + " verified: " + report.leaves() + " decisions, every one included in the"
                    + " checkpoint of size " + report.verifiedSize() + (since == null ? "" : ", consistent with " + since));
            out.flush();
        }
        if (!report.ok()) {
            PrintWriter err = cmd.getErr();
            for (AuditReport.Problem p : report.problems()) {
                err.println("provenant: decision log of " + name + ": " + p.message());
            }
            err.flush();
        }
        return report.ok() ? ExitCode.OK : ExitCode.NOT_TRUSTED;
    }
}
