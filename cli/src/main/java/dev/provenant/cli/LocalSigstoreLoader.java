package dev.provenant.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts the embedded Sigstore stack (module provenant-local-sigstore). It and its gRPC and sigstore-java
 * jars stay off the launcher's class path, like the TUF client: only {@code local-sigstore} loads them, from
 * the folder named by the {@code provenant.lib} property (set by ./provenant), or from the class path. The
 * stack is reached through JDK types only, so nothing of it is linked into the CLI.
 */
final class LocalSigstoreLoader {
    private static final String STACK_CLASS = "dev.provenant.localsigstore.LocalSigstore";
    private static final String IN_USE_CLASS = "dev.provenant.localsigstore.DirectoryInUseException";

    private LocalSigstoreLoader() {}

    /** A running stack. */
    interface Stack {
        Map<String, String> describe();

        void close();
    }

    static final class StartException extends Exception {
        private final boolean usage;

        StartException(String message) {
            this(message, false);
        }

        StartException(String message, boolean usage) {
            super(message);
            this.usage = usage;
        }

        /** Whether the invocation, not a service, is at fault: the directory is another running stack's. */
        boolean usage() {
            return usage;
        }
    }

    static Stack start(Path dir, int httpPort, int fulcioPort, String identity) throws StartException {
        Class<?> type = find();
        Object stack;
        try {
            Method start = type.getMethod("start", Path.class, int.class, int.class, String.class);
            stack = start.invoke(null, dir, httpPort, fulcioPort, identity);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException usage) {
                throw usage;
            }
            if (isInstance(type, IN_USE_CLASS, cause)) {
                throw new StartException(cause.getMessage(), true);
            }
            throw new StartException("the stack did not start: " + cause.getMessage());
        } catch (ReflectiveOperationException e) {
            throw new StartException("the local-sigstore module beside this CLI does not match it: " + e.getMessage());
        }
        return new Stack() {
            @Override
            @SuppressWarnings("unchecked")
            public Map<String, String> describe() {
                try {
                    return (Map<String, String>) type.getMethod("describe").invoke(stack);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("the local-sigstore module does not match this CLI", e);
                }
            }

            @Override
            public void close() {
                try {
                    ((AutoCloseable) stack).close();
                } catch (Exception e) {
                    // stopping: nothing left to report it to
                }
            }
        };
    }

    private static boolean isInstance(Class<?> stack, String name, Throwable thrown) {
        try {
            return Class.forName(name, false, stack.getClassLoader()).isInstance(thrown);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Class<?> find() throws StartException {
        try {
            return Class.forName(STACK_CLASS);
        } catch (ClassNotFoundException e) {
            // not on the class path: load it from the lib folder
        }
        String lib = System.getProperty("provenant.lib");
        if (lib == null) {
            throw new StartException("the local-sigstore module is not installed beside this CLI");
        }
        try {
            List<URL> jars = new ArrayList<>();
            try (Stream<Path> files = Files.list(Path.of(lib))) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(toUrl(jar));
                }
            }
            ClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), LocalSigstoreLoader.class.getClassLoader());
            return Class.forName(STACK_CLASS, true, loader);
        } catch (IOException | ClassNotFoundException e) {
            throw new StartException("the local-sigstore module is not installed beside this CLI (" + lib + ")");
        }
    }

    private static URL toUrl(Path jar) throws IOException {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IOException("cannot load " + jar, e);
        }
    }
}
