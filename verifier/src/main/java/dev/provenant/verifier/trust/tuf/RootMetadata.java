package dev.provenant.verifier.trust.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.attest.sslib.SslibScheme;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A TUF root: the keys it lists and the key ids and threshold of each top-level role. Keys of a scheme
 * Provenant cannot verify (or malformed ones) are kept out of the key set, so they can never count
 * towards a threshold. A threshold counts distinct keys: a key id listed twice in a role, or two key
 * ids naming the same public key, count once.
 */
final class RootMetadata {
    static final List<String> ROLES = List.of("root", "timestamp", "snapshot", "targets");

    record Role(List<String> keyids, int threshold) {}

    private record Key(SslibScheme scheme, PublicKey key) {}

    final SignedMetadata meta;
    final boolean consistentSnapshot;
    private final Map<String, Key> keys;
    private final Map<String, Role> roles;

    private RootMetadata(SignedMetadata meta, boolean consistentSnapshot, Map<String, Key> keys, Map<String, Role> roles) {
        this.meta = meta;
        this.consistentSnapshot = consistentSnapshot;
        this.keys = keys;
        this.roles = roles;
    }

    static RootMetadata parse(byte[] raw, String name) throws TufException {
        SignedMetadata meta = SignedMetadata.parse(raw, "root", name);
        JsonNode signed = meta.signed;
        Map<String, Key> keys = new HashMap<>();
        JsonNode keyNodes = signed.path("keys");
        if (!keyNodes.isObject()) {
            throw new TufException(name + " has no keys");
        }
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) keyNodes::fields) {
            usable(entry.getValue()).ifPresent(k -> keys.put(entry.getKey(), k));
        }
        Map<String, Role> roles = new HashMap<>();
        for (String role : ROLES) {
            JsonNode node = signed.path("roles").path(role);
            if (!node.path("keyids").isArray()) {
                throw new TufException(name + " does not define the " + role + " role");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode id : node.get("keyids")) {
                if (!id.isTextual()) {
                    throw new TufException(name + " lists a " + role + " key id that is not a string");
                }
                ids.add(id.textValue());
            }
            roles.put(role, new Role(List.copyOf(ids), SignedMetadata.positiveInt(node.get("threshold"), name + " " + role + " threshold")));
        }
        JsonNode consistent = signed.path("consistent_snapshot");
        return new RootMetadata(meta, consistent.isBoolean() && consistent.booleanValue(), Map.copyOf(keys), Map.copyOf(roles));
    }

    private static java.util.Optional<Key> usable(JsonNode node) {
        try {
            SslibPublicKey key = SslibPublicKey.fromJson(node);
            SslibScheme scheme = key.schemeValue();
            PublicKey pub = key.toPublicKey();
            if (pub instanceof ECKey ec) {
                int bits = ec.getParams().getCurve().getField().getFieldSize();
                if ((scheme == SslibScheme.ECDSA_SHA2_NISTP256 && bits != 256) || (scheme == SslibScheme.ECDSA_SHA2_NISTP384 && bits != 384)) {
                    return java.util.Optional.empty();
                }
            }
            return java.util.Optional.of(new Key(scheme, pub));
        } catch (FormatException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    int version() {
        return meta.version;
    }

    /**
     * Checks that {@code signed} carries valid signatures by at least the threshold of distinct keys
     * this root names for {@code role}.
     */
    void verify(SignedMetadata signed, String role) throws TufException {
        Role r = roles.get(role);
        Set<ByteBuffer> counted = new HashSet<>();
        List<String> bad = new ArrayList<>();
        for (String keyid : r.keyids()) {
            if (counted.size() >= r.threshold()) {
                break;
            }
            Key key = keys.get(keyid);
            byte[] sig = signed.signatures.get(keyid);
            if (key == null || sig == null) {
                continue;
            }
            if (signed.verifiedBy(keyid, key.scheme(), key.key())) {
                counted.add(ByteBuffer.wrap(key.key().getEncoded()));
            } else {
                bad.add(keyid);
            }
        }
        if (counted.size() < r.threshold()) {
            throw new TufException(signed.name + " is signed by " + counted.size() + " of the " + r.threshold()
                    + " distinct " + role + " keys root v" + version() + " requires"
                    + (bad.isEmpty() ? "" : " (" + bad.size() + " invalid signature" + (bad.size() == 1 ? "" : "s") + ")"));
        }
    }
}
