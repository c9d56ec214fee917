package dev.provenant.maven;

import dev.provenant.attest.text.TerminalText;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The goals' common base: their log escapes control characters, since what they log (identities,
 * predicate types, file names, failure reasons) comes from untrusted evidence, and an escape sequence
 * or a newline in it could otherwise fake a line of the build's output. Each goal first refuses settings that
 * collide ({@link #checkParameters()}).
 */
abstract class ProvenantMojo extends AbstractMojo {
    private Log safeLog;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    MojoExecution mojoExecution;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession buildSession;

    /**
     * Fails when a {@code -D} user property differs from the value the POM configures for the same parameter (Maven
     * would take the POM's silently), or when the retired shared {@code -Dprovenant.trustedRoot} is given. Outside a
     * Maven build (a goal made by a unit test, with no execution injected) there is nothing to compare.
     */
    void checkParameters() throws MojoExecutionException {
        if (mojoExecution == null || buildSession == null) {
            return;
        }
        Map<String, String> user = userProperties();
        Optional<String> retired = ParameterConflicts.retired(user);
        if (retired.isPresent()) {
            throw new MojoExecutionException(retired.get());
        }
        List<ParameterConflicts.Parameter> parameters = new ArrayList<>();
        for (org.apache.maven.plugin.descriptor.Parameter p : mojoExecution.getMojoDescriptor().getParameters()) {
            String expression = p.getExpression();
            if (expression != null && expression.startsWith("${") && expression.endsWith("}") && expression.indexOf('}') == expression.length() - 1) {
                parameters.add(new ParameterConflicts.Parameter(p.getName(), expression.substring(2, expression.length() - 1), p.getType()));
            }
        }
        Xpp3Dom configuration = mojoExecution.getConfiguration();
        PluginParameterExpressionEvaluator evaluator = new PluginParameterExpressionEvaluator(buildSession, mojoExecution);
        Function<ParameterConflicts.Parameter, Optional<String>> pom = p -> {
            Xpp3Dom child = configuration == null ? null : configuration.getChild(p.name());
            String raw = child == null || child.getValue() == null ? null : child.getValue().strip();
            if (raw == null || raw.equals("${" + p.property() + "}")) {
                return Optional.empty(); // left to the user property or the default
            }
            try {
                Object value = evaluator.evaluate(raw);
                return Optional.of(value instanceof File f ? f.getPath() : String.valueOf(value));
            } catch (ExpressionEvaluationException e) {
                return Optional.of(raw);
            }
        };
        Path basedir = buildSession.getCurrentProject() == null || buildSession.getCurrentProject().getBasedir() == null ? null
                : buildSession.getCurrentProject().getBasedir().toPath();
        List<ParameterConflicts.Conflict> conflicts = ParameterConflicts.find(parameters, pom, user, basedir);
        if (!conflicts.isEmpty()) {
            conflicts.forEach(c -> getLog().error(c.describe()));
            throw new MojoExecutionException(conflicts.get(0).describe()
                    + (conflicts.size() > 1 ? " (and " + (conflicts.size() - 1) + " more, listed above)" : ""));
        }
    }

    /** The build's {@code -D} user properties; empty outside a Maven build. */
    Map<String, String> userProperties() {
        Map<String, String> user = new HashMap<>();
        if (buildSession != null && buildSession.getUserProperties() != null) {
            buildSession.getUserProperties().forEach((k, v) -> user.put(String.valueOf(k), String.valueOf(v)));
        }
        return user;
    }

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
