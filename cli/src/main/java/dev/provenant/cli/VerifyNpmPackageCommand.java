package dev.provenant.cli;

import static dev.provenant.attest.text.TerminalText.line;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.frontend.ResultJson;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.npm.NpmPackageExpectations;
import dev.provenant.verifier.npm.NpmPackageVerifier;
import dev.provenant.verifier.npm.NpmRegistryKeys;
import dev.provenant.verifier.npm.VerifiedNpmPackage;
import dev.provenant.verifier.provenance.ProvenanceExpectations;
import dev.provenant.verifier.provenance.RefExpectation;
import dev.provenant.verifier.provenance.TrustedBuilders;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code verify-npm-package}, slsa-verifier's command with its flag names; the checks are {@link NpmPackageVerifier}'s. */
@Command(name = "verify-npm-package", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        sortOptions = false,
        description = {"Verify an npm package tarball against the attestations the npm registry serves for it, as slsa-verifier",
            "verify-npm-package does: the registry's publish attestation, signed with npm's registry key, and the SLSA",
            "provenance, signed keyless from GitHub Actions, must both be about this tarball (its SHA-512) and the same",
            "pkg:npm/NAME@VERSION. The provenance's builder must be the one named with --builder-id: a trusted builder",
            "(see --trusted-builders), or npm's runner builder https://github.com/actions/runner/github-hosted (or",
            "/self-hosted) for packages published with the npm CLI's --provenance."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  curl -s \"$(npm view sigstore@2.3.1 dist.attestations.url)\" > sigstore.att.json",
            "  provenant verify-npm-package --attestations-path sigstore.att.json --package-name sigstore \\",
            "      --package-version 2.3.1 --source-uri github.com/sigstore/sigstore-js \\",
            "      --builder-id https://github.com/actions/runner/github-hosted sigstore-2.3.1.tgz"})
