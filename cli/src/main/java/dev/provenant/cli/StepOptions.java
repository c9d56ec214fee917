package dev.provenant.cli;

import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.intoto.link.ArtifactRecorder;
import dev.provenant.intoto.link.ExcludePatterns;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.intoto.record.StepRecorder;
import dev.provenant.intoto.keys.SslibKeyFiles;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options run, record start and record stop share, named as in-toto-run names them. */
final class StepOptions {
    @Option(names = {"-n", "--step"}, required = true, paramLabel = "NAME", description = "The step's name, as the layout names it.")
    String step;

    @Option(names = {"-k", "--key"}, required = true, paramLabel = "KEYFILE",
            description = {"Functionary private key: a securesystemslib JSON key (in-toto-keygen -t ed25519|ecdsa),",
                "or a PEM key (in-toto-keygen's RSA keys, or any key provenant keygen makes). RSA signs RSASSA-PSS."})
    Path key;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Passphrase of an encrypted PEM key (default: the PROVENANT_PASSWORD variable).")
    Path passwordFile;

    @Option(names = {"-b", "--base-path"}, paramLabel = "DIR", description = "Record artifact paths relative to DIR (default: here).")
    Path basePath;

    @Option(names = "--exclude", arity = "1..*", paramLabel = "PATTERN",
            description = "gitignore-style patterns of artifacts to leave out; replaces the defaults: '*.link*' .git '*.pyc' '*~'.")
    List<String> excludes;

    @Option(names = {"-d", "--metadata-directory"}, paramLabel = "DIR", description = "Write the link and bundle into DIR (default: here).")
    Path metadataDirectory;

    @Option(names = "--record-environment", description = "Record the working directory as environment.workdir.")
    boolean recordEnvironment;

    StepRecorder recorder() throws KeyReferenceException {
        if (!step.matches("[A-Za-z0-9_.-]+") || step.startsWith(".")) {
            throw new IllegalArgumentException("step name '" + step + "' must be letters, digits, '.', '_' or '-' (it names files)");
        }
        var pair = SslibKeyFiles.readPrivate(key, SecretSource.password(passwordFile), SslibScheme.RSASSA_PSS_SHA256);
        Path here = Path.of("").toAbsolutePath();
        ExcludePatterns patterns = excludes == null ? ExcludePatterns.inTotoDefaults() : ExcludePatterns.of(excludes);
        ArtifactRecorder artifacts = new ArtifactRecorder(basePath == null ? here : here.resolve(basePath), patterns, new ArtifactDigester());
        return new StepRecorder(pair, artifacts, here, metadataDirectory == null ? here : here.resolve(metadataDirectory),
                recordEnvironment);
    }
}
