package dev.provenant.cli;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SignerProvider;
import dev.provenant.signer.resolve.Signers;
import dev.provenant.signer.SigningException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The signing backends for one key reference. Cloud KMS providers and their SDKs (tens of megabytes)
 * stay off the launcher's class path: each lives in {@code lib/kms/SCHEME/} under the lib folder
 * ({@link LibLoader#folder}), and only a key reference with that scheme,
 * such as {@code awskms://...}, opens a class loader over it. Other commands never see those jars.
 * The SDKs find their own parts (HTTP clients, interceptors, endpoint rules) through the thread's
 * context class loader, so each call into such a provider, and into the signer it opens, runs with
 * its folder as the context class loader and puts the caller's back when it returns.
 */
final class SignerProviders {
    private static final Pattern SCHEME = Pattern.compile("([a-z][a-z0-9]*)://.*", Pattern.DOTALL);

    private SignerProviders() {}

    /** The signers for {@code keyRef}: every command that opens a key goes through here. */
    static Signers signers(String keyRef) throws IOException {
        return new Signers(forKey(keyRef, LibLoader.folder()));
    }

    static Iterable<SignerProvider> forKey(String keyRef, Optional<Path> lib) throws IOException {
        ClassLoader base = SignerProviders.class.getClassLoader();
        var scheme = SCHEME.matcher(keyRef);
        Optional<ClassLoader> folder = scheme.matches() ? LibLoader.subfolder(lib, "kms", scheme.group(1)) : Optional.empty();
        if (folder.isEmpty()) {
            return ServiceLoader.load(SignerProvider.class, base);
        }
        ClassLoader loader = folder.get();
        return LibLoader.inContext(loader, () -> {
            List<SignerProvider> providers = new ArrayList<>();
            for (SignerProvider provider : ServiceLoader.load(SignerProvider.class, loader)) {
                providers.add(new InContextProvider(provider, loader));
            }
            return providers;
        });
    }

    private record InContextProvider(SignerProvider provider, ClassLoader loader) implements SignerProvider {
        @Override
        public boolean supports(String keyRef) {
            return LibLoader.inContext(loader, () -> provider.supports(keyRef));
        }

        @Override
        public Signer open(String keyRef, SecretSource secrets) throws SigningException {
            Signer signer = LibLoader.inContext(loader, () -> provider.open(keyRef, secrets));
            return new InContextSigner(signer, loader);
        }
    }

    private record InContextSigner(Signer signer, ClassLoader loader) implements Signer {
        @Override
        public SignatureAlgorithm algorithm() {
            return LibLoader.inContext(loader, signer::algorithm);
        }

        @Override
        public PublicKey publicKey() {
            return LibLoader.inContext(loader, signer::publicKey);
        }

        @Override
        public byte[] sign(byte[] message) throws SigningException {
            return LibLoader.inContext(loader, () -> signer.sign(message));
        }

        @Override
        public byte[] signDigest(Digest digest) throws SigningException {
            return LibLoader.inContext(loader, () -> signer.signDigest(digest));
        }

        @Override
        public String description() {
            return LibLoader.inContext(loader, signer::description);
        }

        @Override
        public void close() {
            LibLoader.inContext(loader, () -> {
                signer.close();
                return null;
            });
        }
    }
}
