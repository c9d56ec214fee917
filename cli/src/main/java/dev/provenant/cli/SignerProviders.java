package dev.provenant.cli;

import dev.provenant.signer.SignerProvider;
import dev.provenant.signer.Signers;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The signing backends for one key reference. Cloud KMS providers and their SDKs (tens of megabytes)
 * stay off the launcher's class path: each lives in {@code lib/kms/SCHEME/} under the folder named by
 * the {@code provenant.lib} property (set by ./provenant), and only a key reference with that scheme,
 * such as {@code awskms://...}, opens a class loader over it. Other commands never see those jars.
 */
final class SignerProviders {
    private static final Pattern SCHEME = Pattern.compile("([a-z][a-z0-9]*)://.*", Pattern.DOTALL);

    private SignerProviders() {}

    /** The signers for {@code keyRef}: every command that opens a key goes through here. */
    static Signers signers(String keyRef) throws IOException {
        return new Signers(forKey(keyRef));
    }

    static Iterable<SignerProvider> forKey(String keyRef) throws IOException {
        ClassLoader base = SignerProviders.class.getClassLoader();
        var scheme = SCHEME.matcher(keyRef);
        String lib = System.getProperty("provenant.lib");
        if (lib == null || !scheme.matches()) {
            return ServiceLoader.load(SignerProvider.class, base);
        }
        Path folder = Path.of(lib, "kms", scheme.group(1));
        if (!Files.isDirectory(folder)) {
            return ServiceLoader.load(SignerProvider.class, base);
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(toUrl(jar));
            }
        }
        ClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), base);
        // SDKs find their own parts (HTTP clients, interceptors, endpoint rules) through the context class loader
        Thread.currentThread().setContextClassLoader(loader);
        return ServiceLoader.load(SignerProvider.class, loader);
    }

    private static URL toUrl(Path jar) throws IOException {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IOException("cannot load " + jar, e);
        }
    }
}
