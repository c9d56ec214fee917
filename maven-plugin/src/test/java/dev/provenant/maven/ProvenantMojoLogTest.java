package dev.provenant.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class ProvenantMojoLogTest {

    /** Records what reaches Maven's log. */
    private static final class RecordingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override public void info(CharSequence content) { lines.add("INFO " + content); }
        @Override public void warn(CharSequence content) { lines.add("WARN " + content); }
        @Override public void error(CharSequence content) { lines.add("ERROR " + content); }
    }

    private static final class Goal extends ProvenantMojo {
        @Override
        public void execute() {
            getLog().info("Verified signer \u001b[32mhttps://evil\rBUILD SUCCESS\n[INFO] ok");
            getLog().error("\u009b2J");
        }
    }

    @Test
    void whatAGoalLogsReachesMavenWithItsControlCharactersEscaped() {
        RecordingLog log = new RecordingLog();
        Goal goal = new Goal();
        goal.setLog(log);
        goal.execute();
        assertThat(log.lines).containsExactly(
                "INFO Verified signer \\u001b[32mhttps://evil\\u000dBUILD SUCCESS\\u000a[INFO] ok",
                "ERROR \\u009b2J");
        assertThat(ProvenantMojo.safe("a\nb")).isEqualTo("a\\u000ab");
    }
}
