package dev.provenant.verifier;

import dev.provenant.verifier.check.VerificationException;

import dev.provenant.verifier.check.Check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.verifier.identity.IdentityPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Check} has a negative test: a test somewhere in the project that makes that check fail
 * and asserts its name. A check added without one fails this build, so no check exists that nobody has
 * seen fail.
 */
class CheckCoverageTest {
    /** The repository's root: this module's tests run with the module folder as working directory. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /**
     * A check named in a failure assertion: {@code assertFails(..., Check.X)}, {@code assertRejected(Check.X, ...)},
     * {@code assertThat(e.check()).isEqualTo(Check.X)} and the like, within one statement.
     */
    private static final Pattern ASSERTED = Pattern.compile(
            "(?:assert(?:Fails|Rejected|Refused)|rejects|fails|failsWith)\\w*\\([^;]*?\\bCheck\\.([A-Z_]+)"
            + "|check\\(\\)\\)[^;]*?\\.isEqualTo\\(\\s*(?:dev\\.provenant\\.verifier\\.)?Check\\.([A-Z_]+)"
            + "|\"check\",\\s*(?:dev\\.provenant\\.verifier\\.)?Check\\.([A-Z_]+)"
            // the CLI's --json names a failed check in kebab case, as its tests assert it
            + "|get\\(\"check\"\\)\\.asText\\(\\)\\)\\.isEqualTo\\(\"([a-z0-9-]+)\""
            + "|assert(?:Refused|Fails|Rejected)\\w*\\(\\s*\"([a-z0-9-]+)\"");

    @Test
    void everyCheckIsAssertedFailingByATest() throws IOException {
        Set<Check> asserted = EnumSet.noneOf(Check.class);
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/test/java/")
                            && !f.toString().contains("/target/"))
                    .forEach(sources::add);
        }
        assertThat(sources).as("test sources under " + ROOT).isNotEmpty();
        for (Path source : sources) {
            // comments do not count: only code can make a check fail
            String code = Files.readString(source, StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "")
                    .replaceAll("(?m)^\\s*//.*$", "");
            Matcher m = ASSERTED.matcher(code);
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3)
                        : (m.group(4) != null ? m.group(4) : m.group(5)).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
                for (Check c : Check.values()) {
                    if (c.name().equals(name)) {
                        asserted.add(c);
                    }
                }
            }
        }
        Set<Check> missing = EnumSet.allOf(Check.class);
        missing.removeAll(asserted);
        assertThat(missing)
                .as("checks no test asserts failing (add a negative test that fails the check alone and asserts its name)")
                .isEmpty();
    }

    @Test
    void aKeylessBundleWithoutATrustedRootFailsTheTrustRootCheck() throws Exception {
        Path dir = MavenCentralBundleTest.DIR;
        Bundle bundle = Bundle.read(dir.resolve("sigstore-java-1.3.0.jar.sigstore.json"));
        BundleVerifier noRoot = new BundleVerifier(new ArtifactDigester(), () -> null, Clock.systemUTC());
        assertThatThrownBy(() -> noRoot.verify(bundle, List.of(new Artifact.FileArtifact(dir.resolve("sigstore-java-1.3.0.jar"))),
                VerificationPolicy.ofIdentity(IdentityPolicy.exact(MavenCentralBundleTest.IDENTITY, MavenCentralBundleTest.ISSUER))))
                .isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).check()).isEqualTo(Check.TRUST_ROOT));
    }
}
