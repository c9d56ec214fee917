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
 * Finds services whose implementations carry heavy dependencies (sigstore-java and its forty jars:
 * the TUF client, keyless signing, the embedded stack, the KMS providers). They stay off the launcher's
 * class path, where every class lookup that misses would scan them; only the command that needs one
 * loads them, from the lib folder: the {@code provenant.lib} property when set, else found beside the
 * launcher jar, so that {@code java -jar provenant.jar} works as well as the {@code provenant} script.
 * The build leaves the jar in {@code cli/target} with the folder {@code cli/target/lib}; the
 * distribution has the jar inside its {@code lib} folder.
 */
final class LibLoader {
    static final String LAUNCHER_JAR = "provenant.jar";

    private LibLoader() {}

    static <S> Optional<S> load(Class<S> service) throws IOException {
        Optional<S> onClassPath = ServiceLoader.load(service).findFirst();
        if (onClassPath.isPresent()) {
            return onClassPath;
        }
        Optional<Path> lib = folder();
        if (lib.isEmpty()) {
            return Optional.empty();
        }
        return ServiceLoader.load(service, loader(lib.get(), LibLoader.class.getClassLoader())).findFirst();
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

    /** A class loader over every jar directly in {@code folder} except the launcher jar itself. */
    static URLClassLoader loader(Path folder, ClassLoader parent) throws IOException {
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar") && !p.getFileName().toString().equals(LAUNCHER_JAR))
                    .sorted().toList()) {
                jars.add(toUrl(jar));
            }
        }
        return new URLClassLoader(jars.toArray(URL[]::new), parent);
    }

    private static URL toUrl(Path jar) throws IOException {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IOException("cannot load " + jar, e);
        }
    }
}
