package dev.provenant.verifier.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.HashOutput;
import dev.provenant.attest.bundle.KindVersion;
import dev.provenant.attest.bundle.MessageSignature;
import dev.provenant.attest.bundle.PublicKeyIdentifier;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.trust.TrustedRoot;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two genuine entries of one log for one signature, signed for the same integrated time, are one piece
 * of evidence: the bundle carrying both is refused, as sigstore-js refuses it.
 */
class RepeatedEntryTest {
    private static final KindVersion HASHEDREKORD = new KindVersion("hashedrekord", "0.0.1");

    private TestLog log;
    private KeyPair signer;
    private Digest digest;
    private byte[] signature;
    private BundleVerifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        log = TestLog.ecdsa("rekor.example.test");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        signer = generator.generateKeyPair();
        byte[] artifact = "artifact".getBytes(StandardCharsets.UTF_8);
        digest = new Digest(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(artifact));
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(signer.getPrivate());
        ecdsa.update(artifact);
        signature = ecdsa.sign();
        TrustedRoot root = log.root("2021-01-01T00:00:00Z");
        verifier = new BundleVerifier(new ArtifactDigester(), () -> root, Clock.systemUTC());
    }

    private TransparencyLogEntry entry(int index, long integratedTime) throws Exception {
        ObjectNode body = JsonCodec.mapper().createObjectNode().put("apiVersion", "0.0.1").put("kind", "hashedrekord");
        ObjectNode spec = body.putObject("spec");
        spec.putObject("data").putObject("hash").put("algorithm", "sha256").put("value", digest.hex());
        String pem = dev.provenant.attest.crypto.PemPublicKeys.toPem(signer.getPublic());
        spec.putObject("signature").put("content", Base64Text.encode(signature))
                .putObject("publicKey").put("content", Base64Text.encode(pem.getBytes(StandardCharsets.UTF_8)));
        return log.entry(HASHEDREKORD, JsonCodec.write(body), index, 8, integratedTime, true,
                (size, root) -> log.checkpoint(log.name + " - 42", size, root, log.name, log.hint()));
    }

    private void verify(TransparencyLogEntry... entries) throws Exception {
        Bundle bundle = Bundle.ofMessageSignature(new VerificationMaterial(new PublicKeyIdentifier("k"), null, null, List.of(entries), null),
                new MessageSignature(HashOutput.of(digest), Base64Text.encode(signature)));
        verifier.verify(bundle, List.of(new Artifact.DigestArtifact(digest)), VerificationPolicy.ofKey(signer.getPublic()));
    }

    @Test
    void twoEntriesOfOneLogAtOneTimeAreRefused() throws Exception {
        long time = Instant.now().getEpochSecond() - 60;
        verify(entry(5, time));
        verify(entry(5, time), entry(2, time - 1));
        assertThatThrownBy(() -> verify(entry(5, time), entry(2, time))).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.check()).isEqualTo(Check.TLOG_TIME)).hasMessageContaining("duplicate");
    }
}
