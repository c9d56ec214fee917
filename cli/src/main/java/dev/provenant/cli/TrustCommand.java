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
            "  provenant trust show --json  # which root verification would use, and what it trusts",
            "  provenant trust refresh --tuf-url https://tuf.example.com/ --tuf-root root.json",
            "                               # a private Sigstore instance: prints the trusted_root.json for --trusted-root"})
final class TrustCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --tuf-url} and {@code --tuf-root}, which name another TUF repository; both or neither. */
    static final class Repository {
        @CommandLine.Option(names = "--tuf-url", paramLabel = "URL",
                description = "Another TUF repository (http or https), for a private Sigstore instance, instead of the public-good one. "
                    + "Needs --tuf-root. Its cache is kept apart, in the cache folder's tuf/SHA256-OF-URL/, and never chosen "
                    + "by verification on its own: pass the trusted_root.json it stores there to --trusted-root.")
        String url;

        @CommandLine.Option(names = "--tuf-root", paramLabel = "FILE",
                description = "The initial trusted TUF root.json of the --tuf-url repository, as its operator publishes it; "
                    + "every refresh and every check of that cache starts from it.")
        Path root;

        boolean given() {
            return url != null || root != null;
        }

        /** The cache of the named repository, or empty when neither option is given. */
        java.util.Optional<TrustedRootCache> cache() throws UsageException, java.io.IOException {
            if (!given()) {
                return java.util.Optional.empty();
            }
            if (url == null || root == null) {
                throw new UsageException("--tuf-url and --tuf-root go together: the repository and the TUF root.json it starts from");
            }
            java.net.URI uri;
            try {
                uri = new java.net.URI(url);
            } catch (java.net.URISyntaxException e) {
                throw new UsageException("--tuf-url " + url + " is not a URL: " + e.getReason());
            }
            byte[] rootJson = dev.provenant.attest.io.BoundedFile.read(root, dev.provenant.attest.io.InputLimit.TRUSTED_ROOT);
            try {
                return java.util.Optional.of(TrustedRootCache.forRepository(
                        TrustedRootCache.standard(System.getenv()).directory(), uri, rootJson, java.time.Clock.systemUTC()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--tuf-url: " + e.getMessage());
            } catch (dev.provenant.verifier.trust.tuf.TufException e) {
                throw new UsageException("--tuf-root " + root + " is not a usable TUF root: " + e.getMessage());
            }
        }
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
            description = {"Update the cached public-good trusted root through Sigstore's TUF repository, or, with --tuf-url and",
                "--tuf-root, the trusted root of another TUF repository. Nothing in the cache changes unless every TUF check holds.",
                "Exit codes: 0 refreshed; 1 the repository's metadata or target does not hold under the TUF checks;",
                "2 a bad option or unreadable --tuf-root; 3 the repository could not be reached."})
    static final class Refresh implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CommonOptions common;

        @CommandLine.Mixin
        Repository repository = new Repository();

        @Override
        public Integer call() throws Exception {
            var other = repository.cache();
            if (other.isPresent()) {
                return refreshOther(other.get());
            }
            TrustedRootCache cache = TrustedRootCache.standard(System.getenv());
            try {
                TrustedRootRefresher refresher = refresher();
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
                // evidence that does not hold is 1, as for every verifier; a repository that cannot be reached is 3
                int code = e instanceof TrustedRootRefresher.RefreshException r && r.refused() ? ExitCode.NOT_TRUSTED : ExitCode.SERVICE;
                PrintWriter err = spec.commandLine().getErr();
                if (common.json) {
                    ObjectNode out = Outputs.okJson();
                    out.put("ok", false);
                    out.put("exitCode", code);
                    out.put("message", e.getMessage());
                    Outputs.printJson(spec.commandLine(), out);
                }
                err.println("provenant: trust refresh failed: " + e.getMessage()
                        + " (verification keeps using the " + TrustedRootChoice.publicGood(cache).source() + ")");
                err.flush();
                return code;
            }
        }

        /** The TUF client, which the CLI loads from its lib folder only for a refresh. */
        private static TrustedRootRefresher refresher() throws java.io.IOException, TrustedRootRefresher.RefreshException {
            return LibLoader.load(TrustedRootRefresher.class).orElseThrow(() -> new TrustedRootRefresher.RefreshException(
                    "the TUF client (provenant-trust-tuf) is not installed beside this CLI"));
        }

        private int refreshOther(TrustedRootCache cache) {
            String url = cache.repository().orElseThrow().toString();
            Path file = cache.trustedRootFile().orElseThrow();
            try {
                TrustedRootRefresher refresher = refresher();
                var refreshed = refresher.refresh(cache);
                if (common.json) {
                    ObjectNode out = Outputs.okJson();
                    out.put("repository", url);
                    out.put("directory", cache.tufDirectory().toString());
                    out.put("trustedRoot", file.toString());
                    out.put("tufRootVersion", refreshed.tuf().rootVersion());
                    out.put("validUntil", refreshed.expires().toString());
                    describe(out, refreshed.root());
                    Outputs.printJson(spec.commandLine(), out);
                } else {
                    spec.commandLine().getOut().printf("Refreshed the trusted root from %s: %s (TUF root v%d, valid until %s; "
                            + "verify with --trusted-root %s)%n", url, file, refreshed.tuf().rootVersion(), refreshed.expires(), file);
                }
                return ExitCode.OK;
            } catch (TrustedRootRefresher.RefreshException | java.io.IOException e) {
                int code = e instanceof TrustedRootRefresher.RefreshException r && r.refused() ? ExitCode.NOT_TRUSTED : ExitCode.SERVICE;
                if (common.json) {
                    ObjectNode out = Outputs.okJson();
                    out.put("ok", false);
                    out.put("exitCode", code);
                    out.put("message", e.getMessage());
                    Outputs.printJson(spec.commandLine(), out);
                }
                PrintWriter err = spec.commandLine().getErr();
                err.println("provenant: trust refresh failed: " + e.getMessage() + " (the cache in " + cache.tufDirectory()
                        + " is unchanged)");
                err.flush();
                return code;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
            description = {"Show which trusted root verification uses and what it trusts. With --tuf-url and --tuf-root, check the",
                "cache of that repository again, offline, from that TUF root: exit 0 and the path of its trusted_root.json",
                "while the chain holds and has not expired, else 1."})
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--trusted-root", paramLabel = "FILE", description = "Show this root instead.")
        Path trustedRoot;

        @Mixin
        CommonOptions common;

        @CommandLine.Mixin
        Repository repository = new Repository();

        @Override
        public Integer call() throws Exception {
            if (repository.given()) {
                if (trustedRoot != null) {
                    throw new UsageException("--trusted-root and --tuf-url name two different roots; give one");
                }
                return showOther(repository.cache().orElseThrow());
            }
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
            print(out, root);
            return ExitCode.OK;
        }

        private static void print(PrintWriter out, TrustedRoot root) {
            root.tlogs().forEach(l -> out.printf("  transparency log    %s (%s, valid %s)%n", l.baseUrl(), l.publicKey().keyDetails(),
                    l.publicKey().validFor()));
            root.certificateAuthorities().forEach(c -> out.printf("  certificate CA      %s (valid %s)%n", c.uri(), c.validFor()));
            root.ctlogs().forEach(l -> out.printf("  CT log              %s (valid %s)%n", l.baseUrl(), l.publicKey().validFor()));
            root.timestampAuthorities().forEach(c -> out.printf("  timestamp authority %s (valid %s)%n", c.uri(), c.validFor()));
            out.flush();
        }

        private int showOther(TrustedRootCache cache) {
            TrustedRootCache.Status status = cache.status();
            String url = cache.repository().orElseThrow().toString();
            Path file = cache.trustedRootFile().orElseThrow();
            boolean holds = status.state() == TrustedRootCache.State.VERIFIED;
            String state = status.state().name().toLowerCase(java.util.Locale.ROOT);
            if (common.json) {
                ObjectNode out = Outputs.okJson();
                out.put("ok", holds);
                out.put("repository", url);
                if (holds) {
                    out.put("trustedRoot", file.toString());
                }
                ObjectNode c = out.putObject("cache");
                c.put("state", state);
                c.put("detail", status.detail());
                if (holds) {
                    describe(out, status.root());
                }
                Outputs.printJson(spec.commandLine(), out);
            } else if (holds) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("Trusted root: %s (from %s; pass it to --trusted-root)%n", file, url);
                out.printf("Cache: %s: %s%n", state, status.detail());
                print(out, status.root());
            }
            if (!holds) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("provenant: the cached trusted root from " + url + " does not hold: " + state + ": " + status.detail()
                        + " (`provenant trust refresh --tuf-url URL --tuf-root FILE` renews it)");
                err.flush();
                return ExitCode.NOT_TRUSTED;
            }
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
