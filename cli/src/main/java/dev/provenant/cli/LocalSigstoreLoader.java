package dev.provenant.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the embedded Sigstore stack (module provenant-local-sigstore). It and its gRPC and sigstore-java
 * jars stay off the launcher's class path, like the TUF client: only {@code local-sigstore} loads them, from
 * the lib folder, or from the class path ({@link LibLoader#loadClass}). The
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
        return start(dir, httpPort, fulcioPort, identity, "both");
    }

    /** @param rekor which Rekor APIs the stack serves and names in its signing config: v1, v2 or both */
    static Stack start(Path dir, int httpPort, int fulcioPort, String identity, String rekor) throws StartException {
        Class<?> type = find();
        Object stack;
        try {
            Method start = type.getMethod("start", Path.class, int.class, int.class, String.class, String.class);
            stack = start.invoke(null, dir, httpPort, fulcioPort, identity, rekor);
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
            return LibLoader.loadClass(STACK_CLASS);
        } catch (ClassNotFoundException e) {
            throw new StartException("the local-sigstore module is not installed beside this CLI"
                    + (e.getMessage().equals(STACK_CLASS) ? "" : e.getMessage().substring(STACK_CLASS.length())));
        }
    }
}
