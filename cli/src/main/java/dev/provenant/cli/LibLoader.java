package dev.provenant.cli;

import java.io.IOException;
import java.net.MalformedURLException;
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
 * the TUF client, keyless signing). They stay off the launcher's class path, where every class lookup
 * that misses would scan them; only the command that needs one loads them, from the folder named by
 * the {@code provenant.lib} property (set by ./provenant), or from the class path.
 */
final class LibLoader {
    private LibLoader() {}

    static <S> Optional<S> load(Class<S> service) throws IOException {
        Optional<S> onClassPath = ServiceLoader.load(service).findFirst();
        if (onClassPath.isPresent()) {
            return onClassPath;
        }
        String lib = System.getProperty("provenant.lib");
        if (lib == null || !Files.isDirectory(Path.of(lib))) {
            return Optional.empty();
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(lib))) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(toUrl(jar));
            }
        }
        ClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), LibLoader.class.getClassLoader());
        return ServiceLoader.load(service, loader).findFirst();
    }

    private static URL toUrl(Path jar) throws IOException {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IOException("cannot load " + jar, e);
        }
    }
}
