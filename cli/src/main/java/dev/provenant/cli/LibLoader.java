package dev.provenant.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The one way the CLI loads code kept off the launcher's class path: services and classes whose
 * implementations carry heavy dependencies (sigstore-java and its forty jars: the TUF client, keyless
 * signing, the embedded stack; the KMS providers and their SDKs). They stay off the class path, where
 * every class lookup that misses would scan them; only the command that needs one loads them, from the
 * lib folder: the {@code provenant.lib} property when set, else found beside the launcher jar, so that
 * {@code java -jar provenant.jar} works as well as the {@code provenant} script. The build leaves the jar
 * in {@code cli/target} with the folder {@code cli/target/lib}; the distribution has the jar inside its
 * {@code lib} folder.
 *
 * <p>Loading has no global side effect: no system property is set, and code that needs its folder as the
 * thread's context class loader gets it for the duration of one call ({@link #inContext}), never left
 * in place for the rest of the process.
 */
final class LibLoader {
    static final String LAUNCHER_JAR = "provenant.jar";

    private LibLoader() {}

    /** An action run with a context class loader. */
    @FunctionalInterface
    interface Action<T, E extends Exception> {
        T run() throws E;
    }

    /** The first implementation of {@code service}: on the class path, else in the lib folder. */
    static <S> Optional<S> load(Class<S> service) throws IOException {
        Optional<S> onClassPath = ServiceLoader.load(service).findFirst();
        if (onClassPath.isPresent()) {
            return onClassPath;
        }
        Optional<Path> lib = folder();
        if (lib.isEmpty()) {
            return Optional.empty();
        }
        return ServiceLoader.load(service, loader(lib.get())).findFirst();
    }

    /**
     * The class {@code name}, initialised: from the class path, else from the lib folder.
     *
     * @throws ClassNotFoundException when neither holds it, naming the folder looked in
     */
    static Class<?> loadClass(String name) throws ClassNotFoundException {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            // not on the class path: load it from the lib folder
        }
        Optional<Path> lib = folder();
        if (lib.isEmpty()) {
            throw new ClassNotFoundException(name);
        }
        try {
            return Class.forName(name, true, loader(lib.get()));
        } catch (IOException | ClassNotFoundException e) {
            throw new ClassNotFoundException(name + " (" + lib.get() + ")");
        }
    }

    /** A class loader over the jars of {@code lib/SUBFOLDER...}, when that folder exists. */
    static Optional<ClassLoader> subfolder(Optional<Path> lib, String... names) throws IOException {
        if (lib.isEmpty()) {
            return Optional.empty();
        }
        Path folder = lib.get();
        for (String name : names) {
            folder = folder.resolve(name);
        }
        return Files.isDirectory(folder) ? Optional.of(loader(folder)) : Optional.empty();
    }

    /**
     * Runs {@code action} with {@code loader} as this thread's context class loader, and puts the one it
     * had back afterwards, however the action ends. Threads the action starts inherit it.
     */
    static <T, E extends Exception> T inContext(ClassLoader loader, Action<T, E> action) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.run();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** The lib folder, if there is one. */
    static Optional<Path> folder() {
        String property = System.getProperty("provenant.lib");
        if (property != null) {
            Path lib = Path.of(property);
            return Files.isDirectory(lib) ? Optional.of(lib) : Optional.empty();
        }
        try {
            var source = LibLoader.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return Optional.empty(); // classes from a folder (tests): everything is on the class path
            }
            Path beside = jar.getParent();
            Path nested = beside.resolve("lib");
            return Optional.of(Files.isDirectory(nested) ? nested : beside);
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** A class loader over every jar directly in {@code folder} except the launcher jar, above the CLI's own. */
    private static URLClassLoader loader(Path folder) throws IOException {
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar") && !p.getFileName().toString().equals(LAUNCHER_JAR))
                    .sorted().toList()) {
                jars.add(toUrl(jar));
            }
        }
        return new URLClassLoader(jars.toArray(URL[]::new), LibLoader.class.getClassLoader());
    }

    private static URL toUrl(Path jar) throws IOException {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IOException("cannot load " + jar, e);
        }
    }
}
