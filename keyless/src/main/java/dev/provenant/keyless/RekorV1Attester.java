package dev.provenant.keyless;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.RawCertificate;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.provenant.attest.dsse.Pae;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityToken;
import dev.provenant.signer.tlog.RekorUpload;
import dev.provenant.signer.tlog.TlogUploadException;
import dev.sigstore.fulcio.client.CertificateRequest;
import dev.sigstore.fulcio.client.FulcioClientGrpc;
import dev.sigstore.trustroot.Service;
import java.net.URI;
import java.net.http.HttpClient;
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
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
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

    /** Logs the envelope through the one Rekor v1 client, the one key-signed bundles use for --tlog-upload. */
    private TransparencyLogEntry log(Service rekor, Envelope envelope, String leafPem) throws SigningException {
        URI log = URI.create(rekor.getUrl().toString().replaceAll("/+$", ""));
        try {
            return RekorUpload.logV1(http, log, RekorUpload.dsseProposal(envelope, leafPem));
        } catch (TlogUploadException e) {
            // a keyless signing failure, reported as before
            throw new SigningException(e.getMessage(), e.getCause());
        }
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
