package dev.provenant.fuzz;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Package-private parsers, reached the way their own package calls them. The targets live in one package
 * so that their seed corpora sit together; a handle rethrows exactly what the method throws.
 */
final class Internals {
    private Internals() {}

    static MethodHandle method(String className, String name, Class<?>... parameters) {
        try {
            Method m = Class.forName(className).getDeclaredMethod(name, parameters);
            m.setAccessible(true);
            return MethodHandles.lookup().unreflect(m);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no " + className + "." + name, e);
        }
    }

    static Class<?> type(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls {@code handle}; what it throws reaches the caller unwrapped. */
    static Object call(MethodHandle handle, Object... arguments) throws Exception {
        try {
            return handle.invokeWithArguments(List.of(arguments));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
