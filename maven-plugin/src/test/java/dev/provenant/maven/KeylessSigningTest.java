package dev.provenant.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.ci.CiDetection;
import dev.provenant.attest.ci.Environment;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.slsa.ProvenanceGenerator;
import dev.provenant.localsigstore.Identity;
import dev.provenant.localsigstore.LocalSigstore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign goal's keyless path against the embedded Sigstore stack: the plugin's signing code signs a
 * project's jar, POM and provenance with a Fulcio certificate for the token's identity, and the verify
 * goal accepts the bundles with that identity and the stack's trusted root, and refuses others.
 */
class KeylessSigningTest {
    private static final String IDENTITY = "builder@example.test";

    @TempDir
    static Path dir;

    static LocalSigstore stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, Identity.parse(IDENTITY));
        // the stack's Fulcio speaks gRPC over TLS with its own CA; the signing JVM must trust it
        System.setProperty("javax.net.ssl.trustStore", stack.trustStore().toString());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void signsAProjectKeylessWithATokenFileAndTheVerifyGoalAcceptsItsIdentity() throws Exception {
        MavenProject project = project("token-file");
        ArtifactSigning signing = open(new KeylessSigningSetup.TokenChoice(stack.tokenFile().toFile(), null, null), Map.of());
        signProject(project, signing);
        assertThat(signing.description()).contains("keyless identity " + IDENTITY).contains(stack.oidcIssuer())
                .contains("<identityTokenFile> " + stack.tokenFile());

        Bundle jarBundle = Bundle.read(jar(project).resolveSibling("demo-1.0.jar.sigstore.json"));
        assertThat(jarBundle.messageSignature()).isNotNull();
        assertThat(jarBundle.verificationMaterial().tlogEntries()).hasSize(1);
        Bundle provenance = Bundle.read(new ProjectFiles(project).provenanceBundle());
        assertThat(provenance.dsseEnvelope()).isNotNull();
        assertThat(provenance.verificationMaterial().rfc3161Timestamps()).hasSize(1);

        verifyGoal(project, IDENTITY, stack.oidcIssuer()).execute();
    }

    @Test
    void theVerifyGoalRefusesAnotherIdentityOrIssuer() throws Exception {
        MavenProject project = project("wrong-identity");
        signProject(project, open(KeylessSigningSetup.TokenChoice.none(), Map.of("SIGSTORE_ID_TOKEN", stack.mintToken())));
        verifyGoal(project, IDENTITY, stack.oidcIssuer()).execute();

        assertThatThrownBy(() -> verifyGoal(project, "mallory@example.test", stack.oidcIssuer()).execute())
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("verification failed for 3 check(s)")
                .hasMessageContaining("demo-1.0.jar").hasMessageContaining("mallory@example.test");
        assertThatThrownBy(() -> verifyGoal(project, IDENTITY, "https://token.actions.githubusercontent.com").execute())
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("verification failed");
    }

    @Test
    void theVerifyGoalChecksTheGithubWorkflowClaimsItIsGiven() throws Exception {
        MavenProject project = project("github-claims");
        signProject(project, open(KeylessSigningSetup.TokenChoice.none(), Map.of("SIGSTORE_ID_TOKEN", stack.mintToken())));
        verifyGoal(project, IDENTITY, stack.oidcIssuer()).execute();

        // the stack's certificates carry no GitHub Actions claims, so any pin must fail every bundle
        VerifyMojo repository = verifyGoal(project, IDENTITY, stack.oidcIssuer());
        repository.certificateGithubWorkflowRepository = "acme/app";
        assertThatThrownBy(repository::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("verification failed for 3 check(s)").hasMessageContaining("GitHub workflow repository");
        VerifyMojo ref = verifyGoal(project, IDENTITY, stack.oidcIssuer());
        ref.certificateGithubWorkflowRef = "refs/tags/v1.0";
        assertThatThrownBy(ref::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("GitHub workflow ref");
    }

    @Test
    void theVerifyGoalRefusesTheBundlesWithThePublicGoodRootOrAfterTheJarChanged() throws Exception {
        MavenProject project = project("untrusted");
        signProject(project, open(KeylessSigningSetup.TokenChoice.none(), Map.of("SIGSTORE_ID_TOKEN", stack.mintToken())));

        VerifyMojo publicGood = verifyGoal(project, IDENTITY, stack.oidcIssuer());
        publicGood.trustedRoot = null; // the default: the stack's CA and logs are not in it
        assertThatThrownBy(publicGood::execute).isInstanceOf(MojoFailureException.class);

        Files.writeString(jar(project), "tampered\n");
        assertThatThrownBy(() -> verifyGoal(project, IDENTITY, stack.oidcIssuer()).execute())
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("demo-1.0.jar");
    }

    @Test
    void takesTheTokenFromASettingsServerAndTheCertificateNamesThatTokensIdentity() throws Exception {
        MavenProject project = project("server");
        String other = "release-bot@example.test";
        ArtifactSigning signing = open(new KeylessSigningSetup.TokenChoice(null, "sigstore", stack.mintToken(Identity.parse(other))),
                Map.of("SIGSTORE_ID_TOKEN", stack.mintToken()));
        signProject(project, signing);
        assertThat(signing.description()).contains("keyless identity " + other).contains("settings.xml server 'sigstore'");

        verifyGoal(project, other, stack.oidcIssuer()).execute();
        assertThatThrownBy(() -> verifyGoal(project, IDENTITY, stack.oidcIssuer()).execute())
                .isInstanceOf(MojoFailureException.class);
    }

    @Test
    void withoutATokenSourceTheGoalFailsNamingEverySourceTried() throws Exception {
        MavenProject project = project("no-token");
        try (ArtifactSigning signing = open(KeylessSigningSetup.TokenChoice.none(), Map.of())) {
            assertThatThrownBy(() -> signing.signArtifact(jar(project)))
                    .isInstanceOf(MojoExecutionException.class)
                    .hasMessageContaining("no OIDC identity token")
                    .hasMessageContaining("GitHub Actions: ACTIONS_ID_TOKEN_REQUEST_URL is not set")
                    .hasMessageContaining("SIGSTORE_ID_TOKEN: SIGSTORE_ID_TOKEN is not set")
                    .hasMessageContaining("browser sign-in: no terminal attached")
                    .hasMessageContaining("<identityTokenFile>").hasMessageContaining("<identityTokenServerId>");
        }
        assertThat(jar(project).resolveSibling("demo-1.0.jar.sigstore.json")).doesNotExist();
    }

    @Test
    void aNamedTokenThatIsNotAJwtIsAnErrorThatDoesNotFallBackOrShowTheSecret() throws Exception {
        MavenProject project = project("bad-token");
        Path tokenFile = Files.writeString(dir.resolve("not-a-token"), "s3cret-but-no-jwt\n");
        try (ArtifactSigning signing = open(new KeylessSigningSetup.TokenChoice(tokenFile.toFile(), null, null),
                Map.of("SIGSTORE_ID_TOKEN", stack.mintToken()))) {
            assertThatThrownBy(() -> signing.signArtifact(jar(project)))
                    .isInstanceOf(MojoExecutionException.class).hasMessageContaining("<identityTokenFile> " + tokenFile)
                    .hasMessageContaining("not a JWT")
                    .hasMessageNotContaining("SIGSTORE_ID_TOKEN").hasMessageNotContaining("s3cret");
        }
        try (ArtifactSigning signing = open(new KeylessSigningSetup.TokenChoice(null, "sigstore", "s3cret-but-no-jwt"), Map.of())) {
            assertThatThrownBy(() -> signing.signArtifact(jar(project)))
                    .isInstanceOf(MojoExecutionException.class).hasMessageContaining("settings.xml server 'sigstore'")
                    .hasMessageNotContaining("s3cret");
        }
        assertThatThrownBy(() -> open(new KeylessSigningSetup.TokenChoice(tokenFile.toFile(), "sigstore", "x"), Map.of()))
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("not both");
    }

    @Test
    void withoutAUsableLogTheProvenanceIsRefusedBeforeAnyTokenIsFetched() throws Exception {
        MavenProject project = project("no-usable-log");
        Statement statement = Statement.of(List.of(ResourceDescriptor.of("demo-1.0.jar",
                new ArtifactDigester().digest(jar(project), DigestAlgorithm.SHA256))), "https://slsa.dev/provenance/v1",
                JsonNodeFactory.instance.objectNode());
        // a Rekor v2 log without a timestamp authority: nothing can log the envelope
        java.nio.file.Path config = java.nio.file.Files.createTempFile("v2-only", ".json");
        java.nio.file.Files.writeString(config, "{\"mediaType\": \"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
                + "\"caUrls\": [{\"url\": \"https://fulcio.example\", \"majorApiVersion\": 1, \"validFor\": {\"start\": \"2023-01-01T00:00:00Z\"}}],"
                + "\"rekorTlogUrls\": [{\"url\": \"https://rekor.example\", \"majorApiVersion\": 2, \"validFor\": {\"start\": \"2023-01-01T00:00:00Z\"}}],"
                + "\"rekorTlogConfig\": {\"selector\": \"ANY\"}, \"tsaConfig\": {\"selector\": \"ANY\"}}");
        try (ArtifactSigning signing = KeylessSigningSetup.open(config.toFile(), null, KeylessSigningSetup.TokenChoice.none(), Map.of(),
                false, new SystemStreamLog())) {
            assertThatThrownBy(() -> signing.attest(statement))
                    .isInstanceOf(MojoExecutionException.class).hasMessageContaining("cannot sign the provenance keyless")
                    .hasMessageContaining("names no Rekor log valid now");
            assertThat(signing.description()).contains("no identity token fetched");
        } finally {
            java.nio.file.Files.deleteIfExists(config);
        }
    }

    @Test
    void anUnreadableSigningConfigIsReportedWithItsName() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken-signing-config.json"), "{");
        assertThatThrownBy(() -> KeylessSigningSetup.open(broken.toFile(), stack.trustedRoot().toFile(),
                KeylessSigningSetup.TokenChoice.none(), Map.of(), false, new SystemStreamLog()))
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("cannot read the signing config")
                .hasMessageContaining(broken.toString());
    }

    private static ArtifactSigning open(KeylessSigningSetup.TokenChoice token, Map<String, String> env) throws Exception {
        return KeylessSigningSetup.open(stack.signingConfig().toFile(), stack.trustedRoot().toFile(), token, env, false,
                new SystemStreamLog());
    }

    /** What the sign goal does with a project: each published file, then its provenance, each to its bundle path. */
    private static void signProject(MavenProject project, ArtifactSigning signing) throws Exception {
        ProjectFiles files = new ProjectFiles(project);
        List<ResourceDescriptor> subjects = new ArrayList<>();
        try (signing) {
            for (ProjectFile f : files.published()) {
                AtomicFile.write(f.bundle(), signing.signArtifact(f.file()).toJson(), AtomicFile.PUBLIC);
                subjects.add(ResourceDescriptor.of(f.repositoryName(), new ArtifactDigester().digest(f.file(), DigestAlgorithm.SHA256)));
            }
            Statement provenance = new ProvenanceGenerator().generate(subjects,
                    CiDetection.discover().detect(new Environment(Map.of()), project.getBasedir().toPath()), List.of(),
                    ProvenanceGenerator.Overrides.none(), Instant.now());
            AtomicFile.write(files.provenanceBundle(), signing.attest(provenance).toJson(), AtomicFile.PUBLIC);
        }
    }

    private static VerifyMojo verifyGoal(MavenProject project, String identity, String issuer) {
        VerifyMojo mojo = new VerifyMojo();
        mojo.project = project;
        mojo.certificateIdentity = identity;
        mojo.certificateOidcIssuer = issuer;
        mojo.trustedRoot = stack.trustedRoot().toFile();
        mojo.requireTlog = true;
        mojo.requireProvenance = true;
        return mojo;
    }

    /** A built project as Maven holds it after package: its jar as the main artifact, its POM, its build directory. */
    private static MavenProject project(String name) throws Exception {
        Path base = Files.createDirectories(dir.resolve(name));
        Path target = Files.createDirectories(base.resolve("target"));
        Path pom = Files.writeString(base.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>org.example</groupId><artifactId>demo</artifactId><version>1.0</version></project>\n");
        Path jar = Files.writeString(target.resolve("demo-1.0.jar"), "jar bytes of " + name + "\n");
        MavenProject project = new MavenProject();
        project.setGroupId("org.example");
        project.setArtifactId("demo");
        project.setVersion("1.0");
        project.setFile(pom.toFile());
        project.getBuild().setDirectory(target.toString());
        project.getBuild().setFinalName("demo-1.0");
        DefaultArtifact artifact = new DefaultArtifact("org.example", "demo", "1.0", "compile", "jar", null,
                new DefaultArtifactHandler("jar"));
        artifact.setFile(jar.toFile());
        project.setArtifact(artifact);
        return project;
    }

    private static Path jar(MavenProject project) {
        return project.getArtifact().getFile().toPath();
    }

}
