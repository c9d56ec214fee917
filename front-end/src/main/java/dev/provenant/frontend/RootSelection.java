package dev.provenant.frontend;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.verifier.trust.DeferredPublicGoodRoot;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.provenant.verifier.trust.TrustedRootCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The trusted root a verification uses: the file the user named (read and parsed at once, so a bad file
 * fails before any bundle is looked at), else the public-good root, a TUF-verified cached refresh or the
 * copy shipped with Provenant, chosen and parsed only when a bundle first needs it. It remembers whether
 * a root was used so the result can say which.
 */
public final class RootSelection implements Supplier<TrustedRoot> {
    private final TrustedRoot named;
    private final String namedSource;
    private final String namedFingerprint;
    private final DeferredPublicGoodRoot publicGood;
    private volatile boolean used;

    private RootSelection(TrustedRoot named, String namedSource, String namedFingerprint, DeferredPublicGoodRoot publicGood) {
        this.named = named;
        this.namedSource = namedSource;
        this.namedFingerprint = namedFingerprint;
        this.publicGood = publicGood;
    }

    /**
     * The named root, or with {@code file} null the public-good root from the cache {@code env} names
     * ({@link TrustedRootCache#standard}).
     *
     * @throws SetupException when the file is not a trusted root
     * @throws IOException when it cannot be read or is larger than a trusted root can be
     */
    public static RootSelection of(Path file, Map<String, String> env) throws SetupException, IOException {
        if (file == null) {
            return new RootSelection(null, null, null, new DeferredPublicGoodRoot(TrustedRootCache.standard(env)));
        }
        byte[] json = BoundedFile.read(file, InputLimit.TRUSTED_ROOT);
        try {
            return new RootSelection(TrustedRoot.parse(json), "trusted root " + file,
                    "sha256:" + HexFormat.of().formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(json)), null);
        } catch (FormatException e) {
            throw new SetupException("trusted root " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public TrustedRoot get() {
        if (named != null) {
            used = true;
            return named;
        }
        return publicGood.get();
    }

    /** Which root the verification used, once a bundle needed one. */
    public Optional<String> source() {
        if (named != null) {
            return used ? Optional.of(namedSource) : Optional.empty();
        }
        return publicGood.source();
    }

    /**
     * {@code sha256:HEX} of the chosen root's JSON, naming the root for caches of earlier verdicts without
     * parsing the public-good root.
     */
    public String fingerprint() {
        return named != null ? namedFingerprint : publicGood.fingerprint();
    }
}
