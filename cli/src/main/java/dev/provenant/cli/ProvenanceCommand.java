package dev.provenant.cli;

import static dev.provenant.attest.text.TerminalText.line;

import dev.provenant.frontend.Signing;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.ci.BuildEnvironment;
import dev.provenant.attest.ci.CiDetection;
import dev.provenant.attest.ci.Environment;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ChecksumFile;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.ResourceSpec;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.intoto.SubjectDigester;
import dev.provenant.attest.slsa.ProvenanceGenerator;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.intoto.keys.SslibKeyFiles;
import dev.provenant.intoto.verify.SandboxedBuild;
import dev.provenant.sandbox.SandboxEvidence;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "provenance", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        sortOptions = false,
        description = {"Generate SLSA v1 build provenance for artifacts: an in-toto Statement v1 whose predicate is filled",
            "from the CI system's documented environment (GitHub Actions, GitLab CI, Jenkins, Buildkite, CircleCI,",
            "Tekton, Azure Pipelines; a clearly labelled local builder otherwise) and the git checkout.",
            "Unsigned it goes to --output or stdout; with --key or --keyless it is signed into a DSSE Sigstore bundle.",
            "With --sandbox-link, the artifacts are products of a step run with provenant run --sandbox,",
            "and internalParameters record the sandbox from that step's verified link."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant provenance target/app.jar > app.provenance.json",
            "  provenant provenance --key release.key --output dist.provenance.sigstore.json 'dist/*.tar.gz'",
            "  provenant provenance --key release.key --output app.provenance.sigstore.json \\",
            "      --store .provenant-store app.jar                      # and store the bundle",
            "  provenant provenance --keyless --signing-config signing_config.json --trusted-root trusted_root.json \\",
            "      --output app.provenance.sigstore.json app.jar",
            "  sha256sum dist/* > SHA256SUMS && provenant provenance --subjects-from SHA256SUMS",
            "  provenant provenance --resolved-dependency uri=pkg:maven/org.example/lib@1.2,digest=sha256:<hex> app.jar",
            "  provenant run -n build -k builder --sandbox build -m src pom.xml -p target -- mvn -o clean package",
            "  provenant provenance --sandbox-link build.1a8aa7f4.link --link-key builder.pub --key release.key \\",
            "      --output app.provenance.sigstore.json target/app-1.0.jar"})
