package dev.provenant.localsigstore;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.provenant.attest.dsse.Pae;
import dev.sigstore.proto.common.v1.HashAlgorithm;
import dev.sigstore.proto.common.v1.HashOutput;
import dev.sigstore.proto.common.v1.LogId;
import dev.sigstore.proto.rekor.v1.Checkpoint;
import dev.sigstore.proto.rekor.v1.InclusionProof;
import dev.sigstore.proto.rekor.v1.KindVersion;
import dev.sigstore.proto.rekor.v1.TransparencyLogEntry;
import dev.sigstore.proto.rekor.v2.CreateEntryRequest;
import dev.sigstore.proto.rekor.v2.DSSELogEntryV002;
import dev.sigstore.proto.rekor.v2.DSSERequestV002;
import dev.sigstore.proto.rekor.v2.Entry;
import dev.sigstore.proto.rekor.v2.HashedRekordLogEntryV002;
import dev.sigstore.proto.rekor.v2.HashedRekordRequestV002;
import dev.sigstore.proto.rekor.v2.Signature;
import dev.sigstore.proto.rekor.v2.Spec;
import dev.sigstore.proto.rekor.v2.Verifier;
import io.intoto.EnvelopeOuterClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Rekor's v2 API over the shared log: {@code POST /api/v2/log/entries} takes a {@code CreateEntryRequest}
 * (a hashedrekord or DSSE request, protobuf JSON) and answers with a {@code TransparencyLogEntry}: no
 * integrated time and no SET, as Rekor v2 leaves time to timestamp authorities, but an inclusion proof
 * whose checkpoint is signed under the log's host name. {@code GET /api/v2/checkpoint} gives the signed
 * tree head.
 */
final class RekorV2Api {
    static final String ENTRIES_PATH = "/api/v2/log/entries";
    static final String CHECKPOINT_PATH = "/api/v2/checkpoint";
    private static final String VERSION = "0.0.2";

    private final RekorLog log;
    private final byte[] logId;

    RekorV2Api(RekorLog log, KeyPair key) {
        this.log = log;
        this.logId = CtLog.sha256(key.getPublic().getEncoded());
    }

    ApiResponse create(byte[] request) throws IOException, GeneralSecurityException {
        Entry body;
        try {
            CreateEntryRequest.Builder parsed = CreateEntryRequest.newBuilder();
            JsonFormat.parser().merge(new String(request, StandardCharsets.UTF_8), parsed);
            CreateEntryRequest create = parsed.build();
            body = switch (create.getSpecCase()) {
                case HASHED_REKORD_REQUEST_V002 -> hashedRekord(create.getHashedRekordRequestV002());
                case DSSE_REQUEST_V002 -> dsse(create.getDsseRequestV002());
                default -> throw new BadRequestException("the request holds neither hashedRekordRequestV002 nor dsseRequestV002");
            };
        } catch (InvalidProtocolBufferException e) {
            return ApiResponse.error(400, "the request is not a CreateEntryRequest in protobuf JSON: " + e.getMessage());
        } catch (BadRequestException e) {
            return ApiResponse.error(400, e.getMessage());
        }
        byte[] canonical = new JsonCanonicalizer(JsonFormat.printer().print(body)).getEncodedUTF8();
        try {
            ProposalLimits.requireEntrySize(canonical);
        } catch (ProposalLimits.EntryTooLargeException e) {
            return ApiResponse.error(413, e.getMessage());
        }
        RekorLog.Appended appended = log.appendV2(canonical);
        InclusionProof.Builder proof = InclusionProof.newBuilder()
                .setLogIndex(appended.index())
                .setRootHash(ByteString.copyFrom(appended.rootHash()))
                .setTreeSize(appended.proof().treeSize())
                .setCheckpoint(Checkpoint.newBuilder().setEnvelope(appended.checkpoint()));
        appended.proof().hashes().forEach(h -> proof.addHashes(ByteString.copyFrom(h)));
        TransparencyLogEntry entry = TransparencyLogEntry.newBuilder()
                .setLogIndex(appended.index())
                .setLogId(LogId.newBuilder().setKeyId(ByteString.copyFrom(logId)))
                .setKindVersion(KindVersion.newBuilder().setKind(body.getKind()).setVersion(VERSION))
                .setInclusionProof(proof)
                .setCanonicalizedBody(ByteString.copyFrom(canonical))
                .build();
        return ApiResponse.json(201, JsonFormat.printer().print(entry));
    }

