package dev.provenant.cli;

import static dev.provenant.attest.text.TerminalText.line;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.oci.Descriptor;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.ImageVerification;
import dev.provenant.oci.ImageVerifier;
import dev.provenant.oci.Manifest;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.SigstoreLayout;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Verifying an image in its registry, for {@code verify-image} and for an {@code oci://} operand of
 * {@code verify} and {@code verify-attestation}: one path, so the three report alike.
 */
final class ImageVerifyRun {
    /** The prefix that makes an operand of an artifact command an image in a registry. */
    static final String SCHEME = "oci://";

    private ImageVerifyRun() {
    }

    /** Whether an operand names an image ({@code oci://REGISTRY/REPOSITORY@sha256:HEX}). */
    static boolean isImage(String operand) {
        return operand != null && operand.startsWith(SCHEME);
    }

    /** The image reference of an {@code oci://} operand, without the scheme. */
    static String reference(String operand) throws UsageException {
        String ref = operand.substring(SCHEME.length());
        if (ref.isEmpty()) {
            throw new UsageException("oci:// needs an image: oci://REGISTRY/REPOSITORY@sha256:HEX");
        }
        return ref;
    }

    /**
     * Verifies {@code image} against the options' key or identity policy and {@code predicateType} (null: an
     * image signature, cosign's sign predicate or a legacy {@code .sig}), prints the report and returns the
     * exit code. The options' {@code gh} flags must be set by the caller.
     */
    static int run(CommandLine cmd, VerifyOptions options, RegistryOptions registry, boolean json, String image,
            String predicateType) throws Exception {
        return run(cmd, options, registry, json, image, predicateType, false);
    }

    /**
     * As {@link #run(CommandLine, VerifyOptions, RegistryOptions, boolean, String, String)}; with {@code recursive},
     * an index passes only when it and every platform manifest it lists verify, each on its own referrers.
     */
    static int run(CommandLine cmd, VerifyOptions options, RegistryOptions registry, boolean json, String image,
            String predicateType, boolean recursive) throws Exception {
        if (options.bundle != null) {
            throw new UsageException("an image's bundles are found in its registry; drop --bundle (or verify a bundle file"
                    + " against the image's digest, sha256:HEX)");
        }
        ImageReference ref = RegistryOptions.parse(image);
        VerificationPolicy policy = options.policy();
        if (predicateType != null) {
            policy = policy.withPredicateType(predicateType);
        }
        VerifierSetup setup = VerifierSetup.forRoot(options.trustedRoot);
        RegistryClient client = registry.client();
        ImageVerifier verifier = new ImageVerifier(client, setup.verifier(), setup);
        ImageVerification result = verifier.verify(ref, policy);
        List<ImageVerification> platforms = new ArrayList<>();
        if (recursive) {
            Manifest top = client.manifest(ref, result.digest().toString());
            if (top.isIndex()) {
                List<Descriptor> entries = top.manifests();
                if (entries.size() > ImageSigningRun.MAX_PLATFORMS) {
                    throw new UsageException("index " + ref.repositoryName() + "@" + result.digest() + " lists " + entries.size()
                            + " manifests, more than the " + ImageSigningRun.MAX_PLATFORMS + " --recursive verifies");
                }
                for (Descriptor d : entries) {
                    platforms.add(verifier.verify(ref.withDigest(d.digest()), policy));
                }
            }
        }
        ImageVerification failedPlatform = platforms.stream().filter(p -> !p.passed()).findFirst().orElse(null);
        if (result.tagResolved()) {
            cmd.getErr().printf("provenant: warning: %s is a tag; verified the manifest it names now, %s. Pin images by digest.%n",
                    ref, result.digest());
        }
        boolean passed = result.passed() && failedPlatform == null;
        int code = passed ? ExitCode.OK : ExitCode.NOT_TRUSTED;
        if (json) {
            ObjectNode out = Outputs.okJson();
            out.put("ok", passed);
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
            if (recursive) {
                ArrayNode list = out.putArray("platforms");
                for (ImageVerification p : platforms) {
                    ObjectNode o = list.addObject();
                    o.put("digest", p.digest().toString());
                    o.put("ok", p.passed());
                    p.firstVerified().ifPresent(v -> o.put("verifiedBy", v.manifest().toString()));
                    if (!p.passed()) {
                        o.put("check", p.failedCheck().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                        o.put("message", p.failureSummary());
                    }
                }
            }
            result.firstVerified().ifPresent(o -> out.put("verifiedBy", o.manifest().toString()));
            if (!passed) {
                ImageVerification failed = result.passed() ? failedPlatform : result;
                out.put("error", "verification failed");
                out.put("check", failed.failedCheck().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                out.put("message", failureLine(failed, failed != result));
            }
            if (setup.source() != null) {
                out.put("trustedRoot", setup.source());
            }
            Outputs.printJson(cmd, out);
        }
        if (!passed) {
            ImageVerification failed = result.passed() ? failedPlatform : result;
            cmd.getErr().println("provenant: verification failed: " + line(failureLine(failed, failed != result)));
            return code;
        }
        if (!json) {
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
            for (ImageVerification p : platforms) {
                cmd.getOut().printf("  platform    %s verified by %s%n", p.digest(), p.firstVerified().get().manifest());
            }
        }
        return ExitCode.OK;
    }

    /** Why an image failed; for a platform manifest of an index, which one. */
    private static String failureLine(ImageVerification failed, boolean platform) {
        return (platform ? "platform manifest " + failed.digest() + ": " : "") + failed.failureSummary();
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
