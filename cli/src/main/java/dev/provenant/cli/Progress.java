package dev.provenant.cli;

import dev.provenant.attest.text.TerminalText;
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

    Progress(String label, long total) {
        // The line is drawn with a carriage return and an erase sequence, which Provenant's own
        // stderr escapes, so it goes to the console directly (and only when there is one).
        java.io.Console console = System.console();
        this.err = console == null ? null : console.writer();
        this.label = TerminalText.line(label);
        this.total = total;
        this.enabled = console != null && total >= SHOW_ABOVE;
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
