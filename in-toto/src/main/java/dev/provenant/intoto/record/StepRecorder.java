package dev.provenant.intoto.record;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.intoto.link.ArtifactRecorder;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.LinkPredicate;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.intoto.link.MetadataSignature;
import dev.provenant.sandbox.Sandbox;
import dev.provenant.sandbox.SandboxEvidence;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeySigner;
import dev.provenant.intoto.keys.SslibKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Records supply-chain steps as in-toto-run and in-toto-record do: materials before, the command, products
 * after, signed by a functionary key. Files are named as the reference implementation names them, so
 * in-toto-verify finds them: {@code STEP.KEYID8.link}, and {@code .STEP.KEYID8.link-unfinished} between
 * {@link #start} and {@link #stop}. Beside each link goes {@code STEP.KEYID8.link.sigstore.json}, which
 * in-toto's default exclude pattern {@code *.link*} keeps out of later steps' artifacts.
 */
public final class StepRecorder {
    private final SslibKeyPair key;
    private final ArtifactRecorder artifacts;
    private final Path workdir;
    private final Path outputDir;
    private final boolean recordEnvironment;

    /**
     * @param workdir where the command runs and the preliminary link of {@link #start} is kept
     * @param outputDir where finished links and bundles are written
     */
    public StepRecorder(SslibKeyPair key, ArtifactRecorder artifacts, Path workdir, Path outputDir, boolean recordEnvironment) {
        this.key = key;
        this.artifacts = artifacts;
        this.workdir = workdir;
        this.outputDir = outputDir;
        this.recordEnvironment = recordEnvironment;
    }

    public static String linkFileName(String step, String keyid) {
        return step + "." + keyid.substring(0, 8) + ".link";
    }

    public static String unfinishedFileName(String step, String keyid) {
        return "." + step + "." + keyid.substring(0, 8) + ".link-unfinished";
    }

    /**
     * Runs one step. An empty {@code command} records no command and no byproducts (in-toto-run
     * {@code --no-command}). A command that exits non-zero is still recorded, with its return-value.
     */
    public RecordedStep run(String step, List<String> materials, List<String> command, CommandRunner runner, List<String> products)
            throws IOException, InterruptedException, SigningException {
        var recordedMaterials = artifacts.record(materials);
        ObjectNode byproducts = JsonNodeFactory.instance.objectNode();
        if (!command.isEmpty()) {
            byproducts = runner.run(command, workdir).byproducts();
        }
        var recordedProducts = artifacts.record(products);
        Link link = new Link(step, command, recordedMaterials, recordedProducts, byproducts, environment());
        return finish(link);
    }

    /**
     * Runs one step in {@code sandbox}, as {@link #run} does otherwise: the link's
     * {@code environment.sandbox} records the isolation (profile digest, effective settings, bubblewrap
     * version, what was enforced) and {@code byproducts.sandbox} how the run ended. A step killed at its
     * timeout is still recorded, with the return-value its killing gave. The step writes to copies; only
     * a step that exits 0 has them written back before its products are recorded, so the products of a
     * failed step are recorded as the workspace still holds them.
     */
    public RecordedStep runSandboxed(String step, List<String> materials, List<String> command, CommandRunner runner,
            Sandbox sandbox, List<String> products) throws IOException, InterruptedException, SigningException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a sandbox runs a command: name one, or drop --sandbox");
        }
        var recordedMaterials = artifacts.record(materials);
        Sandbox.Launch launch = sandbox.prepare(command, workdir, materials.stream().map(p -> artifacts.base().resolve(p)).toList(),
                products.stream().map(p -> artifacts.base().resolve(p)).toList());
        CommandRunner.Result result;
        try {
            result = runner.run(launch.builder(), Optional.of(launch.timeout()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            launch.finish(-1, true);
            throw e;
        }
        ObjectNode byproducts = result.byproducts();
        // before the products are recorded: a failed step's writes never reach the workspace
        byproducts.set(SandboxEvidence.KEY, launch.finish(result.returnValue(), result.timedOut()));
        ObjectNode env = environment();
        env.set(SandboxEvidence.KEY, launch.evidence());
        var recordedProducts = artifacts.record(products);
        return finish(new Link(step, command, recordedMaterials, recordedProducts, byproducts, env));
    }

    /** Records materials into a signed preliminary link, to be finished by {@link #stop}. */
    public Path start(String step, List<String> materials) throws IOException, SigningException {
        Link link = new Link(step, List.of(), artifacts.record(materials), null, null, environment());
        Path unfinished = workdir.resolve(unfinishedFileName(step, key.keyid()));
        AtomicFile.write(unfinished, key.sign(link.unsigned()).toJson(), AtomicFile.PUBLIC);
        return unfinished;
    }

    /**
     * Finishes a step begun with {@link #start}: the preliminary link must be signed by this same key,
     * so nobody can slip in materials between the two.
     */
    public RecordedStep stop(String step, List<String> products) throws IOException, SigningException {
        Path unfinished = workdir.resolve(unfinishedFileName(step, key.keyid()));
        Metablock preliminary;
        try {
            preliminary = Metablock.parse(BoundedFile.read(unfinished, InputLimit.INTOTO_METADATA));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(unfinished.toString(), null, "no preliminary link: run 'record start' for step "
                    + step + " with the same key first");
        } catch (FormatException e) {
            throw new KeyReferenceException(unfinished + ": " + e.getMessage());
        }
        MetadataSignature signature = preliminary.signatures().stream().filter(s -> s.keyid().equals(key.keyid())).findFirst()
                .orElseThrow(() -> new KeyReferenceException(unfinished + " was not signed by key " + key.keyid()));
        if (!key.publicKey().schemeValue().verify(key.jcaPublicKey(), preliminary.signableBytes(), signature.sigBytes())) {
            throw new SigningException(unfinished + ": its signature does not verify; it was changed after 'record start'");
        }
        Link link;
        try {
            link = Link.fromJson(preliminary.signed());
        } catch (FormatException e) {
            throw new KeyReferenceException(unfinished + ": " + e.getMessage());
        }
        RecordedStep done = finish(link.withProducts(artifacts.record(products)));
        Files.delete(unfinished);
        return done;
    }

    private RecordedStep finish(Link link) throws IOException, SigningException {
        Metablock signed = key.sign(link.unsigned());
        Files.createDirectories(outputDir);
        Path linkFile = outputDir.resolve(linkFileName(link.name(), key.keyid()));
        AtomicFile.write(linkFile, signed.toJson(), AtomicFile.PUBLIC);
        Optional<Path> bundleFile = Optional.empty();
        if (!link.products().isEmpty()) {
            Statement statement = LinkPredicate.toStatement(link);
            Bundle bundle;
            try (FileKeySigner signer = new FileKeySigner(key.keyPair(), "functionary key " + key.keyid())) {
                bundle = new BundleSigner(signer, new ArtifactDigester()).attest(statement);
            }
            Path file = outputDir.resolve(linkFile.getFileName() + ".sigstore.json");
            AtomicFile.write(file, bundle.toJson(), AtomicFile.PUBLIC);
            bundleFile = Optional.of(file);
        }
        return new RecordedStep(link, key.keyid(), linkFile, bundleFile);
    }

    private ObjectNode environment() {
        ObjectNode env = JsonNodeFactory.instance.objectNode();
        if (recordEnvironment) {
            env.put("workdir", workdir.toAbsolutePath().toString().replace('\\', '/'));
        }
        return env;
    }
}
