package dev.provenant.verifier.trust;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.DigestAlgorithm;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The public-good trusted root as {@link TrustedRootChoice#publicGood} chooses it (a cached refresh whose
 * TUF metadata holds, else the shipped copy), parsed only when a verification first needs it. Its
 * {@link #fingerprint()} names the root without parsing the trusted root, so callers that answer most
 * questions from a cache of earlier verdicts (keyed by the root) never pay for the parse. The cache's TUF
 * chain is checked once per instance, the first time either is asked for.
 */
public final class DeferredPublicGoodRoot implements Supplier<TrustedRoot> {
    private final TrustedRootCache cache;
    private byte[] json;
    private String source;
    private TrustedRoot root;
    private boolean used;

    public DeferredPublicGoodRoot(TrustedRootCache cache) {
        this.cache = cache;
    }

    private void choose() {
        if (json == null) {
            Optional<TrustedRootCache.Cached> cached = cache.fresh();
            if (cached.isPresent()) {
                json = cached.get().json();
                root = cached.get().root();
                source = TrustedRootChoice.cachedSource(cached.get());
            } else {
                json = TrustedRoot.publicGoodJson();
                source = TrustedRootChoice.SHIPPED_SOURCE;
            }
        }
    }

    @Override
    public synchronized TrustedRoot get() {
        choose();
        used = true;
        if (root == null) {
            try {
                root = TrustedRoot.parse(json);
            } catch (FormatException e) {
                throw new IllegalStateException("the shipped trusted root does not parse: " + e.getMessage(), e);
            }
        }
        return root;
    }

    /** Which root was used, once one was. */
    public synchronized Optional<String> source() {
        return used ? Optional.of(source) : Optional.empty();
    }

    /** {@code sha256:HEX} of the chosen root's JSON: the verified cached refresh's, else the shipped copy's. */
    public synchronized String fingerprint() {
        choose();
        return "sha256:" + HexFormat.of().formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(json));
    }
}
