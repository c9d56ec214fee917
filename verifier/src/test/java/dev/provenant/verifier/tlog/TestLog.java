package dev.provenant.verifier.tlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Checkpoint;
import dev.provenant.attest.bundle.InclusionPromise;
import dev.provenant.attest.bundle.InclusionProof;
import dev.provenant.attest.bundle.KindVersion;
import dev.provenant.attest.bundle.LogId;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A transparency log made up in the test, with its own key: it builds trusted roots naming it, Merkle
 * trees, inclusion proofs and signed checkpoints, so each checkpoint rule can be broken alone while
 * everything else stays validly signed.
 */
final class TestLog {
    final String name;
    final KeyPair keys;
    final boolean ed25519;
    final byte[] logId;

    private TestLog(String name, KeyPair keys, boolean ed25519, byte[] logId) {
        this.name = name;
        this.keys = keys;
        this.ed25519 = ed25519;
        this.logId = logId;
    }

    /** A Rekor v1-style log: ECDSA P-256, log id SHA-256 of the SPKI. */
    static TestLog ecdsa(String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        return new TestLog(name, keys, false, sha256(keys.getPublic().getEncoded()));
    }

    /** A Rekor v2-style log: Ed25519, log id the C2SP signed-note key id over the name. */
    static TestLog ed25519(String name) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = keys.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        return new TestLog(name, keys, true, sha256(concat(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', 0x01}, raw)));
    }

    TrustedRoot root(String validFrom) throws Exception {
        ObjectNode json = JsonCodec.mapper().createObjectNode();
        json.put("mediaType", "application/vnd.dev.sigstore.trustedroot+json;version=0.1");
        ObjectNode log = json.putArray("tlogs").addObject();
        log.put("baseUrl", "https://" + name);
        log.put("hashAlgorithm", "SHA2_256");
        ObjectNode key = log.putObject("publicKey");
        key.put("rawBytes", Base64Text.encode(keys.getPublic().getEncoded()));
        key.put("keyDetails", ed25519 ? "PKIX_ED25519" : "PKIX_ECDSA_P256_SHA_256");
        key.putObject("validFor").put("start", validFrom);
        log.putObject("logId").put("keyId", Base64Text.encode(logId));
        return TrustedRoot.parse(JsonCodec.write(json));
    }

    int hint() {
        if (!ed25519) {
            return ByteBuffer.wrap(sha256(keys.getPublic().getEncoded())).getInt();
        }
        return ByteBuffer.wrap(logId).getInt();
    }

    byte[] sign(byte[] message) throws Exception {
        Signature signer = SignatureAlgorithm.forKey(keys.getPublic()).newMessageSignature();
        signer.initSign(keys.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    String signatureLine(String signerName, int hint, byte[] signature) {
        return "\u2014 " + signerName + " " + Base64Text.encode(ByteBuffer.allocate(4 + signature.length).putInt(hint).put(signature).array()) + "\n";
    }

    /** A checkpoint for {@code origin}, {@code size} and {@code root}, signed by this log under {@code signerName}. */
    String checkpoint(String origin, long size, byte[] root, String signerName, int hint) throws Exception {
        String text = origin + "\n" + size + "\n" + Base64Text.encode(root) + "\n";
        return text + "\n" + signatureLine(signerName, hint, sign(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * An entry for {@code body} at {@code index} in a tree of {@code size} leaves (the others made up),
     * with a proof and a checkpoint built by {@code checkpointer}.
     */
    TransparencyLogEntry entry(KindVersion kind, byte[] body, int index, int size, long integratedTime, boolean withSet,
            CheckpointMaker checkpointer) throws Exception {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(i == index ? body : ("leaf " + i).getBytes(StandardCharsets.UTF_8));
        }
        byte[] root = ReferenceMerkleTree.root(leaves);
        List<String> path = ReferenceMerkleTree.path(index, leaves).stream().map(Base64Text::encode).toList();
        InclusionProof proof = new InclusionProof(index, Base64Text.encode(root), size, path,
                new Checkpoint(checkpointer.make(size, root)));
        TransparencyLogEntry unsigned = new TransparencyLogEntry(index, new LogId(Base64Text.encode(logId)), kind, integratedTime,
                null, proof, Base64Text.encode(body));
        if (!withSet) {
            return unsigned;
        }
        InclusionPromise set = new InclusionPromise(Base64Text.encode(sign(SignedEntryTimestamp.payload(unsigned))));
        return new TransparencyLogEntry(index, unsigned.logId(), kind, integratedTime, set, proof, unsigned.canonicalizedBody());
    }

    interface CheckpointMaker {
        String make(long size, byte[] root) throws Exception;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }
}
