package dev.provenant.localsigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.BundleVersion;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.provenant.attest.dsse.Pae;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.tlog.RekorUpload;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.tlog.ExpectedBody;
import dev.provenant.verifier.tlog.SigningMaterial;
import dev.provenant.verifier.tlog.TlogEntryVerifier;
import dev.provenant.verifier.trust.TrustedRoot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * The entries the stack's Rekor v1 API logs for DSSE proposals (kinds dsse 0.0.1 and intoto 0.0.2,
 * which sigstore-java does not send but other clients do) pass the verifier's public entry check, whose
 * body matchers were written against real Rekor entries: with the right envelope the whole entry
 * verifies (body, promise, inclusion proof, checkpoint), and with another envelope only the body check fails.
 */
class StackEntryBodiesTest {
    private static final Base64.Encoder B64 = Base64.getEncoder();

    @TempDir
    static Path dir;
    static LocalSigstore stack;
    static TrustedRoot root;
    static KeyPair keys;
    static String pem;
    static Envelope envelope;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, "bodies@example.test");
        root = TrustedRoot.parse(Files.readAllBytes(stack.trustedRoot()));
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

    static URI log() {
        return URI.create(stack.urls().rekor());
    }

    static void verifiesOnlyWithItsEnvelope(TransparencyLogEntry entry, String kind) throws Exception {
        assertThat(entry.kindVersion().kind()).isEqualTo(kind);
        SigningMaterial signer = SigningMaterial.ofKey(keys.getPublic());
        new TlogEntryVerifier().verify(entry, BundleVersion.V0_3, root, ExpectedBody.envelope(envelope, signer));
        assertThatThrownBy(() -> new TlogEntryVerifier().verify(entry, BundleVersion.V0_3, root,
                ExpectedBody.envelope(sign("{\"other\":1}"), signer)))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TLOG_BODY));
    }

    @Test
    void dsseEntriesMatchTheirEnvelopeOnly() throws Exception {
        verifiesOnlyWithItsEnvelope(RekorUpload.logV1(HTTP, log(), RekorUpload.dsseProposal(envelope, pem)), "dsse");
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
        verifiesOnlyWithItsEnvelope(RekorUpload.logV1(HTTP, log(), proposal), "intoto");

        // a proposal whose signature is not over this envelope is not logged
        logged.put("payload", B64.encodeToString(B64.encodeToString("{\"forged\":true}".getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<byte[]> refused = HTTP.send(HttpRequest.newBuilder(URI.create(stack.urls().rekor() + "/api/v1/log/entries"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonCodec.write(proposal))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(refused.statusCode()).isEqualTo(400);
    }
}
