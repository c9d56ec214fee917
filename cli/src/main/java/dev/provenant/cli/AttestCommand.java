package dev.provenant.cli;

import dev.provenant.frontend.Signing;
import dev.provenant.attest.io.InputLimit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.intoto.SubjectDigester;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "attest", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Sign an in-toto statement about artifacts as a DSSE envelope in a Sigstore bundle v0.3.",
            "Give a predicate and its type (the statement's subjects are the FILEs and their digests),",
            "or a whole statement to sign as it is."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant attest --key release.key --type https://slsa.dev/provenance/v1 --predicate pred.json app.jar",
            "  provenant attest --key release.key --type https://example.com/test-result/v1 --predicate results.json \\",
            "      --bundle app.tests.sigstore.json app.jar app-sources.jar",
            "  provenant attest --key release.key --statement statement.json --bundle statement.sigstore.json",
            "  provenant attest --key release.key --type https://example.com/test-result/v1 \\",
            "      --predicate results.json --store postgresql://gate@db.internal/evidence app.jar",
            "  provenant attest --keyless --signing-config signing_config.json --trusted-root trusted_root.json \\",
            "      --type https://slsa.dev/provenance/v1 --predicate pred.json app.jar"})
final class AttestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SigningOptions signing;

    static final class Content {
        @ArgGroup(exclusive = false)
        PredicateInput predicate;

        @Option(names = "--statement", paramLabel = "FILE", description = "A complete in-toto statement to sign as it is.")
        Path statement;
    }

    static final class PredicateInput {
        @Option(names = "--predicate", required = true, paramLabel = "FILE", description = "The predicate: a JSON object.")
        Path file;

        @Option(names = "--type", required = true, paramLabel = "URI", description = "The predicate type URI.")
        String type;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Content content;

    @Option(names = "--digest", paramLabel = "ALG", split = ",", defaultValue = "sha256",
            description = "Subject digests to record: sha256 (default), sha384, sha512; comma-separated.")
    List<String> digestAlgorithms;

    @Option(names = "--tlog-upload",
            description = "With --key: log the bundle in the Rekor log(s) of --signing-config (default: the public-good"
                    + " instance; a Rekor v2 log with its TSA's timestamp) before it is written; no bundle is written when"
                    + " the log cannot take it.")
    boolean tlogUpload;

    @Option(names = "--bundle", paramLabel = "OUT",
            description = "Where to write the bundle (default: FIRST_FILE.intoto.sigstore.json; - for stdout).")
    String bundleOut;

    @Option(names = "--store", arity = "0..1", fallbackValue = "", paramLabel = "LOCATION", description = StoreCli.PUSH_DESCRIPTION)
    String store;

    @Parameters(arity = "0..*", paramLabel = "FILE",
            description = "The artifacts the statement is about; or one oci://REGISTRY/REPOSITORY@sha256:HEX, whose attestation is"
                    + " published in its registry as attest-image does.")
    List<String> operands = new ArrayList<>();

    @Mixin
    RegistryOptions registry;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (operands.stream().anyMatch(ImageVerifyRun::isImage)) {
            return attestImage();
        }
        List<Path> files = operands.stream().map(Path::of).toList();
        Statement statement;
        if (content.statement != null) {
            statement = readStatement(content.statement);
            if (!files.isEmpty()) {
                throw new UsageException("with --statement the subjects come from the statement; drop the FILE operands");
            }
        } else {
            if (files.isEmpty()) {
                throw new UsageException("name at least one FILE: the statement's subjects");
            }
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    throw new java.nio.file.NoSuchFileException(f.toString());
                }
            }
            DigestAlgorithm[] algorithms = digestAlgorithms.stream().map(DigestAlgorithm::fromIntotoName)
                    .toArray(DigestAlgorithm[]::new);
            List<ResourceDescriptor> subjects = new SubjectDigester(new ArtifactDigester(), algorithms).subjects(files);
            statement = Statement.of(subjects, content.predicate.type, readPredicate(content.predicate.file));
        }
        String destination = bundleOut;
        if (destination == null) {
            if (files.isEmpty()) {
                throw new UsageException("--statement needs --bundle OUT");
            }
            destination = files.get(0) + ".intoto.sigstore.json";
        }
        if (store != null) {
            StoreCli.checkLocation(store);
        }
        Bundle bundle;
        ObjectNode out = Outputs.okJson();
        try (Signing signer = signing.open(spec.commandLine().getErr(), tlogUpload)) {
            bundle = signer.attest(statement);
            Outputs.describe(signer, out);
        }
        byte[] json = bundle.toJson();
        Outputs.write(spec.commandLine(), destination, json);
        dev.provenant.frontend.StorePush.Pushed pushed = store == null ? null : StoreCli.pushWritten(store, json, destination);
        if (common.json) {
            out.put("predicateType", statement.predicateType());
            out.put("subjects", statement.subject().size());
            out.put("bundle", destination);
            Outputs.tlog(bundle, out);
            if (pushed != null) {
                StoreCli.report(spec.commandLine(), pushed, out, false);
            }
            Outputs.printJson(spec.commandLine(), out);
        } else {
            if (!"-".equals(destination)) {
                spec.commandLine().getOut().printf("Attested %d subject(s) with predicate %s%nBundle: %s%n",
                        statement.subject().size(), statement.predicateType(), destination);
                Outputs.tlog(bundle, spec.commandLine().getOut());
            }
            if (pushed != null) {
                StoreCli.report(spec.commandLine(), pushed, null, "-".equals(destination));
            }
        }
        return ExitCode.OK;
    }

    /** {@code attest ... oci://IMAGE}: one image, a predicate and its type, published as attest-image does. */
    private int attestImage() throws Exception {
        if (operands.size() != 1) {
            throw new UsageException("an oci:// image is attested alone: name one image and no files");
        }
        if (content.statement != null) {
            throw new UsageException("an image's statement is made here, its subject the image's digest: give --type and"
                    + " --predicate instead of --statement");
        }
        if (tlogUpload || store != null) {
            throw new UsageException((tlogUpload ? "--tlog-upload" : "--store") + " applies to bundle files; an image's"
                    + " bundle is published in its registry (use --bundle OUT to keep a copy)");
        }
        return ImageSigningRun.run(spec.commandLine(), signing, registry, common, ImageVerifyRun.reference(operands.get(0)),
                content.predicate.type, readPredicate(content.predicate.file), bundleOut);
    }

    static JsonNode readPredicate(Path file) throws Exception {
        JsonNode node = readJson(file, "predicate");
        if (!node.isObject()) {
            throw new UsageException("predicate " + file + " must be a JSON object");
        }
        return node;
    }

    private static Statement readStatement(Path file) throws Exception {
        try {
            return Statement.parse(JsonValue.readDocument(file, InputLimit.STATEMENT));
        } catch (FormatException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    private static JsonNode readJson(Path file, String what) throws Exception {
        try {
            return JsonCodec.readTree(JsonValue.readDocument(file, InputLimit.STATEMENT), what + " " + file);
        } catch (FormatException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
