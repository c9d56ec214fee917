package dev.provenant.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code provenant digest}; its picocli model is built directly, see {@link ProvenantCommand}. */
final class DigestCommand implements Callable<Integer>, Binding.Fields {
    private CommandSpec spec;

    private String algorithm;

    private List<String> files;

    private final CommonOptions common = new CommonOptions();

    static CommandSpec spec() {
        DigestCommand command = new DigestCommand();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command)
                .name("digest")
                .versionProvider(new VersionCommand.Provider());
        spec.usageMessage()
                .description("Print artifact digests as sha256sum does (HEX, two spaces, FILE), streaming each file.",
                        "The output is accepted by sha256sum -c and by provenant's --subjects-from.")
                .footerHeading("%nExamples:%n")
                .footer(
                        "  provenant digest target/app.jar",
                        "  provenant digest --algorithm sha512 dist/*",
                        "  provenant digest dist/* > SHA256SUMS && sha256sum -c SHA256SUMS",
                        "  cat app.tar | provenant digest -");
        spec.addOption(Binding.option(command, String.class, "--algorithm")
                .paramLabel("ALG")
                .defaultValue("sha256")
                .description("sha256 (default), sha384 or sha512.")
                .build());
        spec.addPositional(Binding.positional(command, List.class, "FILE")
                .auxiliaryTypes(String.class)
                .arity("1..*")
                .required(true)
                .description("Files to hash; - reads stdin.")
                .build());
        spec.addMixin("common", command.common.spec());
        Binding.addStandardHelpOptions(spec);
        command.spec = spec;
        return spec;
    }

    @Override
    public Object get(String name) {
        switch (name) {
            case "--algorithm": return algorithm;
            case "FILE": return files;
            default: throw new IllegalArgumentException(name);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void set(String name, Object value) {
        switch (name) {
            case "--algorithm": algorithm = (String) value; break;
            case "FILE": files = (List<String>) value; break;
            default: throw new IllegalArgumentException(name);
        }
    }

    @Override
    public Integer call() throws Exception {
        DigestAlgorithm alg = DigestAlgorithm.fromIntotoName(algorithm);
        ArrayNode results = common.json ? Outputs.okJson().arrayNode() : null;
        var out = spec.commandLine().getOut();
        for (String file : files) {
            Digest digest;
            if ("-".equals(file)) {
                try (InputStream in = System.in) {
                    digest = new ArtifactDigester().digest(in, alg).get(alg);
                }
            } else {
                Path path = Path.of(file);
                if (Files.isDirectory(path)) {
                    throw new UsageException(file + " is a directory");
                }
                long size = Files.size(path);
                digest = new ArtifactDigester(new Progress(file, size)).digest(path, alg);
            }
            if (results != null) {
                ObjectNode entry = results.addObject();
                entry.put("file", file);
                entry.put(alg.intotoName(), digest.hex());
            } else {
                out.println(digest.hex() + "  " + file);
            }
        }
        if (results != null) {
            ObjectNode json = Outputs.okJson();
            json.set("digests", results);
            Outputs.printJson(spec.commandLine(), json);
        }
        out.flush();
        return ExitCode.OK;
    }
}
