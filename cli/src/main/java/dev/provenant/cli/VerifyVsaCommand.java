package dev.provenant.cli;

import static dev.provenant.attest.text.TerminalText.line;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.vsa.SubjectDigest;
import dev.provenant.verifier.vsa.VerifiedVsa;
import dev.provenant.verifier.vsa.VsaExpectations;
import dev.provenant.verifier.vsa.VsaTrust;
import dev.provenant.verifier.vsa.VsaVerifier;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code verify-vsa}, slsa-verifier's command with its flag names. The keyless identity options are
 * {@link VerifyOptions}'s, added in code by {@link #spec()} without its {@code --bundle} and {@code --key}.
 */
@Command(name = "verify-vsa", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Verify a SLSA Verification Summary Attestation (VSA), as slsa-verifier verify-vsa does: its signature",
            "(a bare DSSE envelope or a Sigstore bundle, key-signed or keyless), then that it names every given subject",
            "digest, the verifier, the resource URI, a PASSED result and the verified levels (SLSA_BUILD_LEVEL_3 meets a",
            "demand for SLSA_BUILD_LEVEL_2; other levels must be listed as given)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant verify-vsa --attestation-path image.vsa.jsonl --public-key-path vsa_signing_public_key.pem \\",
            "      --public-key-id keystore://76574:prod:vsa_signing_public_key --subject-digest gce_image_id:8970095005306000053 \\",
            "      --verifier-id https://bcid.corp.google.com/verifier/bcid_package_enforcer/v0.1 \\",
            "      --resource-uri gce_image://gke-node-images:IMAGE --verified-level BCID_L1 --verified-level SLSA_BUILD_LEVEL_2",
            "  provenant verify-vsa --attestation-path app.vsa.sigstore.json --certificate-identity gate@example.com \\",
            "      --certificate-oidc-issuer https://accounts.google.com --subject-digest sha256:HEX \\",
            "      --verifier-id https://example.com/gate --resource-uri pkg:maven/com.example/app@1.0"})
