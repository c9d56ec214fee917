package dev.provenant.kms.aws;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SignerProvider;
import dev.provenant.signer.SigningException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.GetPublicKeyRequest;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Opens {@code awskms://} references with the AWS SDK's default credential and region chains
 * (environment, system properties, profiles, container and instance roles; {@code AWS_ENDPOINT_URL_KMS}
 * is honoured too). The key's public half and spec come from {@code GetPublicKey}; ECDSA keys on
 * P-256/P-384/P-521 and RSA keys signing with PKCS#1 v1.5 are usable.
 */
public final class AwsKmsSignerProvider implements SignerProvider {
    @Override
    public boolean supports(String keyRef) {
        return AwsKmsKeyRef.claims(keyRef);
    }

    @Override
    public Signer open(String keyRef, SecretSource secrets) throws SigningException {
        AwsKmsKeyRef ref = AwsKmsKeyRef.parse(keyRef);
        KmsClient kms;
        try {
            KmsClientBuilder builder = KmsClient.builder()
                    .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                            .socketTimeout(Duration.ofSeconds(30)).build())
                    .region(Region.of(ref.region().orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion().id())));
            if (!ref.endpoint().isEmpty()) {
                builder.endpointOverride(URI.create("https://" + ref.endpoint()));
            }
            kms = builder.build();
        } catch (SdkException e) {
            throw AwsKmsErrors.translate(ref, "client set-up", e);
        }
        try {
            GetPublicKeyResponse key = kms.getPublicKey(GetPublicKeyRequest.builder().keyId(ref.keyId()).build());
            if (key.keyUsage() != KeyUsageType.SIGN_VERIFY) {
                throw new KeyReferenceException(ref.display() + " is a " + key.keyUsageAsString() + " key, not a SIGN_VERIFY key");
            }
            SigningAlgorithmSpec spec = signingAlgorithm(key.keySpec());
            if (spec == null || !key.signingAlgorithms().contains(spec)) {
                throw new KeyReferenceException(ref.display() + " is a " + key.keySpecAsString() + " key; Provenant signs with"
                        + " ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521 and RSA_2048/3072/4096 (PKCS#1 v1.5) keys");
            }
            PublicKey publicKey = PemPublicKeys.fromDer(key.publicKey().asByteArray());
            SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(publicKey);
            return new AwsKmsSigner(kms, ref, publicKey, algorithm, spec);
        } catch (SdkException e) {
            kms.close();
            throw AwsKmsErrors.translate(ref, "GetPublicKey", e);
        } catch (FormatException | GeneralSecurityException e) {
            kms.close();
            throw new SigningException("AWS KMS answered an unusable public key for " + ref.display() + ": " + e.getMessage());
        } catch (SigningException | RuntimeException e) {
            kms.close();
            throw e;
        }
    }

    private static SigningAlgorithmSpec signingAlgorithm(KeySpec spec) {
        if (spec == null) {
            return null;
        }
        return switch (spec) {
            case ECC_NIST_P256 -> SigningAlgorithmSpec.ECDSA_SHA_256;
            case ECC_NIST_P384 -> SigningAlgorithmSpec.ECDSA_SHA_384;
            case ECC_NIST_P521 -> SigningAlgorithmSpec.ECDSA_SHA_512;
            case RSA_2048, RSA_3072, RSA_4096 -> SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256;
            default -> null;
        };
    }
}
