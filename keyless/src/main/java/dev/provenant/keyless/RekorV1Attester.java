package dev.provenant.keyless;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.RawCertificate;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.provenant.attest.dsse.Pae;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityToken;
import dev.sigstore.fulcio.client.CertificateRequest;
import dev.sigstore.fulcio.client.FulcioClientGrpc;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.rekor.client.RekorParseException;
import dev.sigstore.rekor.client.RekorResponse;
import dev.sigstore.trustroot.Service;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Keyless DSSE attestation through a Rekor v1 log, as sigstore-js and cosign make them for the
 * public-good instance: an ephemeral ECDSA P-256 key, a Fulcio certificate for the identity token
 * (through sigstore-java's Fulcio client), the envelope signed over its pre-authentication encoding,
 * and the envelope proposed to Rekor's REST API as a {@code dsse 0.0.1} entry. The bundle (v0.3: the
 * leaf certificate, the log entry with its signed entry timestamp, inclusion proof and checkpoint as
 * Rekor returned them) is checked by the caller against the trusted root before it is handed back.
 */
final class RekorV1Attester {
    static final String ENTRIES_PATH = "/api/v1/log/entries";
    /** A Rekor v1 answer for one entry is a few kilobytes; more is not an answer. */
    static final int MAX_RESPONSE_BYTES = 1 << 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final Service fulcio;
    private final List<Service> rekors;
    private final HttpClient http;

    /** @param rekors the Rekor v1 logs the signing config selects: the envelope is logged in each */
    RekorV1Attester(Service fulcio, List<Service> rekors) {
        if (rekors.isEmpty()) {
            throw new IllegalArgumentException("no Rekor log to attest through");
        }
        this.fulcio = fulcio;
        this.rekors = List.copyOf(rekors);
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Bundle attest(IdentityToken token, Statement statement) throws SigningException {
        KeyPair key = ephemeralKey();
        CertPath path = certificate(key, token);
        List<? extends Certificate> certificates = path.getCertificates();
        if (certificates.isEmpty()) {
            throw new SigningException("Fulcio at " + fulcio.getUrl() + " answered with no certificate");
        }
        Certificate leaf = certificates.get(0);
        byte[] payload = statement.toJson();
        Envelope envelope;
        String leafPem;
        try {
            envelope = Envelope.of(Statement.PAYLOAD_TYPE, payload,
                    List.of(new EnvelopeSignature(null, B64.encodeToString(sign(key, Pae.encode(Statement.PAYLOAD_TYPE, payload))))));
            leafPem = pem(leaf.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new SigningException("cannot sign the envelope with the ephemeral key: " + e.getMessage(), e);
        }
        List<TransparencyLogEntry> entries = new java.util.ArrayList<>();
        for (Service rekor : rekors) {
            entries.add(log(rekor, envelope, leafPem));
        }
        VerificationMaterial material;
        try {
            material = new VerificationMaterial(null, null, new RawCertificate(B64.encodeToString(leaf.getEncoded())), entries, null);
        } catch (GeneralSecurityException e) {
            throw new SigningException("Fulcio's certificate cannot be encoded: " + e.getMessage(), e);
        }
        return Bundle.ofEnvelope(material, envelope);
    }

    private static KeyPair ephemeralKey() throws SigningException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new SigningException("cannot make an ephemeral ECDSA P-256 key: " + e.getMessage(), e);
        }
    }

    private static byte[] sign(KeyPair key, byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(key.getPrivate());
        signature.update(data);
        return signature.sign();
    }

    /** Fulcio's proof of possession: the token's subject (its email claim, else sub) signed by the key. */
    private CertPath certificate(KeyPair key, IdentityToken token) throws SigningException {
        try {
            byte[] proof = sign(key, token.subject().getBytes(StandardCharsets.UTF_8));
            CertificateRequest request = CertificateRequest.newCertificateRequest(key.getPublic(), token.value(), proof);
            return FulcioClientGrpc.builder().setService(fulcio).build().signingCertificate(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningException("interrupted while asking Fulcio for a certificate", e);
        } catch (GeneralSecurityException | dev.sigstore.fulcio.client.UnsupportedAlgorithmException | RuntimeException e) {
            throw new SigningException("Fulcio at " + fulcio.getUrl() + " gave no certificate: " + Failures.describe(e), e);
        }
    }

    private TransparencyLogEntry log(Service rekor, Envelope envelope, String leafPem) throws SigningException {
        ObjectNode proposal = JsonCodec.mapper().createObjectNode().put("apiVersion", "0.0.1").put("kind", "dsse");
        ObjectNode content = proposal.putObject("spec").putObject("proposedContent");
        content.put("envelope", new String(envelope.toJson(), StandardCharsets.UTF_8));
        content.putArray("verifiers").add(B64.encodeToString(leafPem.getBytes(StandardCharsets.UTF_8)));
        URI entries = URI.create(rekor.getUrl().toString().replaceAll("/+$", "") + ENTRIES_PATH);
        HttpRequest request = HttpRequest.newBuilder(entries).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonCodec.write(proposal))).build();
        HttpResponse<InputStream> response;
        String body;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body = readBounded(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningException("interrupted while logging the envelope in " + rekor.getUrl(), e);
        } catch (IOException e) {
            throw new SigningException("cannot log the envelope in Rekor at " + rekor.getUrl() + ": " + Failures.describe(e), e);
        }
        if (response.statusCode() != 201) {
            throw new SigningException("Rekor at " + rekor.getUrl() + " refused the dsse entry: HTTP " + response.statusCode()
                    + message(body));
        }
        try {
            RekorEntry entry = RekorResponse.newRekorResponse(entries, body).getEntry();
            if (entry.getVerification() == null || entry.getVerification().getInclusionProof() == null) {
                throw new SigningException("Rekor at " + rekor.getUrl() + " answered without an inclusion proof");
            }
            return BundleRecords.entry(entry);
        } catch (RekorParseException | dev.sigstore.json.JsonParseException | RuntimeException e) {
            throw new SigningException("Rekor at " + rekor.getUrl() + " answered with an entry that cannot be read: " + Failures.describe(e), e);
        }
    }

    private static String readBounded(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new IOException("the answer is larger than " + (MAX_RESPONSE_BYTES >> 10) + " KiB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Rekor's error answers are {"code":..,"message":".."}; the message, shortened, says why. */
    private static String message(String body) {
        try {
            String m = JsonCodec.readTree(body.getBytes(StandardCharsets.UTF_8), "Rekor error").path("message").asText("");
            return m.isEmpty() ? "" : " (" + (m.length() > 200 ? m.substring(0, 200) + "…" : m) + ")";
        } catch (dev.provenant.attest.FormatException e) {
            return "";
        }
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
