package dev.provenant.maven;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.bundle.BundleSigner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Signs every artifact the project publishes (main, attached, POM) into a Sigstore bundle written as
 * {@code FILE.sigstore.json} and attached with the artifact's classifier and the type
 * {@code EXT.sigstore.json}, the layout Maven Central accepts. Provenance written by the
 * {@code provenance} goal is signed into one DSSE bundle, {@code FINALNAME.provenance.sigstore.json}.
 */
@Mojo(name = "sign", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class SignMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    Settings settings;

    /**
     * The signing key, as the CLI's {@code --key}: a PEM private key file, a {@code pkcs11:} URI, or a KMS URI
     * whose backend is added to the plugin's dependencies. Its passphrase or PIN comes from
     * {@code PROVENANT_PASSWORD} / {@code PROVENANT_PKCS11_PIN} or from {@code passphraseServerId}.
     */
    @Parameter(property = "provenant.key")
    String key;

    /** The id of a {@code settings.xml} server whose passphrase (or password) unlocks the key. */
    @Parameter(property = "provenant.passphraseServerId")
    String passphraseServerId;

    /** Sign with a keyless Sigstore identity instead of a key (not available in this version: fails with a message). */
    @Parameter(property = "provenant.keyless", defaultValue = "false")
    boolean keyless;

    /** Skip this goal. */
    @Parameter(property = "provenant.sign.skip", defaultValue = "false")
    boolean skip;

    /** Skip every Provenant goal. */
    @Parameter(property = "provenant.skip", defaultValue = "false")
    boolean skipAll;

    @Component
    MavenProjectHelper projectHelper;

    @Component
    SettingsDecrypter settingsDecrypter;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip || skipAll) {
            getLog().info("Skipping signing");
            return;
        }
        ProjectFiles files = new ProjectFiles(project);
        List<ProjectFile> published = files.published();
        Optional<Path> statement = files.statement();
        if (published.isEmpty() && statement.isEmpty()) {
            throw new MojoExecutionException("the project has no artifact file to sign; run the sign goal after package");
        }
        try (Signer signer = SigningKey.open(key, keyless, passphraseServerId, settings, settingsDecrypter)) {
            BundleSigner bundles = new BundleSigner(signer, new ArtifactDigester());
            for (ProjectFile f : published) {
                Bundle bundle = bundles.signArtifact(f.file());
                AtomicFile.write(f.bundle(), bundle.toJson(), AtomicFile.PUBLIC);
                projectHelper.attachArtifact(project, f.bundleType(), f.classifier().isEmpty() ? null : f.classifier(),
                        f.bundle().toFile());
                getLog().info("Signed " + f.repositoryName() + ": " + f.bundle().getFileName());
            }
            if (statement.isPresent()) {
                Statement parsed = Statement.parse(JsonValue.readDocument(statement.get(), "provenance statement"));
                Path out = files.provenanceBundle();
                AtomicFile.write(out, bundles.attest(parsed).toJson(), AtomicFile.PUBLIC);
                projectHelper.attachArtifact(project, ProjectFiles.PROVENANCE_BUNDLE_TYPE, null, out.toFile());
                getLog().info("Signed provenance: " + out.getFileName());
            }
            getLog().info("Signed with " + signer.description());
        } catch (SigningException e) {
            throw new MojoExecutionException("signing failed: " + e.getMessage(), e);
        } catch (FormatException e) {
            throw new MojoExecutionException("the provenance statement cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot sign: " + e.getMessage(), e);
        }
    }
}
