package dev.provenant.verifier.trust;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.digest.DigestAlgorithm;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The public-good trusted root as {@link TrustedRootChoice#publicGood} chooses it (a fresh cached refresh,
 * else the shipped copy), parsed only when a verification first needs it. Its {@link #fingerprint()}
 * names the root without parsing it, so callers that answer most questions from a cache of earlier
 * verdicts (keyed by the root) never pay for the parse.
 */
public final class DeferredPublicGoodRoot implements Supplier<TrustedRoot> {
    private final TrustedRootCache cache;
    private TrustedRootChoice chosen;

    public DeferredPublicGoodRoot(TrustedRootCache cache) {
        this.cache = cache;
    }

    @Override
    public synchronized TrustedRoot get() {
        if (chosen == null) {
            chosen = TrustedRootChoice.publicGood(cache);
        }
        return chosen.root();
    }

    /** Which root was used, once one was. */
    public synchronized Optional<String> source() {
        return Optional.ofNullable(chosen).map(TrustedRootChoice::source);
    }

    /**
     * {@code sha256:HEX} of the root's JSON: the fresh cached refresh's, else the shipped copy's. A cached
     * file that turns out not to parse is fingerprinted but not used; that only makes a cache key miss.
     */
    public String fingerprint() {
        byte[] json = null;
        Optional<java.nio.file.Path> fresh = cache.freshFile();
        if (fresh.isPresent()) {
            try {
                json = BoundedFile.read(fresh.get(), InputLimit.TRUSTED_ROOT);
            } catch (IOException e) {
                json = null;
            }
        }
        if (json == null) {
            json = TrustedRoot.publicGoodJson();
        }
        return "sha256:" + HexFormat.of().formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(json));
    }
}
