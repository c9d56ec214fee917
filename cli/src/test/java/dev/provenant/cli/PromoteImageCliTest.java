package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.oci.CredentialStore;
import dev.provenant.oci.Descriptor;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.testing.LocalRegistry;
import dev.provenant.oci.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promote oci://IMAGE} against a real docker-registry on loopback: the image is promoted by its
 * manifest digest and its referrers are the evidence, verified by the gate against the stage's signers.
 */
class PromoteImageCliTest {
    static final Path KEYS = PromoteCliTest.KEYS;
    static final String PROVENANCE = "https://slsa.dev/provenance/v1";
    static final String VSA = "https://slsa.dev/verification_summary/v1";

    @TempDir
    static Path dir;

    static LocalRegistry registry;
    static RegistryClient client;
    static String policy;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start(dir.resolve("registry"));
        client = new RegistryClient(RegistryClient.Options.defaults(CredentialStore.anonymous()));
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.copy(KEYS.resolve("ec-p256.pub"), keys.resolve("builder.pub"));
        Files.copy(KEYS.resolve("rsa-3072.pub"), keys.resolve("build-gate.pub"));
        policy = Files.writeString(dir.resolve("policy.yaml"), PromoteCliTest.POLICY).toString();
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static Descriptor push(String repo, String seed) throws Exception {
        return TestImages.push(client, ImageReference.parse(registry.host() + "/" + repo + ":1.0"), TestImages.image(seed));
    }

    /** SLSA provenance finished a minute ago, attested about the image with {@code key} and attached to it. */
    private static void attestProvenance(String image, String key) throws Exception {
        String finished = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        Path predicate = Files.writeString(Files.createTempFile(dir, "predicate", ".json"), """
                {"buildDefinition": {"buildType": "https://provenant.dev/buildtypes/local/v1", "externalParameters": {}},
                 "runDetails": {"builder": {"id": "https://provenant.dev/builders/local"}, "metadata": {"finishedOn": "%s"}}}
                """.formatted(finished));
        CliRun attest = CliRun.of("attest", "--key", KEYS.resolve(key).toString(), "--type", PROVENANCE, "--predicate",
                predicate.toString(), image);
        assertThat(attest.exitCode()).as(attest.err()).isZero();
    }

    @Test
    void anImageIsPromotedOnTheEvidenceAttachedToIt() throws Exception {
        Descriptor pushed = push("gate/app", "app-1");
        String image = "oci://" + registry.host() + "/gate/app@" + pushed.digest();
        attestProvenance(image, "ec-p256-sec1.pem");
        String vsa = dir.resolve("app.build.vsa.json").toString();
        CliRun build = CliRun.of("promote", "--policy", policy, "--stage", "build", "--vsa-key", KEYS.resolve("rsa-3072-pkcs8.pem").toString(),
                "--vsa-output", vsa, "--json", image);
        assertThat(build.exitCode()).as(build.out() + build.err()).isZero();
        JsonNode verdict = JsonCodec.mapper().readTree(build.out());
        assertThat(verdict.path("passed").asBoolean()).isTrue();
        assertThat(verdict.toString()).contains("referrer sha256:");

        // the VSA is about the image's manifest digest, and names the pinned image as its resource
        JsonNode statement = JsonCodec.mapper().readTree(java.util.Base64.getDecoder().decode(
                JsonCodec.mapper().readTree(Files.readAllBytes(Path.of(vsa))).at("/dsseEnvelope/payload").asText()));
        assertThat(statement.at("/subject/0/digest/sha256").asText()).isEqualTo(pushed.digest().hex());
        assertThat(statement.at("/predicate/resourceUri").asText()).isEqualTo(registry.host() + "/gate/app@" + pushed.digest());
        CliRun verified = CliRun.of("verify-attestation", "--key", KEYS.resolve("rsa-3072.pub").toString(), "--bundle", vsa,
                "--type", VSA, pushed.digest().toString());
        assertThat(verified.exitCode()).as(verified.err()).isZero();
    }

