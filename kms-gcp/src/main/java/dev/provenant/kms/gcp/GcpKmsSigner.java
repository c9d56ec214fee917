package dev.provenant.kms.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.kms.v1.AsymmetricSignRequest;
import com.google.cloud.kms.v1.AsymmetricSignResponse;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.signer.RemoteKeySigner;
import dev.provenant.signer.SigningException;
import java.security.PublicKey;

/**
 * Signs digests with one Cloud KMS key version ({@code AsymmetricSign}); the key stays in KMS. The
 * digest's CRC32C goes with the request and the answer's checksums are checked, as Google asks of
 * clients, so a corrupted request or signature is caught here rather than by a verifier later.
 */
final class GcpKmsSigner extends RemoteKeySigner {
    private final KeyManagementServiceClient kms;
    private final GcpKmsKeyRef ref;

    GcpKmsSigner(KeyManagementServiceClient kms, GcpKmsKeyRef ref, PublicKey publicKey, SignatureAlgorithm algorithm) {
        super(publicKey, algorithm);
        this.kms = kms;
        this.ref = ref;
    }

    @Override
    protected byte[] signWithService(Digest digest) throws SigningException {
        ByteString value = ByteString.copyFrom(digest.value());
        var kmsDigest = com.google.cloud.kms.v1.Digest.newBuilder();
        switch (digest.algorithm().intotoName()) {
            case "sha256" -> kmsDigest.setSha256(value);
            case "sha384" -> kmsDigest.setSha384(value);
            case "sha512" -> kmsDigest.setSha512(value);
            default -> throw new SigningException("Cloud KMS cannot sign a " + digest.algorithm().intotoName() + " digest");
        }
        AsymmetricSignResponse response;
        try {
            response = kms.asymmetricSign(AsymmetricSignRequest.newBuilder().setName(ref.resourceName())
                    .setDigest(kmsDigest).setDigestCrc32C(Int64Value.of(Crc32c.of(digest.value()))).build());
        } catch (ApiException e) {
            throw GcpKmsErrors.translate(ref, "AsymmetricSign", e);
        }
        byte[] signature = response.getSignature().toByteArray();
        if (!response.getVerifiedDigestCrc32C()) {
            throw new SigningException("Cloud KMS did not confirm the digest's checksum for " + ref.display() + "; the request was corrupted");
        }
        if (!response.hasSignatureCrc32C() || response.getSignatureCrc32C().getValue() != Crc32c.of(signature)) {
            throw new SigningException("the signature Cloud KMS returned for " + ref.display() + " fails its checksum");
        }
        return signature;
    }

    @Override
    public String description() {
        return ref.display();
    }

    @Override
    public void close() {
        kms.close();
    }
}
