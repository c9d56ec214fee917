package dev.provenant.intoto.layout;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.intoto.link.ArtifactRecorder;
import dev.provenant.intoto.link.ExcludePatterns;
import dev.provenant.intoto.link.Link;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs inspections as in-toto-verify does: in the verifier's working directory, recording everything
 * under it ({@code .}, with in-toto's default excludes) as materials before and products after, and
 * failing on a non-zero exit. The command's output goes to {@code output} (the CLI's stderr) so that
 * it cannot corrupt a JSON result on stdout.
 */
public final class ProcessInspectionRunner implements InspectionRunner {
    private final Path workdir;
    private final OutputStream output;
    private final ArtifactRecorder recorder;

    public ProcessInspectionRunner(Path workdir, OutputStream output) {
        this.workdir = workdir;
        this.output = output;
        this.recorder = new ArtifactRecorder(workdir, ExcludePatterns.inTotoDefaults(), new ArtifactDigester());
    }

    @Override
    public Link run(Inspection inspection) throws VerificationException {
        if (inspection.run().isEmpty()) {
            throw new VerificationException(Check.INSPECTION, "inspection '" + inspection.name() + "' has no command to run");
        }
        try {
            var materials = recorder.record(List.of("."));
            Process p = new ProcessBuilder(inspection.run()).directory(workdir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            p.getInputStream().transferTo(output);
            output.flush();
            int code = p.waitFor();
            if (code != 0) {
                throw new VerificationException(Check.INSPECTION, "inspection '" + inspection.name() + "' command "
                        + inspection.run() + " exited with " + code);
            }
            var products = recorder.record(List.of("."));
            return new Link(inspection.name(), inspection.run(), materials, products,
                    JsonNodeFactory.instance.objectNode().put("return-value", code), null);
        } catch (IOException e) {
            throw new VerificationException(Check.INSPECTION, "inspection '" + inspection.name() + "' could not run "
                    + inspection.run() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationException(Check.INSPECTION, "interrupted while inspection '" + inspection.name() + "' ran", e);
        }
    }
}
