package dev.provenant.kms.aws;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import java.security.PublicKey;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SignRequest;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** Signs digests with an asymmetric KMS key ({@code Sign} with {@code MessageType=DIGEST}); the key stays in KMS. */
final class AwsKmsSigner implements Signer {
    private final KmsClient kms;
    private final AwsKmsKeyRef ref;
    private final PublicKey publicKey;
    private final SignatureAlgorithm algorithm;
    private final SigningAlgorithmSpec spec;

    AwsKmsSigner(KmsClient kms, AwsKmsKeyRef ref, PublicKey publicKey, SignatureAlgorithm algorithm, SigningAlgorithmSpec spec) {
        this.kms = kms;
        this.ref = ref;
        this.publicKey = publicKey;
        this.algorithm = algorithm;
        this.spec = spec;
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] signDigest(Digest digest) throws SigningException {
        if (algorithm.hash().orElse(null) != digest.algorithm()) {
            throw new SigningException(description() + " signs " + algorithm.hash().map(h -> h.intotoName()).orElse("whole messages")
                    + " digests, not " + digest.algorithm().intotoName());
        }
        try {
            byte[] signature = kms.sign(SignRequest.builder().keyId(ref.keyId()).message(SdkBytes.fromByteArray(digest.value()))
                    .messageType(MessageType.DIGEST).signingAlgorithm(spec).build()).signature().asByteArray();
            return algorithm.normaliseEcdsaSignature(signature);
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