    ApiResponse checkpoint() throws GeneralSecurityException {
        return new ApiResponse(200, "text/plain; charset=utf-8", null, log.headV2().checkpoint().getBytes(StandardCharsets.UTF_8));
    }

    private static Entry hashedRekord(HashedRekordRequestV002 request) throws BadRequestException {
        byte[] digest = request.getDigest().toByteArray();
        if (digest.length != 32) {
            throw new BadRequestException("digest is not a SHA-256 digest");
        }
        PublicKey key = key(request.getSignature().getVerifier());
        EntrySignatures.requireDigestSignature(key, digest, request.getSignature().getContent().toByteArray());
        HashedRekordLogEntryV002 spec = HashedRekordLogEntryV002.newBuilder()
                .setData(HashOutput.newBuilder().setAlgorithm(HashAlgorithm.SHA2_256).setDigest(request.getDigest()))
                .setSignature(request.getSignature())
                .build();
        return Entry.newBuilder().setKind("hashedrekord").setApiVersion(VERSION)
                .setSpec(Spec.newBuilder().setHashedRekordV002(spec)).build();
    }

    private static Entry dsse(DSSERequestV002 request) throws BadRequestException {
        EnvelopeOuterClass.Envelope envelope = request.getEnvelope();
        if (envelope.getSignaturesCount() == 0 || request.getVerifiersCount() == 0) {
            throw new BadRequestException("a DSSE request needs a signed envelope and its verifiers");
        }
        ProposalLimits.count(envelope.getSignaturesCount(), ProposalLimits.MAX_SIGNATURES, "signatures");
        ProposalLimits.count(request.getVerifiersCount(), ProposalLimits.MAX_VERIFIERS, "verifiers");
        byte[] pae = Pae.encode(envelope.getPayloadType(), envelope.getPayload().toByteArray());
        DSSELogEntryV002.Builder spec = DSSELogEntryV002.newBuilder()
                .setPayloadHash(HashOutput.newBuilder().setAlgorithm(HashAlgorithm.SHA2_256)
                        .setDigest(ByteString.copyFrom(CtLog.sha256(envelope.getPayload().toByteArray()))));
        for (EnvelopeOuterClass.Signature signature : envelope.getSignaturesList()) {
            Verifier matched = null;
            for (Verifier verifier : request.getVerifiersList()) {
                try {
                    EntrySignatures.requireMessageSignature(key(verifier), pae, signature.getSig().toByteArray());
                    matched = verifier;
                    break;
                } catch (BadRequestException e) {
                    // try the next verifier
                }
            }
            if (matched == null) {
                throw new BadRequestException("a DSSE signature verifies with none of the request's verifiers");
            }
            spec.addSignatures(Signature.newBuilder().setContent(signature.getSig()).setVerifier(matched));
        }
        return Entry.newBuilder().setKind("dsse").setApiVersion(VERSION).setSpec(Spec.newBuilder().setDsseV002(spec)).build();
    }

    private static PublicKey key(Verifier verifier) throws BadRequestException {
        return switch (verifier.getVerifierCase()) {
            case X509_CERTIFICATE -> EntrySignatures.fromCertificateDer(verifier.getX509Certificate().getRawBytes().toByteArray());
            case PUBLIC_KEY -> EntrySignatures.fromSpkiDer(verifier.getPublicKey().getRawBytes().toByteArray());
            default -> throw new BadRequestException("the verifier holds neither a certificate nor a public key");
        };
    }
}
