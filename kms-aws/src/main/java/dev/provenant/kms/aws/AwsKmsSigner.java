package dev.provenant.kms.aws;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.signer.RemoteKeySigner;
import dev.provenant.signer.SigningException;
import java.security.PublicKey;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SignRequest;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** Signs digests with an asymmetric KMS key ({@code Sign} with {@code MessageType=DIGEST}); the key stays in KMS. */
final class AwsKmsSigner extends RemoteKeySigner {
    private final KmsClient kms;
    private final AwsKmsKeyRef ref;
    private final SigningAlgorithmSpec spec;

    AwsKmsSigner(KmsClient kms, AwsKmsKeyRef ref, PublicKey publicKey, SignatureAlgorithm algorithm, SigningAlgorithmSpec spec) {
        super(publicKey, algorithm);
        this.kms = kms;
        this.ref = ref;
        this.spec = spec;
    }

    @Override
    protected byte[] signWithService(Digest digest) throws SigningException {
        try {
            return kms.sign(SignRequest.builder().keyId(ref.keyId()).message(SdkBytes.fromByteArray(digest.value()))
                    .messageType(MessageType.DIGEST).signingAlgorithm(spec).build()).signature().asByteArray();
        } catch (SdkException e) {
            throw AwsKmsErrors.translate(ref, "Sign", e);
        }
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
