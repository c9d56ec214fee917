package dev.provenant.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.json.Rfc3339Time;
import dev.sigstore.proto.common.v1.DistinguishedName;
import dev.sigstore.proto.common.v1.HashAlgorithm;
import dev.sigstore.proto.common.v1.LogId;
import dev.sigstore.proto.common.v1.PublicKey;
import dev.sigstore.proto.common.v1.PublicKeyDetails;
import dev.sigstore.proto.common.v1.TimeRange;
import dev.sigstore.proto.common.v1.X509Certificate;
import dev.sigstore.proto.common.v1.X509CertificateChain;
import dev.sigstore.proto.trustroot.v1.CertificateAuthority;
import dev.sigstore.proto.trustroot.v1.TransparencyLogInstance;
import dev.sigstore.proto.trustroot.v1.TrustedRoot;
import java.time.Instant;
import java.util.Base64;

/**
 * Builds sigstore-java's trusted-root message from the JSON with Jackson and the generated builders.
 * Protobuf's reflective JSON parser takes about half a second to warm up in a fresh JVM, a third of a
 * keyless signing run; this reads the same fields directly. Anything it does not know how to read
 * throws, and the caller falls back to protobuf's parser, so no field is silently lost.
 */
final class TrustedRootMessages {
    private TrustedRootMessages() {}

    static TrustedRoot parse(byte[] json) throws FormatException {
        JsonNode root = JsonCodec.readTree(json, "trusted root");
        TrustedRoot.Builder out = TrustedRoot.newBuilder().setMediaType(text(root, "mediaType"));
        for (JsonNode log : root.path("tlogs")) {
            out.addTlogs(log(log));
        }
        for (JsonNode log : root.path("ctlogs")) {
            out.addCtlogs(log(log));
        }
        for (JsonNode ca : root.path("certificateAuthorities")) {
            out.addCertificateAuthorities(authority(ca));
        }
        for (JsonNode tsa : root.path("timestampAuthorities")) {
            out.addTimestampAuthorities(authority(tsa));
        }
        return out.build();
    }

    private static TransparencyLogInstance log(JsonNode node) {
        known(node, "baseUrl", "hashAlgorithm", "publicKey", "logId", "checkpointKeyId", "operator");
        TransparencyLogInstance.Builder b = TransparencyLogInstance.newBuilder()
                .setBaseUrl(text(node, "baseUrl"))
                .setHashAlgorithm(HashAlgorithm.valueOf(text(node, "hashAlgorithm")))
                .setLogId(LogId.newBuilder().setKeyId(bytes(node.path("logId"), "keyId")));
        JsonNode key = node.path("publicKey");
        known(key, "rawBytes", "keyDetails", "validFor");
        PublicKey.Builder k = PublicKey.newBuilder().setRawBytes(bytes(key, "rawBytes"))
                .setKeyDetails(PublicKeyDetails.valueOf(text(key, "keyDetails")));
        if (key.has("validFor")) {
            k.setValidFor(range(key.get("validFor")));
        }
        b.setPublicKey(k);
        if (node.has("checkpointKeyId")) {
            b.setCheckpointKeyId(LogId.newBuilder().setKeyId(bytes(node.get("checkpointKeyId"), "keyId")));
        }
        if (node.has("operator")) {
            b.setOperator(text(node, "operator"));
        }
        return b.build();
    }

    private static CertificateAuthority authority(JsonNode node) {
        known(node, "subject", "uri", "certChain", "validFor", "operator");
        CertificateAuthority.Builder b = CertificateAuthority.newBuilder();
        if (node.has("subject")) {
            JsonNode s = node.get("subject");
            known(s, "organization", "commonName");
            DistinguishedName.Builder dn = DistinguishedName.newBuilder();
            if (s.has("organization")) {
                dn.setOrganization(text(s, "organization"));
            }
            if (s.has("commonName")) {
                dn.setCommonName(text(s, "commonName"));
            }
            b.setSubject(dn);
        }
        if (node.has("uri")) {
            b.setUri(text(node, "uri"));
        }
        X509CertificateChain.Builder chain = X509CertificateChain.newBuilder();
        for (JsonNode cert : node.path("certChain").path("certificates")) {
            chain.addCertificates(X509Certificate.newBuilder().setRawBytes(bytes(cert, "rawBytes")));
        }
        b.setCertChain(chain);
        if (node.has("validFor")) {
            b.setValidFor(range(node.get("validFor")));
        }
        if (node.has("operator")) {
            b.setOperator(text(node, "operator"));
        }
        return b.build();
    }

    static TimeRange range(JsonNode node) {
        known(node, "start", "end");
        TimeRange.Builder r = TimeRange.newBuilder();
        if (node.has("start")) {
            r.setStart(time(text(node, "start")));
        }
        if (node.has("end")) {
            r.setEnd(time(text(node, "end")));
        }
        return r.build();
    }

    static Timestamp time(String rfc3339) {
        Instant t;
        try {
            t = Rfc3339Time.parse(rfc3339);
        } catch (IllegalArgumentException e) {
            // malformed like every other field this reader refuses: the caller then asks protobuf's parser
            throw new IllegalArgumentException("'" + rfc3339 + "' is not an RFC 3339 time");
        }
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static void known(JsonNode node, String... names) {
        java.util.Set<String> allowed = java.util.Set.of(names);
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException("unexpected field " + f);
            }
        });
    }

    static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return v.asText();
    }

    static ByteString bytes(JsonNode node, String name) {
        return ByteString.copyFrom(Base64.getDecoder().decode(text(node, name)));
    }
}
