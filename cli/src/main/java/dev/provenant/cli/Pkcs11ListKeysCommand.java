package dev.provenant.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.signer.pkcs11.Pkcs11KeyLister;
import dev.provenant.signer.pkcs11.TokenKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list-keys", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"List the signing keys in a PKCS#11 token with the pkcs11: URIs that open them.",
            "The PIN comes from PROVENANT_PKCS11_PIN or --pin-file."},
        footerHeading = "%nExamples:%n",
        footer = {"  PROVENANT_PKCS11_PIN=... provenant pkcs11 list-keys --module-path /usr/lib/softhsm/libsofthsm2.so --token ci",
            "  provenant pkcs11 list-keys --module-path /usr/lib/softhsm/libsofthsm2.so --pin-file pin.txt --json"})
final class Pkcs11ListKeysCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--module-path", required = true, paramLabel = "LIB", description = "The PKCS#11 module (a .so file).")
    Path modulePath;

    @Option(names = "--token", paramLabel = "LABEL", description = "The token's label (default: the module's only token).")
    String token;

    @Option(names = "--pin-file", paramLabel = "FILE", description = "File holding the PIN (default: PROVENANT_PKCS11_PIN).")
    Path pinFile;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        List<TokenKey> keys = new Pkcs11KeyLister(System.getenv()).list(modulePath, token, pinFile);
        if (common.json) {
            ObjectNode out = Outputs.okJson();
            ArrayNode array = out.putArray("keys");
            for (TokenKey k : keys) {
                array.addObject().put("token", k.token()).put("label", k.label()).put("algorithm", k.algorithm()).put("uri", k.uri());
            }
            Outputs.printJson(spec.commandLine(), out);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            for (TokenKey k : keys) {
                out.printf("%s  %s  %s%n", k.label(), k.algorithm(), k.uri());
            }
            if (keys.isEmpty()) {
                spec.commandLine().getErr().println("provenant: the token holds no signing keys");
            }
            out.flush();
        }
        return ExitCode.OK;
    }
}
