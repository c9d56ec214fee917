package dev.provenant.tuf;

import dev.provenant.attest.FormatException;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.provenant.verifier.trust.TrustedRootCache;
import dev.provenant.verifier.trust.TrustedRootRefresher;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import dev.sigstore.tuf.SigstoreTufClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Updates the public-good trusted root through Sigstore's TUF repository with sigstore-java's client,
 * which checks the TUF metadata chain from the root of trust it ships, and stores the verified
 * {@code trusted_root.json} in Provenant's cache.
 */
public final class TufTrustedRootRefresh implements TrustedRootRefresher {
    private static final String TARGET = "trusted_root.json";

    @Override
    public Refreshed refresh(TrustedRootCache cache, Path tufDirectory) throws RefreshException {
        try {
            Files.createDirectories(tufDirectory);
            SigstoreTufClient client = SigstoreTufClient.builder()
                    .usePublicGoodInstance()
                    .tufCacheLocation(tufDirectory)
                    .build();
            client.forceUpdate();
            // getSigstoreTrustedRoot() would hand back sigstore-java's model; the verified target file is the original JSON.
            Path target = findTarget(tufDirectory).orElseThrow(() -> new RefreshException(
                    "the TUF update finished but left no " + TARGET + " in " + tufDirectory));
            byte[] json = Files.readAllBytes(target);
            cache.store(json);
            return new Refreshed(cache.file(), TrustedRoot.parse(json));
        } catch (SigstoreConfigurationException e) {
            throw new RefreshException("TUF update of the public-good trusted root failed: " + oneLine(e), e);
        } catch (IOException e) {
            throw new RefreshException("cannot refresh the trusted root: " + oneLine(e), e);
        } catch (FormatException e) {
            throw new RefreshException("the TUF repository served a trusted root Provenant cannot read: " + e.getMessage(), e);
        }
    }

    private static Optional<Path> findTarget(Path tufDirectory) throws IOException {
        try (Stream<Path> files = Files.walk(tufDirectory)) {
            return files.filter(p -> p.getFileName().toString().equals(TARGET) && Files.isRegularFile(p)).findFirst();
        }
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replace('\n', ' ');
    }
}
