package dev.provenant.verifier.cert;

import dev.provenant.attest.testing.ConformanceSuite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.timestamp.Rfc3161TimestampVerifier;
import dev.provenant.verifier.trust.TrustedRoot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * One case of the Sigstore conformance suite (optional: {@link ConformanceSuite}), read straight
 * from its JSON so these tests do not depend on the bundle model: the certificates, the trusted root
 * the suite verifies it with, and the times its log entries and timestamps vouch for.
 */
public final class ConformanceCase {
    public static final String DEFAULT_IDENTITY =
            "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    public static final String DEFAULT_ISSUER = "https://token.actions.githubusercontent.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final JsonNode bundle;

    private ConformanceCase(Path dir, JsonNode bundle) {
        this.dir = dir;
        this.bundle = bundle;
    }

    /** The named case; skips the calling test when the conformance suite was not given. */
    public static ConformanceCase named(String name) {
        Path dir = ConformanceSuite.bundleVerify(name);
        return new ConformanceCase(dir, readJson(dir.resolve("bundle.sigstore.json")));
    }

    /** The bundle's certificates as DER, leaf first, whichever of the two fields holds them. */
    public List<byte[]> certificates() {
        JsonNode material = bundle.path("verificationMaterial");
        List<byte[]> out = new ArrayList<>();
        if (material.has("certificate")) {
            out.add(base64(material.path("certificate").path("rawBytes").asText()));
        }
        for (JsonNode c : material.path("x509CertificateChain").path("certificates")) {
            out.add(base64(c.path("rawBytes").asText()));
        }
        return out;
    }

    public X509Certificate leaf() {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificates().get(0)));
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case's own trusted root, or the public-good one (the suite's rule). */
    public TrustedRoot trustedRoot() {
        return trustedRoot(json -> { });
    }

    /** The case's trusted root after {@code edit} changed its JSON. */
    public TrustedRoot trustedRoot(Consumer<ObjectNode> edit) {
        Path own = dir.resolve("trusted_root.json");
        ObjectNode json;
        try {
            json = (ObjectNode) (Files.exists(own) ? readJson(own) : JSON.readTree(TrustedRoot.publicGoodJson()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        edit.accept(json);
        try {
            return TrustedRoot.parse(JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The identity the suite verifies the case with. */
    public String identity() {
        return fileOr("identity", DEFAULT_IDENTITY);
    }

    public String issuer() {
        return fileOr("issuer", DEFAULT_ISSUER);
    }

    /** The integrated times of the Rekor v1 entries; Rekor v2 entries have none. */
    public List<Instant> integratedTimes() {
        List<Instant> out = new ArrayList<>();
        for (JsonNode entry : bundle.path("verificationMaterial").path("tlogEntries")) {
            long time = entry.path("integratedTime").asLong(0);
            if (time > 0) {
                out.add(Instant.ofEpochSecond(time));
            }
        }
        return out;
    }

    /** The times of the bundle's RFC 3161 timestamps, each verified against {@code root}'s timestamp authorities. */
    public List<Instant> timestampTimes(TrustedRoot root) throws VerificationException {
        List<Instant> out = new ArrayList<>();
        for (JsonNode ts : bundle.path("verificationMaterial").path("timestampVerificationData").path("rfc3161Timestamps")) {
            out.add(new Rfc3161TimestampVerifier().verify(base64(ts.path("signedTimestamp").asText()), signature(), root).time());
        }
        return out;
    }

    /** Every time the bundle's log entries and timestamps vouch for. */
    public List<Instant> signingTimes() throws VerificationException {
        List<Instant> out = new ArrayList<>(integratedTimes());
        out.addAll(timestampTimes(trustedRoot()));
        return out;
    }

    private byte[] signature() {
        JsonNode message = bundle.path("messageSignature");
        return base64(message.isMissingNode()
                ? bundle.path("dsseEnvelope").path("signatures").get(0).path("sig").asText()
                : message.path("signature").asText());
    }

    private String fileOr(String file, String fallback) {
        try {
            Path path = dir.resolve(file);
            return Files.exists(path) ? Files.readString(path).strip() : fallback;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] base64(String text) {
        // Go-written bundles may wrap base64 in lines.
        return Base64.getMimeDecoder().decode(text);
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
