package dev.provenant.verifier.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.bundle.LogId;
import dev.provenant.tlog.AppendOnlyLog;
import dev.provenant.tlog.Checkpoint;
import dev.provenant.tlog.InclusionProof;
import dev.provenant.tlog.MerkleTree;
import dev.provenant.tlog.NoteSigner;
import dev.provenant.tlog.SignedNote;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.crypto.SignatureVerifier;
import dev.provenant.verifier.trust.TransparencyLog;
import dev.provenant.verifier.trust.TrustedPublicKey;
import dev.provenant.verifier.trust.ValidityPeriod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log's inclusion proofs and signed checkpoints are checked with the verifier's own code (the code
 * that checks Rekor's), for every leaf of every tree size up to a bound and for random larger trees; and
 * any single altered byte in a proof or a checkpoint makes that code refuse it.
 */
class LogProofsCheckedByVerifierTest {
    private static final String HOST = "log.test";

    @Test
    void everyInclusionProofOfSmallTreesLeadsToTheRoot() {
        MerkleTree tree = new MerkleTree();
        List<byte[]> leaves = new ArrayList<>();
        for (int n = 1; n <= 40; n++) {
            byte[] leaf = ("leaf " + n).getBytes(StandardCharsets.UTF_8);
            leaves.add(leaf);
            tree.appendLeafHash(MerkleInclusion.leafHash(leaf));
            for (long size = 1; size <= n; size++) {
                byte[] root = tree.rootAt(size);
                for (int i = 0; i < size; i++) {
                    InclusionProof proof = tree.inclusionProof(i, size);
                    assertThat(MerkleInclusion.rootFromProof(i, size, MerkleInclusion.leafHash(leaves.get(i)), proof.hashes()))
                            .as("leaf %d of %d", i, size).isEqualTo(root);
                }
            }
        }
    }

    @Test
    void randomProofsOfLargerTreesVerifyAndTamperedOnesDoNot() {
        Random random = new Random(6962);
        MerkleTree tree = new MerkleTree();
        List<byte[]> leaves = new ArrayList<>();
        for (int n = 0; n < 3000; n++) {
            byte[] leaf = new byte[1 + random.nextInt(40)];
            random.nextBytes(leaf);
            leaves.add(leaf);
            tree.appendLeafHash(MerkleInclusion.leafHash(leaf));
        }
        for (int trial = 0; trial < 300; trial++) {
            long size = 1 + random.nextInt(leaves.size());
            int index = random.nextInt((int) size);
            byte[] root = tree.rootAt(size);
            byte[] leafHash = MerkleInclusion.leafHash(leaves.get(index));
            List<byte[]> hashes = tree.inclusionProof(index, size).hashes();
            assertThat(MerkleInclusion.rootFromProof(index, size, leafHash, hashes)).isEqualTo(root);
            if (!hashes.isEmpty()) {
                List<byte[]> tampered = new ArrayList<>(hashes);
                int at = random.nextInt(tampered.size());
                byte[] h = tampered.get(at).clone();
                h[random.nextInt(h.length)] ^= 1 << random.nextInt(8);
                tampered.set(at, h);
                assertThat(MerkleInclusion.rootFromProof(index, size, leafHash, tampered)).isNotEqualTo(root);
            }
            byte[] otherLeaf = MerkleInclusion.leafHash(leaves.get((index + 1) % leaves.size()));
            if (!MessageDigest.isEqual(otherLeaf, leafHash)) {
                assertThat(MerkleInclusion.rootFromProof(index, size, otherLeaf, hashes)).isNotEqualTo(root);
            }
            if (size > 1) {
                long wrongIndex = (index + 1) % size;
                assertThat(rootOrNull(wrongIndex, size, leafHash, hashes)).isNotEqualTo(root);
            }
        }
    }

    @Test
    void signedCheckpointsPassTheVerifiersCheckpointRulesAndTamperingFails(@TempDir Path dir) throws Exception {
        KeyPair keys = ecKeys();
        NoteSigner signer = NoteSigner.ecdsa(HOST, keys.getPrivate(), keys.getPublic());
        TransparencyLog trusted = trusted(keys);
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            for (int i = 0; i < 9; i++) {
                log.append(("entry " + i).getBytes(StandardCharsets.UTF_8));
            }
            Checkpoint checkpoint = log.checkpoint(HOST, log.size());
            String note = SignedNote.sign(checkpoint, signer);
            dev.provenant.attest.bundle.InclusionProof proof = bundleProof(log.tree().inclusionProof(4, log.size()), log.tree().rootAt(log.size()), note);

            CheckpointVerifier.verify(note, proof, trusted, keys.getPublic(), EntryType.HASHEDREKORD_V002, new SignatureVerifier());

            String otherText = note.replaceFirst("\n9\n", "\n8\n");
            assertThatThrownBy(() -> CheckpointVerifier.verify(otherText, proof, trusted, keys.getPublic(),
                    EntryType.HASHEDREKORD_V002, new SignatureVerifier())).isInstanceOf(VerificationException.class);
            String wrongOrigin = SignedNote.sign(log.checkpoint("other.test", log.size()), NoteSigner.ecdsa("other.test", keys.getPrivate(), keys.getPublic()));
            assertThatThrownBy(() -> CheckpointVerifier.verify(wrongOrigin, proof, trusted, keys.getPublic(),
                    EntryType.HASHEDREKORD_V002, new SignatureVerifier())).hasMessageContaining("origin");
            String byOtherKey = SignedNote.sign(checkpoint, NoteSigner.ecdsa(HOST, ecKeys().getPrivate(), keys.getPublic()));
            assertThatThrownBy(() -> CheckpointVerifier.verify(byOtherKey, proof, trusted, keys.getPublic(),
                    EntryType.HASHEDREKORD_V002, new SignatureVerifier())).hasMessageContaining("does not verify");
            String older = SignedNote.sign(log.checkpoint(HOST, 8), signer);
            assertThatThrownBy(() -> CheckpointVerifier.verify(older, proof, trusted, keys.getPublic(),
                    EntryType.HASHEDREKORD_V002, new SignatureVerifier())).hasMessageContaining("tree size");
        }
    }

    @Test
    void rekorV1OriginsAreSignedUnderTheHostName() throws Exception {
        KeyPair keys = ecKeys();
        MerkleTree tree = new MerkleTree();
        tree.appendLeafHash(MerkleInclusion.leafHash(new byte[] {1}));
        String note = SignedNote.sign(new Checkpoint(HOST + " - 42", 1, tree.root()), NoteSigner.ecdsa(HOST, keys.getPrivate(), keys.getPublic()));
        CheckpointVerifier.verify(note, bundleProof(tree.inclusionProof(0, 1), tree.root(), note), trusted(keys), keys.getPublic(),
                EntryType.HASHEDREKORD_V001, new SignatureVerifier());
    }

    @Test
    void ed25519NoteHintsAreTheOnesTheVerifierExpects() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThat(NoteSigner.ed25519(HOST, keys.getPrivate(), keys.getPublic()).keyHint())
                .isEqualTo(NoteKeyHint.rekorV2(HOST, keys.getPublic()));
        KeyPair ec = ecKeys();
        assertThat(NoteSigner.ecdsa(HOST, ec.getPrivate(), ec.getPublic()).keyHint()).isEqualTo(NoteKeyHint.rekorV1(ec.getPublic()));
    }

    private static byte[] rootOrNull(long index, long size, byte[] leafHash, List<byte[]> hashes) {
        try {
            return MerkleInclusion.rootFromProof(index, size, leafHash, hashes);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static dev.provenant.attest.bundle.InclusionProof bundleProof(InclusionProof proof, byte[] root, String note) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new dev.provenant.attest.bundle.InclusionProof(proof.leafIndex(), b64.encodeToString(root), proof.treeSize(),
                proof.hashes().stream().map(b64::encodeToString).toList(), new dev.provenant.attest.bundle.Checkpoint(note));
    }

    private static TransparencyLog trusted(KeyPair keys) throws Exception {
        Base64.Encoder b64 = Base64.getEncoder();
        byte[] id = MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded());
        return new TransparencyLog("https://" + HOST, "SHA2_256",
                new TrustedPublicKey(b64.encodeToString(keys.getPublic().getEncoded()), "PKIX_ECDSA_P256_SHA_256",
                        new ValidityPeriod(Instant.parse("2020-01-01T00:00:00Z"), null)),
                new LogId(b64.encodeToString(id)));
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