final class ProvenanceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Present when the statement is to be signed into a DSSE bundle. */
    @CommandLine.ArgGroup(exclusive = false, heading = "Signing (optional):%n")
    SigningOptions signing;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", defaultValue = "-",
            description = "Where to write the statement or bundle (default: stdout).")
    String output;

    @Option(names = "--store", arity = "0..1", fallbackValue = "", paramLabel = "LOCATION",
            description = StoreCli.PUSH_DESCRIPTION + " Needs --key or --keyless.")
    String store;

    @Option(names = "--subjects-from", paramLabel = "FILE",
            description = "Subjects from sha256sum-style lines (HEX  NAME), without reading the artifacts.")
    Path subjectsFrom;

    @Option(names = "--digest", paramLabel = "ALG", split = ",", defaultValue = "sha256",
            description = "Subject digests to compute: sha256 (default), sha384, sha512; comma-separated.")
    List<String> digestAlgorithms;

    @Option(names = "--resolved-dependency", paramLabel = "SPEC",
            description = "Also record a dependency: uri=URI,digest=ALG:HEX[,name=NAME]. Repeatable.")
    List<String> dependencies = new ArrayList<>();

    @Option(names = "--builder-id", paramLabel = "URI", description = "Override the detected runDetails.builder.id.")
    String builderId;

    @Option(names = "--build-type", paramLabel = "URI", description = "Override the detected buildDefinition.buildType.")
    String buildType;

    @Option(names = "--sandbox-link", paramLabel = "LINK",
            description = "The link of the sandboxed step (provenant run --sandbox) that built the artifacts: it must verify"
                + " with --link-key, record a sandbox whose run exited 0, and have every subject among its products. Its sandbox"
                + " record goes into buildDefinition.internalParameters[\"" + SandboxEvidence.PROVENANCE_PARAMETER + "\"].")
    Path sandboxLink;

    @Option(names = "--link-key", paramLabel = "PUBKEY",
            description = "With --sandbox-link: the functionary's public key (PEM, or a securesystemslib JSON key file).")
    Path linkKey;

    @Parameters(arity = "0..*", paramLabel = "FILE|GLOB", description = "The built artifacts (the statement's subjects).")
    List<String> files = new ArrayList<>();

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (files.isEmpty() && subjectsFrom == null) {
            throw new UsageException("name the artifacts (FILE or GLOB), or pass --subjects-from FILE");
        }
        if (store != null) {
            if (signing == null) {
                throw new UsageException("--store keeps signed bundles: sign the provenance with --key or --keyless");
            }
            StoreCli.checkLocation(store);
        }
        if ((sandboxLink == null) != (linkKey == null)) {
            throw new UsageException(sandboxLink == null ? "--link-key verifies the link of --sandbox-link: add --sandbox-link LINK"
                    : "--sandbox-link needs the key its link is verified with: add --link-key PUBKEY");
        }
        List<ResourceDescriptor> subjects = new ArrayList<>();
        if (subjectsFrom != null) {
            try {
                subjects.addAll(ChecksumFile.read(subjectsFrom));
            } catch (FormatException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (!files.isEmpty()) {
            DigestAlgorithm[] algorithms = digestAlgorithms.stream().map(DigestAlgorithm::fromIntotoName)
                    .toArray(DigestAlgorithm[]::new);
            subjects.addAll(new SubjectDigester(new ArtifactDigester(), algorithms).subjects(Operands.files(files),
                    p -> p.normalize().toString().replace('\\', '/')));
        }
        List<ResourceDescriptor> extra = new ArrayList<>();
        for (String d : dependencies) {
            extra.add(ResourceSpec.parse(d));
        }
        BuildEnvironment environment = CiDetection.discover().detect(Environment.ofProcess(), Path.of(""));
        String sandboxedStep = null;
        if (sandboxLink != null) {
            var publicKey = SslibKeyFiles.readPublic(linkKey, SslibScheme.RSASSA_PSS_SHA256);
            ObjectNode record;
            try {
                record = SandboxedBuild.record(sandboxLink, publicKey, subjects);
            } catch (FormatException e) {
                throw new UsageException(sandboxLink + ": " + e.getMessage());
            }
            sandboxedStep = record.get("step").asText();
            environment = environment.withInternalParameter(SandboxEvidence.PROVENANCE_PARAMETER, record);
        }
        Statement statement = new ProvenanceGenerator().generate(subjects, environment, extra,
                new ProvenanceGenerator.Overrides(Optional.ofNullable(builderId), Optional.ofNullable(buildType)), Instant.now());

        byte[] content;
        ObjectNode out = Outputs.okJson();
        if (signing != null) {
            try (Signing signer = signing.open(spec.commandLine().getErr())) {
                Bundle bundle = signer.attest(statement);
                content = bundle.toJson();
                Outputs.describe(signer, out);
            }
        } else {
            content = statement.toJson();
        }
        Outputs.write(spec.commandLine(), output, content);
        dev.provenant.frontend.StorePush.Pushed pushed = store == null ? null : StoreCli.pushWritten(store, content, output);
        String builder = statement.predicate().at("/runDetails/builder/id").asText();
        if (common.json && !"-".equals(output)) {
            out.put("output", output);
            out.put("signed", signing != null);
            out.put("subjects", subjects.size());
            out.put("builder", builder);
            out.put("system", environment.system());
            if (sandboxedStep != null) {
                out.put("sandboxedStep", sandboxedStep);
            }
            if (pushed != null) {
                StoreCli.report(spec.commandLine(), pushed, out, false);
            }
            Outputs.printJson(spec.commandLine(), out);
        } else {
            spec.commandLine().getErr().printf("Provenance for %d subject(s) from %s (builder %s)%s%s%n", subjects.size(),
                    environment.system(), builder, sandboxedStep == null ? "" : ", built by sandboxed step " + line(sandboxedStep),
                    "-".equals(output) ? "" : ": " + output);
            spec.commandLine().getErr().flush();
            if (pushed != null) {
                StoreCli.report(spec.commandLine(), pushed, null, true);
            }
        }
        return ExitCode.OK;
    }
}
