package dev.provenant.verifier.trust.tuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.CanonicalJson;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.attest.sslib.SslibScheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A TUF repository made by a test, with keys it generates: root and targets signed with ECDSA P-256 (as
 * Sigstore's root is), timestamp and snapshot with Ed25519. {@link #build()} lays out a valid
 * consistent-snapshot repository; tests change one piece and re-sign to make it invalid in one way.
 */
public final class TufFixture {
    public static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    public static final String TARGET = "trusted_root.json";

    /** A key with its securesystemslib form. */
    public record Key(KeyPair pair, SslibScheme scheme, SslibPublicKey sslib) {
        public String keyid() {
            return sslib.keyid();
        }

        static Key ecdsa() throws GeneralSecurityException {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = g.generateKeyPair();
            return new Key(pair, SslibScheme.ECDSA_SHA2_NISTP256, SslibPublicKey.of(pair.getPublic(), SslibScheme.RSASSA_PSS_SHA256));
        }

        static Key ed25519() throws GeneralSecurityException {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new Key(pair, SslibScheme.ED25519, SslibPublicKey.of(pair.getPublic(), SslibScheme.RSASSA_PSS_SHA256));
        }
    }

    public final List<Key> rootKeys;
    public Key timestampKey;
    public final Key snapshotKey;
    public final Key targetsKey;
    public final byte[] target;

    public int rootThreshold = 2;
    public int timestampVersion = 5;
    public int snapshotVersion = 4;
    public int targetsVersion = 3;
    public Instant timestampExpires = NOW.plus(Duration.ofDays(7));
    public Instant expires = NOW.plus(Duration.ofDays(365));

    public TufFixture(byte[] target) throws GeneralSecurityException {
        this.rootKeys = List.of(Key.ecdsa(), Key.ecdsa(), Key.ecdsa());
        this.timestampKey = Key.ed25519();
        this.snapshotKey = Key.ed25519();
        this.targetsKey = Key.ecdsa();
        this.target = target.clone();
    }

    public ObjectNode rootSigned(int version, List<Key> roots, int threshold, Key timestamp) {
        ObjectNode signed = header("root", version, expires);
        signed.put("consistent_snapshot", true);
        ObjectNode keys = signed.putObject("keys");
        for (Key k : roots) {
            keys.set(k.keyid(), k.sslib().toJson());
        }
        for (Key k : List.of(timestamp, snapshotKey, targetsKey)) {
            keys.set(k.keyid(), k.sslib().toJson());
        }
        ObjectNode roles = signed.putObject("roles");
        role(roles, "root", roots, threshold);
        role(roles, "timestamp", List.of(timestamp), 1);
        role(roles, "snapshot", List.of(snapshotKey), 1);
        role(roles, "targets", List.of(targetsKey), 1);
        return signed;
    }

    /** Version 1 of the root, the one a client ships. */
    public byte[] shippedRoot() {
        return sign(rootSigned(1, rootKeys, rootThreshold, timestampKey), rootKeys);
    }

    public ObjectNode targetsSigned() {
        ObjectNode signed = header("targets", targetsVersion, expires);
        ObjectNode t = signed.putObject("targets").putObject(TARGET);
        t.put("length", target.length);
        t.putObject("hashes").put("sha256", sha256(target));
        return signed;
    }

    public ObjectNode snapshotSigned(byte[] targets) {
        ObjectNode signed = header("snapshot", snapshotVersion, expires);
        ObjectNode meta = signed.putObject("meta").putObject("targets.json");
        meta.put("version", targetsVersion);
        meta.put("length", targets.length);
        meta.putObject("hashes").put("sha256", sha256(targets));
        return signed;
    }

    public ObjectNode timestampSigned(byte[] snapshot) {
        ObjectNode signed = header("timestamp", timestampVersion, timestampExpires);
        ObjectNode meta = signed.putObject("meta").putObject("snapshot.json");
        meta.put("version", snapshotVersion);
        meta.put("length", snapshot.length);
        meta.putObject("hashes").put("sha256", sha256(snapshot));
        return signed;
    }

    /** A valid repository as files by path (the shipped root, version 1, is not among them). */
    public Map<String, byte[]> build() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] targets = sign(targetsSigned(), List.of(targetsKey));
        byte[] snapshot = sign(snapshotSigned(targets), List.of(snapshotKey));
        byte[] timestamp = sign(timestampSigned(snapshot), List.of(timestampKey));
        files.put("targets/" + sha256(target) + "." + TARGET, target.clone());
        files.put(targetsVersion + ".targets.json", targets);
        files.put(snapshotVersion + ".snapshot.json", snapshot);
        files.put("timestamp.json", timestamp);
        return files;
    }

    public static void write(Path dir, Map<String, byte[]> files) throws IOException {
        for (var e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
    }

    /** A repository behind a network, as a test double: files by path, absent ones are 404. */
    public static TufRepository.Fetcher fetcherDouble(Map<String, byte[]> files) {
        return (path, max) -> {
            byte[] b = files.get(path);
            if (b != null && b.length > max) {
                throw new TufRepository.TooLargeException(path + " is larger than " + max);
            }
            return Optional.ofNullable(b).map(byte[]::clone);
        };
    }

    public static byte[] sign(ObjectNode signed, List<Key> signers) {
        ObjectNode doc = JsonCodec.mapper().createObjectNode();
        var sigs = doc.putArray("signatures");
        byte[] canonical = CanonicalJson.encode(signed);
        for (Key k : signers) {
            try {
                sigs.addObject().put("keyid", k.keyid()).put("sig", HexFormat.of().formatHex(k.scheme().sign(k.pair().getPrivate(), canonical)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        doc.set("signed", signed);
        return JsonCodec.writePretty(doc);
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode header(String type, int version, Instant expires) {
        ObjectNode signed = JsonCodec.mapper().createObjectNode();
        signed.put("_type", type);
        signed.put("spec_version", "1.0.31");
        signed.put("version", version);
        signed.put("expires", expires.toString());
        return signed;
    }

    private static void role(ObjectNode roles, String name, List<Key> keys, int threshold) {
        ObjectNode r = roles.putObject(name);
        var ids = r.putArray("keyids");
        keys.forEach(k -> ids.add(k.keyid()));
        r.put("threshold", threshold);
    }
}
