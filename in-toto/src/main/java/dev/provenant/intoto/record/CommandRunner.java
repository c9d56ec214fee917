package dev.provenant.intoto.record;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a step's command. With {@code recordStreams} its stdout and stderr are copied through to the
 * caller's streams and also kept, as in-toto-run {@code -s} does; otherwise they are inherited and the
 * byproducts hold empty strings, the shape in-toto-run writes without {@code -s}.
 */
public final class CommandRunner {
    private final boolean recordStreams;
    private final OutputStream out;
    private final OutputStream err;

    public CommandRunner(boolean recordStreams, OutputStream out, OutputStream err) {
        this.recordStreams = recordStreams;
        this.out = out;
        this.err = err;
    }

    /**
     * The byproducts of one run: {@code stdout}, {@code stderr} and {@code return-value}; {@code timedOut}
     * when the run was killed at its timeout.
     */
    public record Result(int returnValue, String stdout, String stderr, boolean timedOut) {
        public Result(int returnValue, String stdout, String stderr) {
            this(returnValue, stdout, stderr, false);
        }

        public ObjectNode byproducts() {
            return JsonNodeFactory.instance.objectNode().put("stdout", stdout).put("stderr", stderr).put("return-value", returnValue);
        }
    }

    /** @throws IOException when the command cannot be started (not found, not executable) */
    public Result run(List<String> command, Path workdir) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command).directory(workdir.toFile()), Optional.empty());
    }

    /**
     * Runs a prepared process; with a timeout, kills it (and so, for a sandbox that dies with its
     * parent, everything it started) when the timeout passes, and says so in the result.
     */
    public Result run(ProcessBuilder builder, Optional<Duration> timeout) throws IOException, InterruptedException {
        if (!recordStreams) {
            builder.inheritIO();
        } else {
            builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
        }
        Process p = builder.start();
        AtomicBoolean killed = new AtomicBoolean();
        Thread watchdog = null;
        if (timeout.isPresent()) {
            long millis = timeout.get().toMillis();
            watchdog = new Thread(() -> {
                try {
                    if (!p.waitFor(millis, TimeUnit.MILLISECONDS)) {
                        killed.set(true);
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            }, "provenant-step-timeout");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        if (!recordStreams) {
            int code = p.waitFor();
            if (watchdog != null) {
                watchdog.join();
            }
            return new Result(code, "", "", killed.get());
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread errCopy = new Thread(() -> tee(p.getErrorStream(), err, stderr), "provenant-step-stderr");
        errCopy.start();
        tee(p.getInputStream(), out, stdout);
        int code = p.waitFor();
        errCopy.join();
        if (watchdog != null) {
            watchdog.join();
        }
        return new Result(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8), killed.get());
    }

    private static void tee(InputStream in, OutputStream through, ByteArrayOutputStream kept) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                kept.write(buffer, 0, n);
                synchronized (through) {
                    through.write(buffer, 0, n);
                    through.flush();
                }
            }
        } catch (IOException e) {
            // the command closed its stream or the caller's stream failed: what was read is kept
        }
    }
}
