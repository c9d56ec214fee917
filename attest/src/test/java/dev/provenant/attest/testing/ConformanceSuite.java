package dev.provenant.attest.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The Sigstore client conformance suite's offline cases (sigstore/sigstore-conformance at commit
 * a73de497), an optional input that cannot be committed here. The system property
 * {@code provenant.conformance} names a folder holding the suite's {@code bundle-verify/} case folders
 * and, for the replay and cross-check tests, {@code CASES.tsv} and {@code replay.py}; a relative path is
 * taken from the checkout's root ({@code provenant.root}). The parent pom passes it to every test JVM.
 *
 * <p>When the property is unset or empty, or names no folder holding {@code bundle-verify/}, every test
 * that needs the cases is skipped through a JUnit assumption and the test JVM prints {@link #MESSAGE}
 * once on standard error. A test whose own code catches that assumption (inside
 * {@code assertThatThrownBy}, say) is still skipped, neither failed nor passed, through {@link Skip},
 * which the parent pom registers for every test (JUnit extension auto-detection).
 */
public final class ConformanceSuite {
    public static final String PROPERTY = "provenant.conformance";
    public static final String MESSAGE = "conformance cases not given: tests that need the Sigstore conformance suite"
            + " (sigstore/sigstore-conformance a73de497) are skipped; pass -D" + PROPERTY
            + "=DIR, DIR holding its bundle-verify/ folder (and CASES.tsv, replay.py)";
    private static final AtomicBoolean TOLD = new AtomicBoolean();
    private static final AtomicInteger SKIPS = new AtomicInteger();

    private ConformanceSuite() {}

    /** The folder the property names, when it holds {@code bundle-verify/}. */
    public static Optional<Path> dir() {
        return OptionalInput.folder(PROPERTY, "bundle-verify");
    }

    public static boolean present() {
        return dir().isPresent();
    }

    /** The suite's folder; skips the calling test (a JUnit assumption) when it was not given. */
    public static Path require() {
        Optional<Path> dir = dir();
        if (dir.isEmpty()) {
            if (TOLD.compareAndSet(false, true)) {
                String value = System.getProperty(PROPERTY, "").strip();
                System.err.println(value.isEmpty() ? MESSAGE
                        : MESSAGE.replace("not given", "not found at " + value));
            }
            SKIPS.incrementAndGet();
            Assumptions.abort("conformance cases not given (-D" + PROPERTY + "=DIR)");
        }
        return dir.get();
    }

    /** The {@code bundle-verify} folder; skips the calling test when the suite was not given. */
    public static Path bundleVerify() {
        return require().resolve("bundle-verify");
    }

    /** One case's folder; skips the calling test when the suite was not given. */
    public static Path bundleVerify(String name) {
        return bundleVerify().resolve(name);
    }

    /** A file beside {@code bundle-verify/} (CASES.tsv, replay.py); skips the calling test when it is missing. */
    public static Path file(String name) {
        Path file = require().resolve(name);
        if (!Files.isRegularFile(file)) {
            SKIPS.incrementAndGet();
            Assumptions.abort("conformance folder " + file.getParent() + " has no " + name);
        }
        return file;
    }

    /**
     * Skips a test that asked for the missing suite even when its own code caught the assumption: the
     * test's outcome, pass or fail, is replaced by a skip.
     */
    public static final class Skip implements InvocationInterceptor {
        @Override
        public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                ExtensionContext context) throws Throwable {
            skipIfAsked(invocation);
        }

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                ExtensionContext context) throws Throwable {
            skipIfAsked(invocation);
        }

        private static void skipIfAsked(Invocation<Void> invocation) throws Throwable {
            int before = SKIPS.get();
            try {
                invocation.proceed();
            } catch (Throwable e) {
                if (SKIPS.get() != before) {
                    Assumptions.abort("conformance cases not given (-D" + PROPERTY + "=DIR)");
                }
                throw e;
            }
            if (SKIPS.get() != before) {
                Assumptions.abort("conformance cases not given (-D" + PROPERTY + "=DIR)");
            }
        }
    }
}
