package dev.provenant.verifier.vsa;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.provenant.attest.dsse.Pae;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.attest.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

/** VSAs made and signed here with generated P-256 keys, in a bare DSSE envelope or in a key-signed bundle. */
public final class VsaFixture {
    public static final String SHA256 = "a".repeat(63) + "1";
    public static final String VERIFIER = "https://verifier.example/vsa/v1";
    public static final String RESOURCE = "pkg:maven/dev.example/app@1.0";

    /** ECDSA signature encodings: ASN.1 DER, or the fixed-size r||s (IEEE P1363) real VSAs carry. */
    public enum Encoding { DER, RAW }

    private VsaFixture() {}

    public static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** A passing VSA statement's JSON, as an object to change before writing. */
    public static ObjectNode statement() {
        ObjectNode s = JsonCodec.mapper().createObjectNode();
        s.put("_type", "https://in-toto.io/Statement/v1");
        ArrayNode subjects = s.putArray("subject");
        ObjectNode first = subjects.addObject();
        first.put("name", "app.jar");
        first.putObject("digest").put("sha256", SHA256);
        ObjectNode second = subjects.addObject();
        second.put("name", "_");
        second.putObject("digest").put("gce_image_id", "8970095005306000053");
        s.put("predicateType", "https://slsa.dev/verification_summary/v1");
        ObjectNode p = s.putObject("predicate");
        p.putObject("verifier").put("id", VERIFIER);
        p.put("timeVerified", "2026-12-01T10:00:00Z");
        p.put("resourceUri", RESOURCE);
        p.putObject("policy").put("uri", "https://example.com/policy.yaml");
        p.put("verificationResult", "PASSED");
        p.putArray("verifiedLevels").add("SLSA_BUILD_LEVEL_3").add("BCID_L1");
        return s;
    }

    public static VsaExpectations expectations() {
        return new VsaExpectations(List.of(SubjectDigest.parse("sha256:" + SHA256), SubjectDigest.parse("gce_image_id:8970095005306000053")),
                VERIFIER, RESOURCE, List.of("SLSA_BUILD_LEVEL_2", "BCID_L1"));
    }

    public static byte[] sign(PrivateKey key, byte[] message, Encoding encoding) throws GeneralSecurityException {
        Signature s = Signature.getInstance(encoding == Encoding.DER ? "SHA256withECDSA" : "SHA256withECDSAinP1363Format");
        s.initSign(key);
        s.update(message);
        return s.sign();
    }

    /** One signature per key, each with its keyid (null for none). */
    public static Envelope envelope(String payloadType, byte[] payload, Encoding encoding, List<PrivateKey> keys, List<String> keyids)
            throws GeneralSecurityException {
        List<EnvelopeSignature> signatures = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            signatures.add(new EnvelopeSignature(keyids.get(i), Base64Text.encode(sign(keys.get(i), Pae.encode(payloadType, payload), encoding))));
        }
        return Envelope.of(payloadType, payload, signatures);
    }

    public static Envelope envelope(ObjectNode statement, KeyPair key, Encoding encoding, String keyid) throws GeneralSecurityException {
        return envelope("application/vnd.in-toto+json", JsonCodec.write(statement), encoding, List.of(key.getPrivate()),
                java.util.Arrays.asList(keyid));
    }

    public static byte[] bundle(Envelope envelope, KeyPair key) {
        return Bundle.ofEnvelope(VerificationMaterial.ofPublicKey(Base64Text.encode(PemPublicKeys.fingerprint(key.getPublic()))),
                envelope).toJson();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
