package dev.provenant.store;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.HashOutput;
import dev.provenant.attest.bundle.MessageSignature;
import dev.provenant.attest.bundle.PublicKeyIdentifier;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.Signer;
import dev.provenant.signer.file.FileKeySigner;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

/** Bundles and gate keys made up for store tests: the store indexes bundles and never verifies them. */
final class TestEvidence {
    private TestEvidence() {}

    static Digest sha256(String text) {
        return new Digest(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] attestation(String predicateType, String keyHint, Digest... subjects) throws Exception {
        List<ResourceDescriptor> subject = new java.util.ArrayList<>();
        for (int i = 0; i < subjects.length; i++) {
            subject.add(ResourceDescriptor.of("artifact-" + i, subjects[i]));
        }
        Statement statement = Statement.of(subject, predicateType, JsonCodec.mapper().createObjectNode().put("n", keyHint));
        Envelope envelope = Envelope.of(Statement.PAYLOAD_TYPE, statement.toJson(),
                List.of(new EnvelopeSignature("", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}))));
        return Bundle.ofEnvelope(material(keyHint), envelope).toJson();
    }

    static byte[] messageSignature(String keyHint, Digest subject) throws Exception {
        return Bundle.ofMessageSignature(material(keyHint),
                new MessageSignature(HashOutput.of(subject), Base64.getEncoder().encodeToString(new byte[] {4, 5, 6}))).toJson();
    }

    private static VerificationMaterial material(String keyHint) {
        return new VerificationMaterial(new PublicKeyIdentifier(keyHint), null, null, List.of(), null);
    }

    static Signer gateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        return new FileKeySigner(pair, "test gate key");
    }
}
