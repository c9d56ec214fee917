package dev.provenant.cli;

import java.io.PrintWriter;
import java.util.function.LongConsumer;

/**
 * Progress for long hashing on an interactive terminal: a single self-overwriting line on stderr.
 * Silent in pipelines (no console) and for small files, so logs stay clean.
 */
final class Progress implements LongConsumer {
    private static final long SHOW_ABOVE = 256L * 1024 * 1024;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean enabled;

    Progress(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = System.console() != null && total >= SHOW_ABOVE;
    }

    @Override
    public void accept(long done) {
        if (!enabled) {
            return;
        }
        err.printf("\r%s: %d of %d MiB (%d%%)", label, done >> 20, total >> 20, total == 0 ? 100 : done * 100 / total);
        if (done >= total) {
            err.print("\r\033[K");
        }
        err.flush();
    }
}
