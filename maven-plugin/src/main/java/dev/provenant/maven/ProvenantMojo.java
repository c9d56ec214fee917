package dev.provenant.maven;

import dev.provenant.attest.text.TerminalText;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.logging.Log;

/**
 * The goals' common base: their log escapes control characters, since what they log (identities,
 * predicate types, file names, failure reasons) comes from untrusted evidence, and an escape sequence
 * or a newline in it could otherwise fake a line of the build's output.
 */
abstract class ProvenantMojo extends AbstractMojo {
    private Log safeLog;

    @Override
    public Log getLog() {
        Log log = super.getLog();
        if (safeLog == null || ((SafeLog) safeLog).delegate != log) {
            safeLog = new SafeLog(log);
        }
        return safeLog;
    }

    /** One untrusted value made safe for an exception message that Maven prints. */
    static String safe(String value) {
        return TerminalText.line(value);
    }

    private static final class SafeLog implements Log {
        private final Log delegate;

        SafeLog(Log delegate) {
            this.delegate = delegate;
        }

        private static CharSequence s(CharSequence c) {
            return c == null ? null : TerminalText.line(c.toString());
        }

        @Override public boolean isDebugEnabled() { return delegate.isDebugEnabled(); }
        @Override public void debug(CharSequence content) { delegate.debug(s(content)); }
        @Override public void debug(CharSequence content, Throwable error) { delegate.debug(s(content), error); }
        @Override public void debug(Throwable error) { delegate.debug(error); }
        @Override public boolean isInfoEnabled() { return delegate.isInfoEnabled(); }
        @Override public void info(CharSequence content) { delegate.info(s(content)); }
        @Override public void info(CharSequence content, Throwable error) { delegate.info(s(content), error); }
        @Override public void info(Throwable error) { delegate.info(error); }
        @Override public boolean isWarnEnabled() { return delegate.isWarnEnabled(); }
        @Override public void warn(CharSequence content) { delegate.warn(s(content)); }
        @Override public void warn(CharSequence content, Throwable error) { delegate.warn(s(content), error); }
        @Override public void warn(Throwable error) { delegate.warn(error); }
        @Override public boolean isErrorEnabled() { return delegate.isErrorEnabled(); }
        @Override public void error(CharSequence content) { delegate.error(s(content)); }
        @Override public void error(CharSequence content, Throwable error) { delegate.error(s(content), error); }
        @Override public void error(Throwable error) { delegate.error(error); }
    }
}
