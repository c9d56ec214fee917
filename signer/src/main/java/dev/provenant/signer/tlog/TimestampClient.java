package dev.provenant.signer.tlog;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * An RFC 3161 client for the timestamp a Rekor v2 entry needs (a v2 log signs no time of its own): a
 * SHA-256 imprint of the signature, a nonce, the authority's certificates asked for. The answer must be
 * granted and match the request (imprint, nonce); the verifier checks its signature against the
 * trusted root.
 */
final class TimestampClient {
    static final int MAX_RESPONSE_BYTES = 64 << 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TimestampClient() {}

    /** The DER TimeStampResp the authority at {@code url} answered for {@code signature}. */
    static byte[] timestamp(HttpClient http, URI url, byte[] signature, java.time.Duration timeout) throws TlogUploadException {
        TimeStampRequest request;
        try {
            TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
            generator.setCertReq(true);
            request = generator.generate(NISTObjectIdentifiers.id_sha256, MessageDigest.getInstance("SHA-256").digest(signature),
                    new BigInteger(64, RANDOM));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
        byte[] body;
        int status;
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/timestamp-query").header("Accept", "application/timestamp-reply")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TlogUploadException("interrupted while asking the timestamp authority at " + url, e);
        } catch (IOException e) {
            throw new TlogUploadException("cannot ask the timestamp authority at " + url + " for a timestamp: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage().lines().findFirst().orElse("") + ")"), e);
        }
        if (status != 200) {
            throw new TlogUploadException("the timestamp authority at " + url + " refused: HTTP " + status, null);
        }
        if (body.length > MAX_RESPONSE_BYTES) {
            throw new TlogUploadException("the timestamp authority at " + url + " answered more than " + (MAX_RESPONSE_BYTES >> 10)
                    + " KiB", null);
        }
        try {
            TimeStampResponse response = new TimeStampResponse(body);
            response.validate(request);
            if (response.getTimeStampToken() == null) {
                throw new TSPException("no timestamp granted: " + response.getStatusString());
            }
            return body;
        } catch (TSPException | IOException | RuntimeException e) {
            throw new TlogUploadException("the timestamp authority at " + url + " answered no usable timestamp: " + e.getMessage(), e);
        }
    }
}
