package dev.provenant.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.provenant.verifier.trust.TrustedRootCache;
import dev.provenant.verifier.trust.TrustedRootChoice;
import dev.provenant.verifier.trust.TrustedRootRefresher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "trust", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Manage the Sigstore trusted root that verification uses offline.",
            "Verification uses --trusted-root FILE when given, else a refreshed root from the cache",
            "(PROVENANT_CACHE_DIR, $XDG_CACHE_HOME/provenant or ~/.cache/provenant) while the TUF metadata stored",
            "with it verifies, offline, from the Sigstore TUF root shipped with Provenant and has not expired",
            "(Sigstore's timestamp lasts up to a week), else the public-good root shipped with Provenant."},
        subcommands = {TrustCommand.Refresh.class, TrustCommand.Show.class},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant trust refresh      # TUF update of the public-good root (needs the network)",
            "  provenant trust show --json  # which root verification would use, and what it trusts"})
final class TrustCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
            description = "Update the cached public-good trusted root through Sigstore's TUF repository.")
    static final class Refresh implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            TrustedRootCache cache = TrustedRootCache.standard(System.getenv());
            try {
                TrustedRootRefresher refresher = RefresherLoader.load().orElseThrow(() -> new TrustedRootRefresher.RefreshException(
                        "the TUF client (provenant-trust-tuf) is not installed beside this CLI"));
                var refreshed = refresher.refresh(cache);
                if (common.json) {
                    ObjectNode out = Outputs.okJson();
                    out.put("directory", cache.tufDirectory().toString());
                    out.put("tufRootVersion", refreshed.tuf().rootVersion());
                    out.put("validUntil", refreshed.expires().toString());
                    describe(out, refreshed.root());
                    Outputs.printJson(spec.commandLine(), out);
                } else {
                    spec.commandLine().getOut().printf("Refreshed the public-good trusted root: %s (TUF root v%d, valid until %s)%n",
                            cache.tufDirectory(), refreshed.tuf().rootVersion(), refreshed.expires());
                }
                return ExitCode.OK;
            } catch (TrustedRootRefresher.RefreshException | java.io.IOException e) {
                PrintWriter err = spec.commandLine().getErr();
                if (common.json) {
                    ObjectNode out = Outputs.okJson();
                    out.put("ok", false);
                    out.put("exitCode", ExitCode.SERVICE);
                    out.put("message", e.getMessage());
                    Outputs.printJson(spec.commandLine(), out);
                }
                err.println("provenant: trust refresh failed: " + e.getMessage()
                        + " (verification keeps using the " + TrustedRootChoice.publicGood(cache).source() + ")");
                err.flush();
                return ExitCode.SERVICE;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
            description = "Show which trusted root verification uses and what it trusts.")
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--trusted-root", paramLabel = "FILE", description = "Show this root instead.")
        Path trustedRoot;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            VerifierSetup setup = VerifierSetup.forRoot(trustedRoot);
            TrustedRootCache.Status cache = TrustedRootCache.standard(System.getenv()).status();
            TrustedRoot root = setup.get();
            if (common.json) {
                ObjectNode out = Outputs.okJson();
                out.put("source", setup.source());
                ObjectNode c = out.putObject("cache");
                c.put("state", cache.state().name().toLowerCase(java.util.Locale.ROOT));
                c.put("detail", cache.detail());
                describe(out, root);
                Outputs.printJson(spec.commandLine(), out);
                return ExitCode.OK;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Trusted root: %s%n", setup.source());
            out.printf("Cache: %s: %s%n", cache.state().name().toLowerCase(java.util.Locale.ROOT), cache.detail());
            root.tlogs().forEach(l -> out.printf("  transparency log    %s (%s, valid %s)%n", l.baseUrl(), l.publicKey().keyDetails(),
                    l.publicKey().validFor()));
            root.certificateAuthorities().forEach(c -> out.printf("  certificate CA      %s (valid %s)%n", c.uri(), c.validFor()));
            root.ctlogs().forEach(l -> out.printf("  CT log              %s (valid %s)%n", l.baseUrl(), l.publicKey().validFor()));
            root.timestampAuthorities().forEach(c -> out.printf("  timestamp authority %s (valid %s)%n", c.uri(), c.validFor()));
            out.flush();
            return ExitCode.OK;
        }
    }

    private static void describe(ObjectNode out, TrustedRoot root) {
        var tlogs = out.putArray("tlogs");
        root.tlogs().forEach(l -> tlogs.add(l.baseUrl()));
        var cas = out.putArray("certificateAuthorities");
        root.certificateAuthorities().forEach(c -> cas.add(c.uri()));
        var ctlogs = out.putArray("ctlogs");
        root.ctlogs().forEach(l -> ctlogs.add(l.baseUrl()));
        var tsas = out.putArray("timestampAuthorities");
        root.timestampAuthorities().forEach(c -> tsas.add(c.uri()));
    }
}
