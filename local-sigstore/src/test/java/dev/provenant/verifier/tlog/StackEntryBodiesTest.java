package dev.provenant.verifier.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.provenant.attest.dsse.Pae;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.localsigstore.LocalSigstore;
import dev.provenant.verifier.check.VerificationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entry bodies the stack's Rekor v1 API logs for DSSE proposals (kinds dsse 0.0.1 and intoto 0.0.2,
 * which sigstore-java does not send but other clients do) are read by the verifier's own body matchers,
 * which were written against real Rekor entries: the right envelope matches, another one does not.
 */
class StackEntryBodiesTest {
    private static final Base64.Encoder B64 = Base64.getEncoder();

    @TempDir
    static Path dir;
    static LocalSigstore stack;
    static KeyPair keys;
    static String pem;
    static Envelope envelope;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, "bodies@example.test");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        pem = "-----BEGIN PUBLIC KEY-----\n" + B64.encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        envelope = sign("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[]}");
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    static Envelope sign(String statement) throws Exception {
        byte[] payload = statement.getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(keys.getPrivate());
        s.update(Pae.encode("application/vnd.in-toto+json", payload));
        return Envelope.of("application/vnd.in-toto+json", payload, List.of(new EnvelopeSignature(null, B64.encodeToString(s.sign()))));
    }

    static JsonValue logged(ObjectNode proposal) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.urls().rekor() + "/api/v1/log/entries"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonCodec.write(proposal))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        String body = JsonCodec.mapper().readTree(response.body()).elements().next().path("body").asText();
        return JsonValue.parse(Base64.getDecoder().decode(body), "log entry body");
    }

    @Test
    void dsseEntriesMatchTheirEnvelopeOnly() throws Exception {
        ObjectNode proposal = JsonCodec.mapper().createObjectNode().put("kind", "dsse").put("apiVersion", "0.0.1");
        ObjectNode content = proposal.putObject("spec").putObject("proposedContent").put("envelope", JsonCodec.writeString(envelope));
        content.putArray("verifiers").add(B64.encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
        JsonValue body = logged(proposal);
        assertThat(body.path("kind").asText()).isEqualTo("dsse");
        var signer = SigningMaterial.ofKey(keys.getPublic());
        new DsseV001Body().match(body.path("spec"), ExpectedBody.envelope(envelope, signer));
        assertThatThrownBy(() -> new DsseV001Body().match(body.path("spec"), ExpectedBody.envelope(sign("{\"other\":1}"), signer)))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void intotoEntriesMatchTheirEnvelopeOnly() throws Exception {
        ObjectNode proposal = JsonCodec.mapper().createObjectNode().put("kind", "intoto").put("apiVersion", "0.0.2");
        ObjectNode logged = proposal.putObject("spec").putObject("content").putObject("envelope")
                .put("payloadType", envelope.payloadType())
                .put("payload", B64.encodeToString(envelope.payload().getBytes(StandardCharsets.US_ASCII)));
        logged.putArray("signatures").addObject()
                .put("sig", B64.encodeToString(envelope.signatures().get(0).sig().getBytes(StandardCharsets.US_ASCII)))
                .put("publicKey", B64.encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
        JsonValue body = logged(proposal);
        assertThat(body.path("kind").asText()).isEqualTo("intoto");
        var signer = SigningMaterial.ofKey(keys.getPublic());
        new IntotoV002Body().match(body.path("spec"), ExpectedBody.envelope(envelope, signer));
        assertThatThrownBy(() -> new IntotoV002Body().match(body.path("spec"), ExpectedBody.envelope(sign("{\"other\":1}"), signer)))
                .isInstanceOf(VerificationException.class);

        // a proposal whose signature is not over this envelope is not logged
        logged.put("payload", B64.encodeToString(B64.encodeToString("{\"forged\":true}".getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<byte[]> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.urls().rekor() + "/api/v1/log/entries"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonCodec.write(proposal))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(refused.statusCode()).isEqualTo(400);
    }
}
