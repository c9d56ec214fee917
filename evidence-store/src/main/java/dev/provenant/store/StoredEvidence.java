package dev.provenant.store;

import dev.provenant.attest.FormatException;
import dev.provenant.policy.EvidenceBundle;
import dev.provenant.policy.PromotionPolicy;
import dev.provenant.verifier.SignerTrust;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Evidence for a promotion gate, taken from a store by the artifacts' digests, and the gate keys a policy names. */
public final class StoredEvidence {
    /** The most bundles one promotion takes from the store; more is refused rather than read. */
    public static final int MAX_BUNDLES = 64;

    private StoredEvidence() {}

    /**
     * Every stored bundle with one of these subject digests, each once, oldest first. Each is named
     * {@code store:sha256:HEX} as an input attestation.
     *
     * @throws FormatException when a stored bundle does not parse (the store's content is not trusted)
     */
    public static List<EvidenceBundle> forSubjects(EvidenceStore store, List<String> subjects) throws StoreException, FormatException {
        Set<String> digests = new LinkedHashSet<>();
        for (String subject : subjects) {
            for (StoredBundle b : store.find(subject, Optional.empty(), Optional.empty())) {
                digests.add(b.digest().toString());
            }
        }
        if (digests.size() > MAX_BUNDLES) {
            throw new StoreException(store.name() + " holds " + digests.size() + " bundles for these artifacts; a promotion reads at most "
                    + MAX_BUNDLES + ": pass the ones to weigh with --bundle");
        }
        List<EvidenceBundle> out = new ArrayList<>();
        for (String digest : digests) {
            byte[] bytes = store.bundle(digest).orElseThrow(() -> new StoreException(store.name() + " indexes bundle " + digest
                    + " but does not hold it"));
            EvidenceBundle bundle = EvidenceBundle.of("store:" + digest, bytes);
            if (!bundle.digest().toString().equals(digest)) {
                throw new FormatException("the store's bundle " + digest + " does not have that digest");
            }
            out.add(bundle);
        }
        return out;
    }

    /** The public keys of every stage's gate-key in a policy (keyless gates sign no checkpoints). */
    public static List<PublicKey> gateKeys(PromotionPolicy policy) {
        List<PublicKey> keys = new ArrayList<>();
        for (String name : policy.stageNames()) {
            policy.stage(name).flatMap(s -> s.gate()).ifPresent(g -> {
                if (g instanceof SignerTrust.Key k && !keys.contains(k.key())) {
                    keys.add(k.key());
                }
            });
        }
        return keys;
    }
}
