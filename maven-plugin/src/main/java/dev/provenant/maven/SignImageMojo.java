package dev.provenant.maven;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.attest.slsa.ProvenancePredicate;
import dev.provenant.frontend.Failure;
import dev.provenant.frontend.ImageProvenance;
import dev.provenant.frontend.ImageSigning;
import dev.provenant.frontend.JibImage;
import dev.provenant.frontend.RegistryAccess;
import dev.provenant.frontend.SetupException;
import dev.provenant.oci.ImageVerifier;
import dev.provenant.oci.Referrers;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.RegistryException;
import dev.provenant.oci.SigstoreLayout;
import dev.provenant.verifier.check.VerificationException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Signs the container image {@code jib:build} pushed, by digest, and publishes the bundle in the registry as
 * an OCI referrer (the fallback tag {@code sha256-HEX} where the registry has no referrers API), as
 * {@code provenant sign-image} does. The image comes from Jib's {@code jib-image.json} (an image Jib did not
 * push is refused) or, without it, from {@code jib-image.digest} and {@code image}. With {@code attestProvenance},
 * it also attests SLSA provenance for the image: the provenance goal's statement for the jar, with the jar (name
 * and SHA-256) added to {@code resolvedDependencies}. Bind it after Jib's {@code build} goal (both in
 * {@code package} with Jib's execution first, or this goal in {@code deploy}). Signs with a key or keyless, with the
 * same parameters as the {@code sign} goal.
 */
@Mojo(name = "sign-image", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class SignImageMojo extends SigningMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Jib's record of the image it built: {@code image}, {@code imageDigest}, {@code tags}, {@code imagePushed}. */
    @Parameter(property = "provenant.jibImageJson", defaultValue = "${project.build.directory}/jib-image.json")
    File jibImageJson;

    /** Jib's image digest file, read when {@code jibImageJson} does not exist; the image is then named by {@code image}. */
    @Parameter(property = "provenant.jibImageDigest", defaultValue = "${project.build.directory}/jib-image.digest")
    File jibImageDigest;

    /** The repository Jib pushed to ({@code REGISTRY/REPOSITORY}), only needed with {@code jib-image.digest} alone. */
    @Parameter(property = "provenant.image")
    String image;

    /**
     * Also attest SLSA provenance for the image: the provenance goal's statement for this build's jar (run that goal
     * first), with the jar added to {@code resolvedDependencies}, published as a second referrer.
     */
    @Parameter(property = "provenant.attestProvenance", defaultValue = "false")
    boolean attestProvenance;

    /** Folder of the Docker {@code config.json} with the registry credentials (default: {@code $DOCKER_CONFIG}, else {@code ~/.docker}). */
    @Parameter(property = "provenant.dockerConfig")
    File dockerConfig;

    /** PEM certificates to trust, instead of the JDK's CAs, for a registry with a private CA. */
    @Parameter(property = "provenant.registryCa")
    File registryCa;

    /** Allow plain HTTP to a registry that does not speak TLS (always allowed on loopback). */
    @Parameter(property = "provenant.allowInsecureRegistry", defaultValue = "false")
    boolean allowInsecureRegistry;

    /** Give up on a registry that does not answer within this many seconds. */
    @Parameter(property = "provenant.registryTimeout", defaultValue = "30")
    int registryTimeout;

    /** Skip this goal. */
    @Parameter(property = "provenant.signImage.skip", defaultValue = "false")
    boolean skip;

    /** Skip every Provenant goal. */
    @Parameter(property = "provenant.skip", defaultValue = "false")
    boolean skipAll;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip || skipAll) {
            getLog().info("Skipping image signing");
            return;
        }
        checkParameters();
        try {
            // what to sign, and the jar's provenance, are read before the key is opened or the registry asked
            JibImage jib = JibImage.find(jibImageJson.toPath(), jibImageDigest.toPath(), blank(image));
            getLog().info("The image Jib pushed: " + jib.pinned() + (jib.tags().isEmpty() ? "" : " (tags " + String.join(", ", jib.tags())
                    + "; the digest is what is signed)"));
            Optional<Statement> provenance = attestProvenance ? Optional.of(imageProvenance(jib)) : Optional.empty();
            RegistryClient client = RegistryAccess.client(path(dockerConfig), path(registryCa), allowInsecureRegistry, registryTimeout,
                    System.getenv(), new RegistryAccess.Names("<registryTimeout>"));
            ImageSigning.Signed signature;
            Optional<ImageSigning.Signed> attestation = Optional.empty();
            try (ArtifactSigning signing = open()) {
                ImageVerifier.Resolved resolved = ImageVerifier.resolve(client, jib.pinned());
                signature = signing.image(client, resolved, SigstoreLayout.SIGN_PREDICATE_TYPE, JsonCodec.mapper().createObjectNode());
                if (provenance.isPresent()) {
                    attestation = Optional.of(signing.image(client, resolved, ProvenancePredicate.TYPE, provenance.get().predicate()));
                }
                getLog().info("Signed with " + signing.description());
            }
            report("Signed", ImageSigning.publish(client, signature).get(0), signature);
            if (attestation.isPresent()) {
                report("Attested provenance for", ImageSigning.publish(client, attestation.get()).get(0), attestation.get());
            }
        } catch (SetupException e) {
            throw new MojoExecutionException(safe(e.getMessage()), e);
        } catch (RegistryException e) {
            throw new MojoExecutionException("registry: " + safe(e.getMessage()), e);
        } catch (VerificationException | FormatException | IOException e) {
            Failure failure = Failure.of(e);
            throw new MojoExecutionException(failure.what() + ": " + safe(failure.message()), e);
        }
    }

    /** The provenance goal's statement, checked to describe this build's jar, as the image's predicate. */
    private Statement imageProvenance(JibImage jib) throws MojoExecutionException, IOException, SetupException, FormatException {
        ProjectFiles files = new ProjectFiles(project);
        Optional<Path> statement = files.statement();
        if (statement.isEmpty()) {
            throw new MojoExecutionException("<attestProvenance> needs the provenance goal's statement for the jar: run the"
                    + " provenance goal before sign-image, or leave attestProvenance false");
        }
        List<ProjectFile> published = files.published();
        if (published.isEmpty() || !published.get(0).extension().equals("jar")) {
            throw new MojoExecutionException("<attestProvenance> names the project's jar as material, and the project has no jar");
        }
        ProjectFile jar = published.get(0);
        ResourceDescriptor material = ResourceDescriptor.of(jar.repositoryName(),
                new ArtifactDigester().digest(jar.file(), DigestAlgorithm.SHA256));
        Statement jarProvenance = Statement.parse(JsonValue.readDocument(statement.get(), InputLimit.STATEMENT));
        return Statement.of(List.of(ResourceDescriptor.of(jib.pinned().repositoryName(), jib.pinned().digest())),
                ProvenancePredicate.TYPE, ImageProvenance.predicate(jarProvenance, material));
    }

    private void report(String what, Referrers.Attached attached, ImageSigning.Signed signed) {
        getLog().info(what + " " + signed.pinned() + ": referrer " + attached.referrer() + " ("
                + (attached.fallbackTagUpdated() ? "listed in fallback tag " + attached.fallbackTag() : "the registry's referrers API") + ")");
    }

    private static Path path(File f) {
        return f == null ? null : f.toPath();
    }
}
