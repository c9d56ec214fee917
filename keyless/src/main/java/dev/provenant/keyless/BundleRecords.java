package dev.provenant.keyless;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.Checkpoint;
import dev.provenant.attest.bundle.HashOutput;
import dev.provenant.attest.bundle.InclusionPromise;
import dev.provenant.attest.bundle.InclusionProof;
import dev.provenant.attest.bundle.KindVersion;
import dev.provenant.attest.bundle.LogId;
import dev.provenant.attest.bundle.MessageSignature;
import dev.provenant.attest.bundle.RawCertificate;
import dev.provenant.attest.bundle.Rfc3161Timestamp;
import dev.provenant.attest.bundle.TimestampVerificationData;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.sigstore.json.JsonParseException;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.rekor.client.RekorEntryBody;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns sigstore-java's bundle model into Provenant's bundle records field by field, as sigstore-java's
 * own writer lays them out in a v0.3 bundle (its leaf certificate alone, hex log ids and hashes as
 * base64). Going through sigstore-java's JSON instead would initialise protobuf's reflective JSON printer,
 * a twentieth of a one-shot keyless run; a test checks both give the same bundle.
 */
final class BundleRecords {
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private BundleRecords() {}

    static Bundle of(dev.sigstore.bundle.Bundle in) throws CertificateEncodingException, JsonParseException {
        List<? extends Certificate> path = in.getCertPath().getCertificates();
        if (path.isEmpty()) {
            throw new IllegalArgumentException("the bundle has no certificate");
        }
        RawCertificate certificate = new RawCertificate(BASE64.encodeToString(path.get(path.size() - 1).getEncoded()));
        List<TransparencyLogEntry> entries = new ArrayList<>();
        for (RekorEntry entry : in.getEntries()) {
            entries.add(entry(entry));
        }
        List<Rfc3161Timestamp> stamps = new ArrayList<>();
        for (dev.sigstore.bundle.Bundle.Timestamp t : in.getTimestamps()) {
            if (t.getRfc3161Timestamp() != null) {
                stamps.add(new Rfc3161Timestamp(BASE64.encodeToString(t.getRfc3161Timestamp())));
            }
        }
        VerificationMaterial material = new VerificationMaterial(null, null, certificate, entries,
                stamps.isEmpty() ? null : new TimestampVerificationData(stamps));
        if (in.getDsseEnvelope().isPresent()) {
            dev.sigstore.bundle.Bundle.DsseEnvelope dsse = in.getDsseEnvelope().get();
            List<EnvelopeSignature> signatures = new ArrayList<>();
            for (dev.sigstore.bundle.Bundle.DsseEnvelope.Signature s : dsse.getSignatures()) {
                signatures.add(new EnvelopeSignature(null, BASE64.encodeToString(s.getSig())));
            }
            return new Bundle(in.getMediaType(), material, null,
                    new Envelope(BASE64.encodeToString(dsse.getPayload()), dsse.getPayloadType(), signatures));
        }
        dev.sigstore.bundle.Bundle.MessageSignature signature = in.getMessageSignature()
                .orElseThrow(() -> new IllegalArgumentException("the bundle has neither a message signature nor an envelope"));
        HashOutput digest = signature.getMessageDigest()
                .map(d -> new HashOutput(d.getHashAlgorithm().name(), BASE64.encodeToString(d.getDigest()))).orElse(null);
        return new Bundle(in.getMediaType(), material, new MessageSignature(digest, BASE64.encodeToString(signature.getSignature())),
                null);
    }

    static TransparencyLogEntry entry(RekorEntry entry) throws JsonParseException {
        RekorEntryBody body = entry.getBodyDecoded();
        RekorEntry.Verification verification = entry.getVerification();
        InclusionPromise promise = verification.getSignedEntryTimestamp() == null ? null
                : new InclusionPromise(verification.getSignedEntryTimestamp());
        InclusionProof proof = null;
        RekorEntry.InclusionProof p = verification.getInclusionProof();
        if (p != null) {
            List<String> hashes = p.getHashes().stream().map(BundleRecords::hexToBase64).toList();
            proof = new InclusionProof(p.getLogIndex(), hexToBase64(p.getRootHash()), p.getTreeSize(), hashes,
                    new Checkpoint(p.getCheckpoint()));
        }
        return new TransparencyLogEntry(entry.getLogIndex(), new LogId(hexToBase64(entry.getLogID())),
                new KindVersion(body.getKind(), body.getApiVersion()), entry.getIntegratedTime(), promise, proof, entry.getBody());
    }

    private static String hexToBase64(String hex) {
        return BASE64.encodeToString(HexFormat.of().parseHex(hex));
    }
}
