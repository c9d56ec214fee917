package dev.provenant.maven;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.frontend.Failure;
import dev.provenant.frontend.FrontEnd;
import dev.provenant.frontend.SetupException;
import dev.provenant.frontend.StorePush;
import dev.provenant.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Signs every artifact the project publishes (main, attached, POM) into a Sigstore bundle written as
 * {@code FILE.sigstore.json} and attached with the artifact's classifier and the type
 * {@code EXT.sigstore.json}, the layout Maven Central accepts. Provenance written by the
 * {@code provenance} goal is signed into one DSSE bundle, {@code FINALNAME.provenance.sigstore.json}.
 */
@Mojo(name = "sign", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class SignMojo extends SigningMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;


    /**
     * Also store every bundle this goal writes in this evidence store, as {@code provenant store push} does
     * (later stages find them with {@code provenant store find --subject}): a folder, or
     * {@code postgresql://HOST[:PORT]/DB}. Never a password: it comes from the file
     * {@code PROVENANT_STORE_PASSWORD_FILE} names, else {@code PGPASSWORD}, else {@code PGPASSFILE}; the user
     * from the URL or {@code PGUSER}. A store that fails fails the build, naming the store; the bundle
     * files stay written. Unset: nothing is stored.
     */
    @Parameter(property = "provenant.store")
    String store;

    /** Skip this goal. */
    @Parameter(property = "provenant.sign.skip", defaultValue = "false")
    boolean skip;

    /** Skip every Provenant goal. */
    @Parameter(property = "provenant.skip", defaultValue = "false")
    boolean skipAll;

    @Component
    MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip || skipAll) {
            getLog().info("Skipping signing");
            return;
        }
        checkParameters();
        ProjectFiles files = new ProjectFiles(project);
        List<ProjectFile> published = files.published();
        Optional<Path> statement = files.statement();
        if (published.isEmpty() && statement.isEmpty()) {
            throw new MojoExecutionException("the project has no artifact file to sign; run the sign goal after package");
        }
        StorePush stores = new StorePush(FrontEnd.MAVEN, System.getenv(), StorePush.besideFrontEnd());
        List<StorePush.Written> written = new ArrayList<>();
        if (blank(store) != null) {
            try {
                stores.location(store); // a store URL holding a password stops the build before anything is signed
            } catch (SetupException e) {
                throw new MojoExecutionException("<store>: " + safe(e.getMessage()), e);
            }
        }
        try (ArtifactSigning signing = open()) {
            // The provenance first: keyless, it needs a log that can record an envelope (Rekor v1, or Rekor v2
            // with a TSA), and a build that cannot sign it should stop before any bundle is written.
            Optional<Bundle> provenance = Optional.empty();
            if (statement.isPresent()) {
                provenance = Optional.of(signing.attest(Statement.parse(JsonValue.readDocument(statement.get(), InputLimit.STATEMENT))));
            }
            // Maven Central checks every FILE.sigstore.json against the public-good instance: only bundles that
            // pass there (keyless, public-good) take that name.
            boolean publicGood = keyless && signingConfig == null;
            if (!publicGood) {
                getLog().info("Attaching bundles as FILE" + ProjectFiles.OWN_BUNDLE_SUFFIX + ", not FILE" + ProjectFiles.BUNDLE_SUFFIX
                        + ": repositories such as Maven Central check every " + ProjectFiles.BUNDLE_SUFFIX + " against the public-good"
                        + " Sigstore instance, where a " + (keyless ? "bundle from another instance" : "key-signed bundle")
                        + " reads as an invalid signature");
            }
            for (ProjectFile f : published) {
                Bundle bundle = signing.signArtifact(f.file());
                Path out = f.bundle(publicGood);
                byte[] json = bundle.toJson();
                AtomicFile.write(out, json, AtomicFile.PUBLIC);
                written.add(new StorePush.Written(out.toString(), json));
                projectHelper.attachArtifact(project, f.bundleType(publicGood), f.classifier().isEmpty() ? null : f.classifier(),
                        out.toFile());
                getLog().info("Signed " + f.repositoryName() + ": " + out.getFileName());
            }
            if (provenance.isPresent()) {
                Path out = files.provenanceBundle(publicGood);
                byte[] json = provenance.get().toJson();
                AtomicFile.write(out, json, AtomicFile.PUBLIC);
                written.add(new StorePush.Written(out.toString(), json));
                projectHelper.attachArtifact(project, publicGood ? ProjectFiles.PROVENANCE_BUNDLE_TYPE : ProjectFiles.OWN_PROVENANCE_BUNDLE_TYPE,
                        null, out.toFile());
                getLog().info("Signed provenance: " + out.getFileName());
            }
            getLog().info("Signed with " + signing.description());
        } catch (FormatException e) {
            throw new MojoExecutionException("the provenance statement cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot sign: " + e.getMessage(), e);
        }
        if (blank(store) != null) {
            push(stores, written);
        }
    }

    /** Stores the written bundles through the CLI's own push path; a failure names the store, and the files stay. */
    private void push(StorePush stores, List<StorePush.Written> written) throws MojoExecutionException {
        try {
            StorePush.Pushed pushed = stores.pushWritten(store, written);
            for (int i = 0; i < pushed.bundles().size(); i++) {
                getLog().info("Stored " + Path.of(written.get(i).file()).getFileName() + " in " + pushed.store() + " as "
                        + pushed.bundles().get(i).digest());
            }
        } catch (SetupException | StoreException | FormatException e) {
            Failure failure = Failure.of(e);
            throw new MojoExecutionException(failure.what() + ": " + safe(failure.message()), e);
        }
    }
}
