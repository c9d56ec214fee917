package dev.provenant.cli;

import static dev.provenant.attest.text.TerminalText.line;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.ImageVerification;
import dev.provenant.oci.ImageVerifier;
import dev.provenant.oci.SigstoreLayout;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify-image", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Verify a container image's signatures or attestations in its registry: every Sigstore bundle",
            "among its OCI referrers (referrers API or fallback tag) and cosign's legacy .sig and .att tags;",
            "it passes when one satisfies the policy."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant verify-image --key release.pub registry.example.com/app@sha256:3f1c...",
            "  provenant verify-image --certificate-identity-regexp '^https://github\\.com/acme/.*$' \\",
            "      --certificate-oidc-issuer https://token.actions.githubusercontent.com ghcr.io/acme/app@sha256:3f1c...",
            "  provenant verify-image --key release.pub --predicate-type https://slsa.dev/provenance/v1 --json \\",
            "      registry.example.com/app:1.0@sha256:3f1c...     # refused if the tag now names another image"})
final class VerifyImageCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    VerifyOptions options;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--predicate-type", paramLabel = "URI",
            description = "The kind of bundle that must verify (default: a signature, " + SigstoreLayout.SIGN_PREDICATE_TYPE
                    + "; with --owner or --repo, as gh: https://slsa.dev/provenance/v1).")
    String predicateType;

    @Mixin
    GhAttestationOptions gh;

    @Parameters(index = "0", paramLabel = "IMAGE",
            description = "REGISTRY/REPOSITORY@sha256:HEX, or :TAG (resolved, with a warning), or :TAG@sha256:HEX (the tag must still name it).")
    String image;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (options.bundle != null) {
            throw new UsageException("verify-image finds the bundles in the registry; drop --bundle (use verify for a bundle file)");
        }
        ImageReference ref = RegistryOptions.parse(image);
        options.gh = gh.flags();
        // gh attestation verify oci:// with --owner or --repo requires SLSA provenance v1 unless told otherwise
        String predicateType = options.gh.scoped() ? options.gh.predicateType(this.predicateType) : this.predicateType;
        VerificationPolicy policy = options.policy();
        if (predicateType != null) {
            policy = policy.withPredicateType(predicateType);
        }
        VerifierSetup setup = VerifierSetup.forRoot(options.trustedRoot);
        ImageVerification result = new ImageVerifier(registry.client(), setup.verifier(), setup).verify(ref, policy);
        CommandLine cmd = spec.commandLine();
        if (result.tagResolved()) {
            cmd.getErr().printf("provenant: warning: %s is a tag; verified the manifest it names now, %s. Pin images by digest.%n",
                    ref, result.digest());
        }
        int code = result.passed() ? ExitCode.OK : ExitCode.NOT_TRUSTED;
        if (common.json) {
            ObjectNode out = Outputs.okJson();
            out.put("ok", result.passed());
            out.put("exitCode", code);
            out.put("image", ref.toString());
            out.put("digest", result.digest().toString());
            out.put("resolvedFromTag", result.tagResolved());
            out.put("referrersSource", result.source().label());
            out.put("predicateType", policy.predicateType().orElse(SigstoreLayout.SIGN_PREDICATE_TYPE));
            ArrayNode bundles = out.putArray("bundles");
            for (ImageVerification.Outcome o : result.outcomes()) {
                ObjectNode b = bundles.addObject();
                b.put("layout", o.layout().label());
                b.put("where", o.where());
                b.put("manifest", o.manifest().toString());
                b.put("predicateType", o.predicateType());
                b.put("verified", o.verified());
                if (o.verified()) {
                    describe(b, o.result().get());
                } else {
                    b.put("check", o.failedCheck().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                    b.put("reason", o.reason());
                }
            }
            out.put("notExamined", result.skipped());
            result.firstVerified().ifPresent(o -> out.put("verifiedBy", o.manifest().toString()));
            if (!result.passed()) {
                out.put("error", "verification failed");
                out.put("check", result.failedCheck().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                out.put("message", result.failureSummary());
            }
            if (setup.source() != null) {
                out.put("trustedRoot", setup.source());
            }
            Outputs.printJson(cmd, out);
        }
        if (!result.passed()) {
            cmd.getErr().println("provenant: verification failed: " + line(result.failureSummary()));
            return code;
        }
        if (!common.json) {
            ImageVerification.Outcome o = result.firstVerified().get();
            VerificationResult r = o.result().get();
            cmd.getOut().printf("Verified %s@%s%n", line(ref.repositoryName()), result.digest());
            cmd.getOut().printf("  by          %s %s (%s)%n", o.layout().label(), o.manifest(), line(o.where()));
            if (r.identity().isPresent()) {
                cmd.getOut().printf("  signed by   %s%n", line(r.identity().get().identity().san().map(s -> s.value()).orElse("(no identity)")));
                cmd.getOut().printf("  issuer      %s%n", line(r.identity().get().identity().issuer().orElse("(none)")));
            } else {
                cmd.getOut().printf("  signed by   key sha256:%s (%s)%n", r.keyFingerprint(), r.algorithm().sigstoreName());
            }
            long verified = result.outcomes().stream().filter(ImageVerification.Outcome::verified).count();
            cmd.getOut().printf("  examined    %d bundle(s), %d verified%n", result.outcomes().size(), verified);
        }
        return ExitCode.OK;
    }

    private static void describe(ObjectNode b, VerificationResult r) {
        b.put("keySha256", r.keyFingerprint());
        r.identity().ifPresent(c -> {
            c.identity().san().ifPresent(san -> b.put("identity", san.value()));
            c.identity().issuer().ifPresent(i -> b.put("issuer", i));
        });
        b.put("tlogEntries", r.tlogEntries().size());
        b.put("timestamps", r.timestamps().size());
        // the predicate type of the statement that verified (the annotation above is only what the registry says)
        r.statement().ifPresent(st -> b.put("statementPredicateType", st.predicateType()));
    }
}