final class VerifyNpmPackageCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--attestations-path", required = true, paramLabel = "FILE",
            description = "The attestations document the npm registry serves (/-/npm/v1/attestations/NAME@VERSION).")
    Path attestationsPath;

    @Option(names = "--package-name", paramLabel = "NAME", description = "The package name both attestations must name, e.g. @scope/name.")
    String packageName;

    @Option(names = "--package-version", paramLabel = "VERSION", description = "The version both attestations must name.")
    String packageVersion;

    @Option(names = "--source-uri", required = true, paramLabel = "URI",
            description = "The repository that must have been built: github.com/ORG/REPO or a full URI.")
    String sourceUri;

    @Option(names = "--builder-id", paramLabel = "ID",
            description = "The builder (required to pass): a trusted builder, NAME or NAME@REF, or npm's runner builder"
                    + " https://github.com/actions/runner/github-hosted or .../self-hosted.")
    String builderId;

    @Option(names = "--source-tag", paramLabel = "TAG", description = "The git tag that must have been built, exactly.")
    String sourceTag;

    @Option(names = "--source-branch", paramLabel = "BRANCH", description = "The git branch that must have been built, exactly.")
    String sourceBranch;

    @Option(names = "--source-versioned-tag", paramLabel = "vX[.Y[.Z]]",
            description = "A semantic-version tag matching this prefix must have been built, e.g. v1 or v1.4.")
    String sourceVersionedTag;

    @Option(names = "--build-workflow-input", paramLabel = "KEY=VALUE",
            description = "A workflow input the build must have been started with (repeatable).")
    Map<String, String> inputs = new LinkedHashMap<>();

    @Option(names = "--trusted-builders", paramLabel = "FILE",
            description = "Trusted builders (JSON, see docs/VERIFY.md) that extend or replace the shipped list, as the file's mode says.")
    Path trustedBuilders;

    @Option(names = "--npm-registry-keys", paramLabel = "FILE",
            description = "npm's registry keys (the npm registry's keys.json, as Sigstore's TUF repository serves it) instead of the"
                    + " shipped copy.")
    Path registryKeys;

    @Option(names = "--trusted-root", paramLabel = "FILE",
            description = "Sigstore trusted_root.json for the certificates, log entries and timestamps (default: the public-good root).")
    Path trustedRoot;

    @Option(names = "--print-provenance", description = "Print the verified provenance statement (JSON) on stdout.")
    boolean printProvenance;

    @Parameters(arity = "1", paramLabel = "TARBALL", description = "The package tarball (or its sha512:HEX digest).")
    String tarball;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        NpmPackageExpectations expected = expectations();
        NpmRegistryKeys keys = registryKeys();
        TrustedBuilders builders = trustedBuilders();
        byte[] document = BoundedFile.read(attestationsPath, InputLimit.NPM_ATTESTATIONS);
        ArtifactDigester digester = new ArtifactDigester();
        List<Artifact> artifact = VerifierSetup.hashedAhead(digester, List.of(tarball));
        VerifierSetup setup = VerifierSetup.forRoot(trustedRoot);
        VerifiedNpmPackage verified = new NpmPackageVerifier(setup.verifier(digester), keys, builders)
                .verify(document, artifact.get(0), expected);
        print(spec.commandLine(), verified, setup.source());
        return ExitCode.OK;
    }

    private NpmRegistryKeys registryKeys() throws UsageException {
        if (registryKeys == null) {
            return NpmRegistryKeys.builtIn();
        }
        try {
            return NpmRegistryKeys.parse(BoundedFile.read(registryKeys, InputLimit.NPM_REGISTRY_KEYS), registryKeys.toString());
        } catch (IOException e) {
            throw new UsageException("cannot read --npm-registry-keys " + registryKeys + ": " + e.getMessage());
        } catch (FormatException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private TrustedBuilders trustedBuilders() throws UsageException {
        if (trustedBuilders == null) {
            return TrustedBuilders.builtIn();
        }
        try {
            return TrustedBuilders.load(BoundedFile.read(trustedBuilders, InputLimit.TRUSTED_BUILDERS), trustedBuilders.toString(),
                    TrustedBuilders.builtIn());
        } catch (IOException e) {
            throw new UsageException("cannot read --trusted-builders " + trustedBuilders + ": " + e.getMessage());
        } catch (FormatException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private NpmPackageExpectations expectations() throws UsageException {
        int refs = (sourceTag != null ? 1 : 0) + (sourceBranch != null ? 1 : 0) + (sourceVersionedTag != null ? 1 : 0);
        if (refs > 1) {
            throw new UsageException("give at most one of --source-tag, --source-branch and --source-versioned-tag");
        }
        try {
            RefExpectation ref = sourceTag != null ? RefExpectation.tag(sourceTag)
                    : sourceBranch != null ? RefExpectation.branch(sourceBranch)
                    : sourceVersionedTag != null ? RefExpectation.versionedTag(sourceVersionedTag) : null;
            return new NpmPackageExpectations(ProvenanceExpectations.of(sourceUri, builderId, ref, null, inputs),
                    Optional.ofNullable(packageName), Optional.ofNullable(packageVersion));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private void print(CommandLine cmd, VerifiedNpmPackage v, String trustSource) {
        if (common.json) {
            ObjectNode node = ResultJson.provenance(Outputs.okJson(), v.provenanceBundle(), v.provenance(), printProvenance);
            node.put("package", v.id().name());
            node.put("version", v.id().version());
            node.put("purl", v.id().purl());
            node.put("tarball", v.tarball().toString());
            node.put("builder", v.builder());
            node.put("registryKeyId", v.registryKey().keyId());
            ArrayNode npm = node.putArray("npmChecked");
            v.checked().forEach(npm::add);
            if (trustSource != null) {
                node.put("trustedRoot", trustSource);
            }
            Outputs.printJson(cmd, node);
            return;
        }
        PrintWriter out = cmd.getOut();
        if (printProvenance) {
            out.println(new String(JsonCodec.writePretty(v.provenanceBundle().statement().orElseThrow()), StandardCharsets.UTF_8));
            out.flush();
        }
        PrintWriter report = printProvenance ? cmd.getErr() : out;
        report.printf("Verified OK: npm package %s (%s)%n", line(v.id().toString()), line(tarball));
        report.printf("  tarball     %s%n", v.tarball());
        report.printf("  published   registry key %s%n", line(v.registryKey().keyId()));
        report.printf("  signed by   %s%n", line(ResultJson.signer(v.provenanceBundle())));
        report.printf("  builder     %s%n", line(v.builder()));
        report.printf("  source      %s%n", line(v.provenance().provenance().source().orElse("(none)")));
        report.printf("  ref         %s%s%n", line(v.provenance().provenance().ref().orElse("(none)")),
                line(v.provenance().provenance().commit().map(c -> " at " + c).orElse("")));
        v.checked().forEach(c -> report.printf("  checked     %s%n", line(c)));
        v.provenance().checked().forEach(c -> report.printf("  checked     %s%n", line(c)));
        if (trustSource != null) {
            report.printf("  trust root  %s%n", line(trustSource));
        }
        report.flush();
    }
}