final class VerifyVsaCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandSpec spec;

    @Option(names = "--attestation-path", required = true, paramLabel = "FILE",
            description = "The VSA: a DSSE envelope (JSON, as slsa-verifier reads it) or a Sigstore bundle holding one.")
    Path attestationPath;

    @Option(names = "--subject-digest", required = true, paramLabel = "TYPE:VALUE",
            description = "A digest one of the VSA's subjects must have, e.g. sha256:HEX or gce_image_id:ID; repeatable, each must be found.")
    List<String> subjectDigests;

    @Option(names = "--verifier-id", required = true, paramLabel = "ID", description = "The verifier.id the VSA must name, exactly.")
    String verifierId;

    @Option(names = "--resource-uri", required = true, paramLabel = "URI", description = "The resourceUri the VSA must name, exactly.")
    String resourceUri;

    @Option(names = "--verified-level", paramLabel = "LEVEL",
            description = "A level the VSA must have verified, e.g. SLSA_BUILD_LEVEL_2 (met by that level or a higher one of its track)"
                    + " or FEDRAMP_LOW (met only as written); repeatable.")
    List<String> verifiedLevels = new ArrayList<>();

    @Option(names = "--public-key-path", paramLabel = "PUB", description = "The trusted public key (PEM) that signed the VSA.")
    Path publicKeyPath;

    @Option(names = "--public-key-id", paramLabel = "ID",
            description = "The key id a signature's keyid must be when it has one (default: the key's SHA256: OpenSSH fingerprint,"
                    + " as slsa-verifier defaults it).")
    String publicKeyId;

    @Option(names = "--print-attestation", description = "Print the verified VSA statement (the envelope's payload) on stdout.")
    boolean printAttestation;

    /** The keyless identity options, --trusted-root and --require-tlog: see {@link #spec()}. */
    final VerifyOptions identity = new VerifyOptions();

    @Mixin
    CommonOptions common;

    /** This command's model: the annotated options, then {@link VerifyOptions#identitySpec()}. */
    static CommandSpec spec() {
        VerifyVsaCommand command = new VerifyVsaCommand();
        CommandSpec spec = CommandSpec.forAnnotatedObject(command);
        spec.addMixin("identity", command.identity.identitySpec());
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        List<SubjectDigest> digests = new ArrayList<>();
        for (String digest : subjectDigests) {
            digests.add(SubjectDigest.parse(digest));
        }
        VsaExpectations expected = new VsaExpectations(digests, verifierId, resourceUri, verifiedLevels);
        if (publicKeyPath != null && identity.keyless()) {
            throw new UsageException("give --public-key-path or the keyless --certificate-identity/--certificate-oidc-issuer options,"
                    + " not both");
        }
        if (publicKeyPath == null && !identity.keyless()) {
            throw new UsageException("no signer given: --public-key-path PUB for a key-signed VSA, or --certificate-identity ID"
                    + " and --certificate-oidc-issuer URL for a keyless bundle");
        }
        if (publicKeyId != null && publicKeyPath == null) {
            throw new UsageException("--public-key-id goes with --public-key-path");
        }
        SignerTrust signer = identity.signerTrust(publicKeyPath);
        VsaTrust trust = new VsaTrust(signer, Optional.ofNullable(publicKeyId), identity.requireTlog);
        byte[] document = JsonValue.readDocument(attestationPath, InputLimit.BUNDLE);
        VerifierSetup setup = VerifierSetup.forRoot(identity.trustedRoot);
        VerifiedVsa vsa = new VsaVerifier(setup.verifier()).verify(document, trust, expected);
        print(spec.commandLine(), vsa, setup.source());
        return ExitCode.OK;
    }

    private void print(CommandLine cmd, VerifiedVsa vsa, String trustSource) {
        if (common.json) {
            ObjectNode node = Outputs.okJson();
            node.put("verified", true);
            node.put("form", vsa.form());
            node.put("keySha256", vsa.keyFingerprint());
            vsa.keyId().ifPresent(id -> node.put("keyId", id));
            vsa.bundle().flatMap(b -> b.identity()).ifPresent(c -> {
                ObjectNode signer = node.putObject("certificate");
                c.identity().san().ifPresent(san -> signer.put("identity", san.value()));
                c.identity().issuer().ifPresent(i -> signer.put("issuer", i));
            });
            node.put("verifierId", vsa.verifierId());
            node.put("resourceUri", vsa.resourceUri());
            ArrayNode levels = node.putArray("verifiedLevels");
            vsa.verifiedLevels().forEach(levels::add);
            ArrayNode subjects = node.putArray("subjectDigests");
            subjectDigests.forEach(subjects::add);
            if (trustSource != null) {
                node.put("trustedRoot", trustSource);
            }
            if (printAttestation) {
                node.set("statement", JsonCodec.mapper().valueToTree(vsa.statement()));
            }
            ArrayNode checks = node.putArray("checks");
            vsa.checks().forEach(c -> checks.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-')));
            Outputs.printJson(cmd, node);
            return;
        }
        PrintWriter out = cmd.getOut();
        if (printAttestation) {
            out.println(new String(vsa.payload(), StandardCharsets.UTF_8));
            out.flush();
        }
        PrintWriter report = printAttestation ? cmd.getErr() : out;
        report.printf("Verified OK: VSA %s%n", line(attestationPath.toString()));
        var certified = vsa.bundle().flatMap(b -> b.identity());
        if (certified.isPresent()) {
            report.printf("  signed by   %s (issuer %s)%n", line(certified.get().identity().san().map(s -> s.value()).orElse("(no identity)")),
                    line(certified.get().identity().issuer().orElse("(none)")));
        } else {
            report.printf("  signed by   key sha256:%s%s%n", vsa.keyFingerprint(), vsa.keyId().map(id -> ", key id " + line(id)).orElse(""));
        }
        report.printf("  form        %s%n", vsa.form());
        report.printf("  verifier    %s%n", line(vsa.verifierId()));
        report.printf("  resource    %s%n", line(vsa.resourceUri()));
        report.printf("  levels      %s%n", line(String.join(", ", vsa.verifiedLevels())));
        subjectDigests.forEach(d -> report.printf("  subject     %s%n", line(d)));
        if (trustSource != null) {
            report.printf("  trust root  %s%n", line(trustSource));
        }
        StringBuilder checks = new StringBuilder();
        for (Check c : vsa.checks()) {
            checks.append(checks.length() == 0 ? "" : ", ").append(c.label());
        }
        report.printf("  checks      %s%n", checks);
        report.flush();
    }
}
