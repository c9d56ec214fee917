package dev.provenant.localsigstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.dsse.Pae;
import dev.provenant.attest.json.JsonCodec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Rekor APIs store only what an entry needs: no extra fields, bounded entries, bodies and signature counts. */
class RekorLimitsTest {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final String IN_TOTO = "application/vnd.in-toto+json";

    @TempDir
    static Path dir;
    static LocalSigstore stack;
    static HttpClient http = HttpClient.newHttpClient();
    static KeyPair keys;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, Identity.parse("limits@example.test"));
        keys = Authorities.p256();
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    static HttpResponse<String> post(String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.urls().http() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static long treeSize() throws Exception {
        return JsonCodec.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(stack.urls().http() + RekorV1Api.LOG_PATH)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body()).path("treeSize").asLong();
    }

    static byte[] digest(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    static ObjectNode hashedRekord(String pemOrCertificate, byte[] digest) throws Exception {
        ObjectNode proposal = (ObjectNode) JsonCodec.mapper().readTree(
                StackProtocolTest.hashedRekord(keys, digest, StackProtocolTest.signDigest(keys, digest)));
        ((ObjectNode) proposal.path("spec").path("signature").path("publicKey"))
                .put("content", B64.encodeToString(pemOrCertificate.getBytes(StandardCharsets.US_ASCII)));
        return proposal;
    }

    static String pem() {
        return "-----BEGIN PUBLIC KEY-----\n" + B64.encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    /** A valid self-signed certificate for the test key, made large by an extension of {@code padding} bytes. */
    static X509Certificate largeCertificate(int padding) throws Exception {
        X500Name name = new X500Name("CN=large");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now), Date.from(now.plusSeconds(3600)), name,
                keys.getPublic())
                .addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), false, new DEROctetString(new byte[padding]));
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    static ObjectNode dsse(int signatures, int verifiers) throws Exception {
        byte[] payload = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
        ObjectNode envelope = JsonCodec.mapper().createObjectNode().put("payloadType", IN_TOTO).put("payload", B64.encodeToString(payload));
        ArrayNode sigs = envelope.putArray("signatures");
        for (int i = 0; i < signatures; i++) {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(keys.getPrivate());
            s.update(Pae.encode(IN_TOTO, payload));
            sigs.addObject().put("sig", B64.encodeToString(s.sign()));
        }
        ObjectNode proposal = JsonCodec.mapper().createObjectNode().put("kind", "dsse").put("apiVersion", "0.0.1");
        ObjectNode content = proposal.putObject("spec").putObject("proposedContent").put("envelope", JsonCodec.writeString(envelope));
        ArrayNode keysOffered = content.putArray("verifiers");
        for (int i = 0; i < verifiers - 1; i++) {
            keysOffered.add(B64.encodeToString(("-----BEGIN PUBLIC KEY-----\n" + B64.encodeToString(Authorities.p256().getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII)));
        }
        keysOffered.add(B64.encodeToString(pem().getBytes(StandardCharsets.US_ASCII)));
        return proposal;
    }

    @Test
    void fieldsAnEntryKindDoesNotDefineAreRefusedAndNotLogged() throws Exception {
        long before = treeSize();
        ObjectNode topLevel = hashedRekord(pem(), digest("top"));
        topLevel.put("padding", "x".repeat(30_000));
        HttpResponse<String> refused = post(RekorV1Api.ENTRIES_PATH, JsonCodec.write(topLevel));
        assertThat(refused.statusCode()).as("%.300s", refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("'padding'");
        ObjectNode nested = hashedRekord(pem(), digest("nested"));
        ((ObjectNode) nested.path("spec").path("signature")).put("note", "stored for free");
        assertThat(post(RekorV1Api.ENTRIES_PATH, JsonCodec.write(nested)).statusCode()).isEqualTo(400);
        ObjectNode dsse = dsse(1, 1);
        ((ObjectNode) dsse.path("spec").path("proposedContent")).put("extra", 1);
        assertThat(post(RekorV1Api.ENTRIES_PATH, JsonCodec.write(dsse)).statusCode()).isEqualTo(400);
        String v2 = "{\"hashedRekordRequestV002\":{\"digest\":\"" + B64.encodeToString(digest("v2")) + "\"},\"padding\":\"x\"}";
        assertThat(post(RekorV2Api.ENTRIES_PATH, v2.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(treeSize()).isEqualTo(before);
        // the same proposals without the extra fields are logged
        assertThat(post(RekorV1Api.ENTRIES_PATH, JsonCodec.write(hashedRekord(pem(), digest("top")))).statusCode()).isEqualTo(201);
        assertThat(post(RekorV1Api.ENTRIES_PATH, JsonCodec.write(dsse(1, 1))).statusCode()).isEqualTo(201);
    }

    @Test
    void anEntryLargerThanTheBoundIsRefusedWith413() throws Exception {
        long before = treeSize();
        String large = Pem.certificates(java.util.List.of(largeCertificate(ProposalLimits.MAX_ENTRY)));
        HttpResponse<String> v1 = post(RekorV1Api.ENTRIES_PATH, JsonCodec.write(hashedRekord(large, digest("large"))));
        assertThat(v1.statusCode()).as("%.300s", v1.body()).isEqualTo(413);
        byte[] d = digest("large v2");
        String v2 = "{\"hashedRekordRequestV002\":{\"digest\":\"" + B64.encodeToString(d) + "\",\"signature\":{\"content\":\""
                + B64.encodeToString(StackProtocolTest.signDigest(keys, d)) + "\",\"verifier\":{\"x509Certificate\":{\"rawBytes\":\""
                + B64.encodeToString(largeCertificate(ProposalLimits.MAX_ENTRY).getEncoded()) + "\"},\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}}}}";
        HttpResponse<String> refused = post(RekorV2Api.ENTRIES_PATH, v2.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).as("%.300s", refused.body()).isEqualTo(413);
        assertThat(treeSize()).isEqualTo(before);
        // a certificate of ordinary size is logged
        String small = Pem.certificates(java.util.List.of(largeCertificate(100)));
        assertThat(post(RekorV1Api.ENTRIES_PATH, JsonCodec.write(hashedRekord(small, digest("small")))).statusCode()).isEqualTo(201);
    }

    @Test
    void signaturesAndVerifiersAreBoundedInNumber() throws Exception {
        long before = treeSize();
        HttpResponse<String> verifiers = post(RekorV1Api.ENTRIES_PATH, JsonCodec.write(dsse(1, ProposalLimits.MAX_VERIFIERS + 1)));
        assertThat(verifiers.statusCode()).as("%.300s", verifiers.body()).isEqualTo(400);
        assertThat(verifiers.body()).contains("at most " + ProposalLimits.MAX_VERIFIERS + " verifiers");
        HttpResponse<String> signatures = post(RekorV1Api.ENTRIES_PATH, JsonCodec.write(dsse(ProposalLimits.MAX_SIGNATURES + 1, 1)));
        assertThat(signatures.statusCode()).as("%.300s", signatures.body()).isEqualTo(400);
        assertThat(treeSize()).isEqualTo(before);
        assertThat(post(RekorV1Api.ENTRIES_PATH, JsonCodec.write(dsse(ProposalLimits.MAX_SIGNATURES, ProposalLimits.MAX_VERIFIERS))).statusCode())
                .isEqualTo(201);
    }

    @Test
    void aBodyLargerThanTheBoundIsRefusedBeforeItIsRead() throws Exception {
        URI rekor = URI.create(stack.urls().http());
        try (Socket socket = new Socket(rekor.getHost(), rekor.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // a declared length of 100 MiB, of which nothing is sent
            out.write(("POST " + RekorV1Api.ENTRIES_PATH + " HTTP/1.1\r\nHost: " + rekor.getAuthority()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
            String header;
            boolean closes = false;
            while ((header = in.readLine()) != null && !header.isEmpty()) {
                closes |= header.equalsIgnoreCase("Connection: close");
            }
            assertThat(closes).as("the client is told not to reuse the connection").isTrue();
        }
        byte[] chunked = new byte[LocalSigstore.MAX_REQUEST + 1];
        HttpResponse<String> streamed = http.send(HttpRequest.newBuilder(URI.create(stack.urls().http() + RekorV2Api.ENTRIES_PATH))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunked))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(Files.size(dir.resolve("stack/log/entries"))).isLessThan(LocalSigstore.MAX_REQUEST);
    }
}
