package dev.provenant.signer.pkcs11;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a freshly initialised SoftHSM2 token, or skips them with a reason when SoftHSM2 is not
 * installed.
 *
 * <p>SoftHSM2 reads {@code SOFTHSM2_CONF} once, when the JVM loads the module, and a JVM cannot change its
 * own environment; so Maven's surefire configuration points the variable at a fixed file under
 * {@code target/softhsm}, and this extension writes that file and initialises the token with
 * {@code softhsm2-util} before any test loads the module. The token is made once per JVM (kept in the
 * root extension store): SoftHSM2 may not see tokens initialised after the module is loaded.
 */
public final class SoftHsmExtension implements BeforeAllCallback, ParameterResolver {
    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final String LABEL = "provenant-test";
    static final String PIN = "7351";
    private static final String SO_PIN = "93846512";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(MODULE) && onPath("softhsm2-util"),
                "SoftHSM2 is not installed (apt-get install softhsm2): skipping the PKCS#11 tests");
        String conf = System.getenv("SOFTHSM2_CONF");
        Assumptions.assumeTrue(conf != null,
                "SOFTHSM2_CONF is not set: run the PKCS#11 tests through Maven, whose surefire configuration sets it");
        token(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SoftHsmToken.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return token(context);
    }

    private static SoftHsmToken token(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SoftHsmExtension.class))
                .getOrComputeIfAbsent("token", k -> initialise(Path.of(System.getenv("SOFTHSM2_CONF"))), SoftHsmToken.class);
    }

    private static SoftHsmToken initialise(Path conf) {
        try {
            Path dir = conf.getParent();
            Path tokens = dir.resolve("tokens");
            if (Files.exists(tokens)) {
                try (Stream<Path> old = Files.walk(tokens)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(tokens);
            Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
            ProcessBuilder init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", LABEL,
                    "--pin", PIN, "--so-pin", SO_PIN).redirectErrorStream(true).redirectOutput(dir.resolve("init.log").toFile());
            init.environment().put("SOFTHSM2_CONF", conf.toString());
            Process process = init.start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("softhsm2-util --init-token failed: " + Files.readString(dir.resolve("init.log")));
            }
            Path pinFile = Files.writeString(dir.resolve("pin"), PIN + "\n", StandardCharsets.UTF_8);
            return new SoftHsmToken(MODULE, LABEL, PIN, pinFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot set up SoftHSM2 in " + conf.getParent() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while initialising the SoftHSM2 token", e);
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
