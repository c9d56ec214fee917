package dev.provenant.cli;

import dev.provenant.signer.SignerProvider;
import dev.provenant.signer.Signers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The signing backends for one key reference. Cloud KMS providers and their SDKs (tens of megabytes)
 * stay off the launcher's class path: each lives in {@code lib/kms/SCHEME/} under the lib folder
 * ({@link LibLoader#folder}), and only a key reference with that scheme,
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
        var lib = LibLoader.folder();
        if (lib.isEmpty() || !scheme.matches()) {
            return ServiceLoader.load(SignerProvider.class, base);
        }
        Path folder = lib.get().resolve("kms").resolve(scheme.group(1));
        if (!Files.isDirectory(folder)) {
            return ServiceLoader.load(SignerProvider.class, base);
        }
        ClassLoader loader = LibLoader.loader(folder, base);
        // SDKs find their own parts (HTTP clients, interceptors, endpoint rules) through the context class loader
        Thread.currentThread().setContextClassLoader(loader);
        return ServiceLoader.load(SignerProvider.class, loader);
    }
}
