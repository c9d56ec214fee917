package dev.provenant.attest.bundle;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a bundle from its protobuf JSON form into the bundle records by hand, member by member, so
 * verifying a bundle needs no data binding. Absent and {@code null} members are left to each record's
 * constructor, which enforces what the bundle version requires; unknown members are ignored, as
 * protobuf JSON readers do.
 */
final class BundleJson {
    private BundleJson() {}

    static Bundle bundle(JsonValue json) throws FormatException {
        if (!json.isObject()) {
            throw new FormatException("bundle is malformed: not a JSON object");
        }
        try {
            return new Bundle(json.text("mediaType"), material(json.object("verificationMaterial")),
                    messageSignature(json.object("messageSignature")), Envelope.fromJson(json.object("dsseEnvelope")));
        } catch (IllegalArgumentException e) {
            throw new FormatException("bundle is malformed: " + e.getMessage(), e);
        }
    }

    private static VerificationMaterial material(JsonValue json) throws FormatException {
        if (json == null) {
            return null;
        }
        JsonValue key = json.object("publicKey");
        JsonValue chain = json.object("x509CertificateChain");
        JsonValue timestamps = json.object("timestampVerificationData");
        List<TransparencyLogEntry> entries = new ArrayList<>();
        for (JsonValue entry : atMost(json.objects("tlogEntries"), Bundle.MAX_TLOG_ENTRIES, "verificationMaterial.tlogEntries")) {
            entries.add(tlogEntry(entry));
        }
        return new VerificationMaterial(
                key == null ? null : new PublicKeyIdentifier(key.text("hint")),
                chain == null ? null : new CertificateChain(certificates(chain)),
                certificate(json.object("certificate")),
                entries,
                timestamps == null ? null : new TimestampVerificationData(timestamps(timestamps)));
    }

    private static List<RawCertificate> certificates(JsonValue chain) throws FormatException {
        if (!chain.hasNonNull("certificates")) {
            return null;
        }
        List<RawCertificate> out = new ArrayList<>();
        for (JsonValue certificate : atMost(chain.objects("certificates"), Bundle.MAX_CHAIN_CERTIFICATES,
                "x509CertificateChain.certificates")) {
            out.add(certificate(certificate));
        }
        return out;
    }

    /** Refuses a list longer than {@code max} before any of its elements is decoded. */
    private static List<JsonValue> atMost(List<JsonValue> list, int max, String what) {
        if (list.size() > max) {
            throw new IllegalArgumentException(what + " has " + list.size() + " elements; at most " + max + " are read");
        }
        return list;
    }

    private static RawCertificate certificate(JsonValue json) throws FormatException {
        return json == null ? null : new RawCertificate(json.text("rawBytes"));
    }

    private static List<Rfc3161Timestamp> timestamps(JsonValue json) throws FormatException {
        List<Rfc3161Timestamp> out = new ArrayList<>();
        for (JsonValue timestamp : atMost(json.objects("rfc3161Timestamps"), Bundle.MAX_TIMESTAMPS,
                "timestampVerificationData.rfc3161Timestamps")) {
            out.add(new Rfc3161Timestamp(timestamp.text("signedTimestamp")));
        }
        return out;
    }

    private static TransparencyLogEntry tlogEntry(JsonValue json) throws FormatException {
        JsonValue logId = json.object("logId");
        JsonValue kindVersion = json.object("kindVersion");
        JsonValue promise = json.object("inclusionPromise");
        return new TransparencyLogEntry(
                json.int64("logIndex"),
                logId == null ? null : new LogId(logId.text("keyId")),
                kindVersion == null ? null : new KindVersion(kindVersion.text("kind"), kindVersion.text("version")),
                json.int64("integratedTime"),
                promise == null ? null : new InclusionPromise(promise.text("signedEntryTimestamp")),
                inclusionProof(json.object("inclusionProof")),
                json.text("canonicalizedBody"));
    }

    private static InclusionProof inclusionProof(JsonValue json) throws FormatException {
        if (json == null) {
            return null;
        }
        JsonValue checkpoint = json.object("checkpoint");
        return new InclusionProof(json.int64("logIndex"), json.text("rootHash"), json.int64("treeSize"),
                json.texts("hashes"), checkpoint == null ? null : new Checkpoint(checkpoint.text("envelope")));
    }

    private static MessageSignature messageSignature(JsonValue json) throws FormatException {
        if (json == null) {
            return null;
        }
        JsonValue digest = json.object("messageDigest");
        return new MessageSignature(digest == null ? null : new HashOutput(digest.text("algorithm"), digest.text("digest")),
                json.text("signature"));
    }
}
