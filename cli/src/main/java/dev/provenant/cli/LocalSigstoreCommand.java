package dev.provenant.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "local-sigstore", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Run an embedded Sigstore stack on 127.0.0.1 until interrupted: a Fulcio CA, a Rekor log",
            "(v1 and v2 APIs), an RFC 3161 timestamp authority and a test OIDC issuer, for air-gapped",
            "keyless signing, tests and demos. It writes DIR/trusted_root.json and DIR/signing_config.json to",
            "match, an identity token for --identity in DIR/token (renewed while it runs), and",
            "DIR/tls-truststore.jks for the Fulcio TLS connection. Keys, log and ports persist in DIR, so a",
            "restart keeps its OIDC issuer URL; one stack at a time may run on DIR (it holds DIR/lock).",
            "The OIDC issuer vouches for anyone who asks: never expose this stack beyond the machine."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant local-sigstore --dir /tmp/sigstore --identity builder@example.test",
            "  provenant local-sigstore --dir /tmp/sigstore --port 8080 --json   # ports 8080 (HTTP) and 8081 (Fulcio gRPC)",
            "",
            "Then, from another shell, sign against it:",
            "  export SIGSTORE_ID_TOKEN=$(cat /tmp/sigstore/token)",
            "  java -Djavax.net.ssl.trustStore=/tmp/sigstore/tls-truststore.jks ...   # any sigstore-java signer",
            "and verify with:",
            "  provenant verify --bundle B --certificate-identity builder@example.test \\",
            "    --certificate-oidc-issuer http://127.0.0.1:PORT/oauth2 --trusted-root /tmp/sigstore/trusted_root.json FILE"})
final class LocalSigstoreCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Directory for keys, the log, trust files and the token.")
    Path dir;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = {"HTTP port (Rekor, TSA, OIDC); Fulcio's gRPC port is N+1. Default: the ports DIR's stack",
                "used before (DIR/ports.json), or any free ones. Another port than before is refused: it would change",
                "the OIDC issuer URL that issued certificates name."})
    int port;

    @Option(names = "--identity", paramLabel = "EMAIL_OR_URI", defaultValue = "signer@provenant.local",
            description = "Whom the test issuer's tokens name (default: ${DEFAULT-VALUE}).")
    String identity;

    @Option(names = "--rekor", paramLabel = "v1|v2|both", defaultValue = "both",
            description = {"Which Rekor APIs to serve and name in the signing config (default: ${DEFAULT-VALUE}). v1 is the",
                "public-good instance's shape: envelopes are logged as Rekor v1 dsse entries; v2 logs them with a",
                "timestamp from the TSA. The trusted root keeps both logs either way."})
    String rekor;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65534) {
            err.println("provenant: local-sigstore: --port must be between 0 and 65534");
            err.flush();
            return ExitCode.USAGE;
        }
        LocalSigstoreLoader.Stack stack;
        try {
            stack = LocalSigstoreLoader.start(dir, port, port == 0 ? 0 : port + 1, identity, rekor);
        } catch (IllegalArgumentException e) {
            err.println("provenant: local-sigstore: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        } catch (LocalSigstoreLoader.StartException e) {
            // a directory held by another running stack is a usage error (2): nothing failed, this
            // invocation names a directory it cannot use; a port in use or a broken log is a service failure (3)
            err.println("provenant: local-sigstore: " + e.getMessage());
            err.flush();
            return e.usage() ? ExitCode.USAGE : ExitCode.SERVICE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-sigstore-stop"));
        print(stack.describe());
        stopped.await();
        return ExitCode.OK;
    }

    private void print(Map<String, String> where) {
        if (common.json) {
            ObjectNode out = Outputs.okJson();
            out.put("ready", true);
            where.forEach(out::put);
            Outputs.printJson(spec.commandLine(), out);
            return;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Local Sigstore stack for %s, on the loopback interface only:%n", where.get("identity"));
        out.printf("  Fulcio (gRPC, TLS)   %s%n", where.get("fulcio"));
        String rekorLabel = switch (rekor.toLowerCase(java.util.Locale.ROOT)) {
            case "v1" -> "Rekor v1";
            case "v2" -> "Rekor v2";
            default -> "Rekor v1 and v2";
        };
        out.printf("  %-20s %s%n", rekorLabel, where.get("rekor"));
        out.printf("  Timestamp authority  %s%n", where.get("tsa"));
        out.printf("  OIDC issuer          %s%n", where.get("oidcIssuer"));
        out.printf("Wrote:%n");
        out.printf("  trusted root         %s%n", where.get("trustedRoot"));
        out.printf("  signing config       %s%n", where.get("signingConfig"));
        out.printf("  TLS trust store      %s  (java -Djavax.net.ssl.trustStore=...)%n", where.get("trustStore"));
        out.printf("Identity token: %s (renewed every 10 minutes), or GET %s%n", where.get("tokenFile"), where.get("tokenEndpoint"));
        out.printf("Verify with: --certificate-identity %s --certificate-oidc-issuer %s --trusted-root %s%n",
                where.get("identity"), where.get("oidcIssuer"), where.get("trustedRoot"));
        out.printf("Running; stop with Ctrl-C.%n");
        out.flush();
    }
}