    @Test
    void anImageWithoutEvidenceOrWithAnotherSignersIsRefused() throws Exception {
        Descriptor bare = push("gate/bare", "bare-1");
        CliRun none = CliRun.of("promote", "--policy", policy, "--stage", "build", "oci://" + registry.host() + "/gate/bare@" + bare.digest());
        assertThat(none.exitCode()).as(none.err()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(none.err()).contains("promotion to build refused");

        Descriptor other = push("gate/other", "other-1");
        String image = "oci://" + registry.host() + "/gate/other@" + other.digest();
        attestProvenance(image, "rsa-3072-pkcs8.pem");
        CliRun wrongSigner = CliRun.of("promote", "--policy", policy, "--stage", "build", image);
        assertThat(wrongSigner.exitCode()).as(wrongSigner.err()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(wrongSigner.out()).contains("FAIL provenance.signers");

        // evidence attached to one image is not evidence for another under the same tag
        Descriptor retagged = push("gate/app2", "app2-1");
        attestProvenance("oci://" + registry.host() + "/gate/app2@" + retagged.digest(), "ec-p256-sec1.pem");
        Descriptor replacement = push("gate/app2", "app2-evil");
        CliRun moved = CliRun.of("promote", "--policy", policy, "--stage", "build", "oci://" + registry.host() + "/gate/app2:1.0");
        assertThat(moved.exitCode()).as(moved.err()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(moved.err()).contains("is a tag").contains(replacement.digest().toString());
    }

    @Test
    void anImagesVsaNeedsAnOutputFile() throws Exception {
        Descriptor pushed = push("gate/out", "out-1");
        String image = "oci://" + registry.host() + "/gate/out@" + pushed.digest();
        attestProvenance(image, "ec-p256-sec1.pem");
        CliRun run = CliRun.of("promote", "--policy", policy, "--stage", "build", "--vsa-key", KEYS.resolve("rsa-3072-pkcs8.pem").toString(),
                image);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--vsa-output").doesNotContain("Exception");
    }

    static final String BASE_POLICY = """
            apiVersion: provenant.dev/policy/v1
            name: base-images
            stages:
              - name: build
                evidence:
                  - name: provenance
                    predicate-type: https://slsa.dev/provenance/v1
                    signers:
                      - public-key: keys/builder.pub
                    base-images:
                      signers:
                        - name: platform
                          public-key: keys/platform.pub
              - name: plain
                evidence:
                  - name: provenance
                    predicate-type: https://slsa.dev/provenance/v1
                    signers:
                      - public-key: keys/builder.pub
            """;

    /** A jar's provenance, signed by the builder, naming {@code base} among its resolved dependencies. */
    private static Path provenanceNaming(Path jar, String base) throws Exception {
        Path predicate = Files.writeString(Files.createTempFile(dir, "predicate", ".json"), """
                {"buildDefinition": {"buildType": "https://provenant.dev/buildtypes/local/v1", "externalParameters": {},
                  "resolvedDependencies": [%s
                    {"uri": "pkg:maven/org.example/lib@1.0", "digest": {"sha256": "%s"}}]},
                 "runDetails": {"builder": {"id": "https://provenant.dev/builders/local"}}}
                """.formatted(base == null ? "" : "{\"uri\": \"" + base + "\"},", "c".repeat(64)));
        Path bundle = Files.createTempFile(dir, "provenance", ".sigstore.json");
        CliRun attest = CliRun.of("attest", "--key", KEYS.resolve("ec-p256-sec1.pem").toString(), "--type", PROVENANCE, "--predicate",
                predicate.toString(), "--bundle", bundle.toString(), jar.toString());
        assertThat(attest.exitCode()).as(attest.err()).isZero();
        return bundle;
    }

    @Test
    void baseImagesNamedInProvenanceMustBePinnedAndSignedByAListedSigner() throws Exception {
        Files.copy(KEYS.resolve("ec-p384.pub"), dir.resolve("keys/platform.pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String basePolicy = Files.writeString(dir.resolve("base-policy.yaml"), BASE_POLICY).toString();
        assertThat(CliRun.of("policy", "check", basePolicy).exitCode()).isZero();
        Path jar = Files.writeString(dir.resolve("app-on-base.jar"), "built on a base image");

        Descriptor signedBase = push("base/jre", "jre-17");
        String signed = registry.host() + "/base/jre@" + signedBase.digest();
        assertThat(CliRun.of("sign", "--key", KEYS.resolve("ec-p384-sec1.pem").toString(), "oci://" + signed).exitCode()).isZero();
        Descriptor otherBase = push("base/other", "other-17");
        String otherSigned = registry.host() + "/base/other@" + otherBase.digest();
        assertThat(CliRun.of("sign", "--key", KEYS.resolve("ed25519-pkcs8.pem").toString(), "oci://" + otherSigned).exitCode()).isZero();
        Descriptor unsignedBase = push("base/unsigned", "unsigned-17");

        CliRun pass = CliRun.of("promote", "--policy", basePolicy, "--stage", "build", "--bundle",
                provenanceNaming(jar, "oci://" + signed).toString(), jar.toString());
        assertThat(pass.exitCode()).as(pass.out() + pass.err()).isZero();
        assertThat(pass.out()).contains("PASS provenance.base-images: 1 base image(s) pinned and signed: oci://" + signed + " (platform)");

        // a base image signed by a key the rule does not list, one not signed at all, one named by tag only
        CliRun wrongSigner = CliRun.of("promote", "--policy", basePolicy, "--stage", "build", "--bundle",
                provenanceNaming(jar, "oci://" + otherSigned).toString(), jar.toString());
        assertThat(wrongSigner.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(wrongSigner.out()).contains("FAIL provenance.base-images: oci://" + otherSigned + ": not signed by platform");
        CliRun unsigned = CliRun.of("promote", "--policy", basePolicy, "--stage", "build", "--bundle",
                provenanceNaming(jar, "docker://" + registry.host() + "/base/unsigned@" + unsignedBase.digest()).toString(), jar.toString());
        assertThat(unsigned.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(unsigned.out()).contains("FAIL provenance.base-images:").contains("no signature or attestation found");
        CliRun byTag = CliRun.of("promote", "--policy", basePolicy, "--stage", "build", "--bundle",
                provenanceNaming(jar, "oci://" + registry.host() + "/base/jre:1.0").toString(), jar.toString());
        assertThat(byTag.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(byTag.out()).contains("base/jre:1.0: not pinned by a digest");

        // --base-image adds images the provenance does not name; they are held to the same rule
        Path noBase = provenanceNaming(jar, null);
        CliRun none = CliRun.of("promote", "--policy", basePolicy, "--stage", "build", "--bundle", noBase.toString(), jar.toString());
        assertThat(none.exitCode()).as(none.out() + none.err()).isZero();
        assertThat(none.out()).contains("no base image named");
        CliRun givenSigned = CliRun.of("promote", "--policy", basePolicy, "--stage", "build", "--bundle", noBase.toString(),
                "--base-image", signed, jar.toString());
        assertThat(givenSigned.exitCode()).as(givenSigned.out() + givenSigned.err()).isZero();
        CliRun givenUnsigned = CliRun.of("promote", "--policy", basePolicy, "--stage", "build", "--bundle", noBase.toString(),
                "--base-image", registry.host() + "/base/unsigned@" + unsignedBase.digest(), jar.toString());
        assertThat(givenUnsigned.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        CliRun noRule = CliRun.of("promote", "--policy", basePolicy, "--stage", "plain", "--bundle", noBase.toString(),
                "--base-image", signed, jar.toString());
        assertThat(noRule.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noRule.err()).contains("has none");

        // a registry that does not answer is a service failure, not a verdict
        CliRun down = CliRun.of("promote", "--policy", basePolicy, "--stage", "build", "--bundle", noBase.toString(),
                "--registry-timeout", "2", "--base-image", "127.0.0.1:9/base/jre@" + signedBase.digest(), jar.toString());
        assertThat(down.exitCode()).as(down.out() + down.err()).isEqualTo(3);
        assertThat(down.err()).contains("127.0.0.1:9").doesNotContain("Exception");
    }
}
