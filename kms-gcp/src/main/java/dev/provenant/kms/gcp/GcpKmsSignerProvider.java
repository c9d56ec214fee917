package dev.provenant.kms.gcp;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ApiException;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SignerProvider;
import dev.provenant.signer.SigningException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Opens {@code gcpkms://} references with Google's Cloud KMS client over its HTTP/JSON transport and
 * Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, gcloud's login, the
 * metadata server). {@code PROVENANT_GCPKMS_ENDPOINT} points the client at another endpoint (a
 * private one, or a test double). EC P-256/P-384 keys and RSA PKCS#1 v1.5 SHA-256 keys are usable.
 */
public final class GcpKmsSignerProvider implements SignerProvider {
    static final String ENDPOINT_VARIABLE = "PROVENANT_GCPKMS_ENDPOINT";
    private static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloudkms");

    /**
     * In a holder of its own, so that instantiating the provider (ServiceLoader does it for every key
     * reference, whatever its scheme) touches none of Google's generated classes.
     */
    private static final class Algorithms {
        static final Map<CryptoKeyVersionAlgorithm, SignatureAlgorithm> BY_KMS_NAME = Map.of(
                CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256, SignatureAlgorithm.ECDSA_P256_SHA256,
                CryptoKeyVersionAlgorithm.EC_SIGN_P384_SHA384, SignatureAlgorithm.ECDSA_P384_SHA384,
                CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_2048_SHA256, SignatureAlgorithm.RSA_PKCS1V15_2048_SHA256,
                CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_3072_SHA256, SignatureAlgorithm.RSA_PKCS1V15_3072_SHA256,
                CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256, SignatureAlgorithm.RSA_PKCS1V15_4096_SHA256);

        private Algorithms() {}
    }

    @Override
    public boolean supports(String keyRef) {
        return GcpKmsKeyRef.claims(keyRef);
    }

    @Override
    public Signer open(String keyRef, SecretSource secrets) throws SigningException {
        GcpKmsKeyRef ref = GcpKmsKeyRef.parse(keyRef);
        Map<String, String> env = secrets.env() == null ? Map.of() : secrets.env();
        KeyManagementServiceClient kms = client(env);
        try {
            com.google.cloud.kms.v1.PublicKey key = kms.getPublicKey(ref.resourceName());
            SignatureAlgorithm algorithm = Algorithms.BY_KMS_NAME.get(key.getAlgorithm());
            if (algorithm == null) {
                throw new KeyReferenceException(ref.display() + " is a " + key.getAlgorithm() + " key; Provenant signs with"
                        + " EC_SIGN_P256_SHA256, EC_SIGN_P384_SHA384 and RSA_SIGN_PKCS1_*_SHA256 keys");
            }
            if (key.hasPemCrc32C() && key.getPemCrc32C().getValue() != Crc32c.of(key.getPem().getBytes(StandardCharsets.UTF_8))) {
                throw new SigningException("the public key Cloud KMS returned for " + ref.display() + " fails its checksum");
            }
            PublicKey publicKey = PemPublicKeys.parse(key.getPem());
            if (SignatureAlgorithm.forKey(publicKey) != algorithm) {
                throw new SigningException("Cloud KMS describes " + ref.display() + " as " + key.getAlgorithm()
                        + " but its public key is " + SignatureAlgorithm.forKey(publicKey).sigstoreName());
            }
            return new GcpKmsSigner(kms, ref, publicKey, algorithm);
        } catch (ApiException e) {
            kms.close();
            throw GcpKmsErrors.translate(ref, "GetPublicKey", e);
        } catch (FormatException | GeneralSecurityException e) {
            kms.close();
            throw new SigningException("Cloud KMS answered an unusable public key for " + ref.display() + ": " + e.getMessage());
        } catch (SigningException | RuntimeException e) {
            kms.close();
            throw e;
        }
    }

    private static KeyManagementServiceClient client(Map<String, String> env) throws SigningException {
        GoogleCredentials credentials = credentials(env);
        try {
            KeyManagementServiceSettings.Builder settings = KeyManagementServiceSettings.newHttpJsonBuilder()
                    .setCredentialsProvider(FixedCredentialsProvider.create(credentials));
            String endpoint = env.get(ENDPOINT_VARIABLE);
            if (endpoint != null && !endpoint.isBlank()) {
                settings.setEndpoint(endpoint.strip());
            }
            // a few quick retries, not the default minute of them: a pipeline step should fail fast and say why
            RetrySettings retries = RetrySettings.newBuilder().setMaxAttempts(3)
                    .setInitialRetryDelayDuration(Duration.ofMillis(200)).setMaxRetryDelayDuration(Duration.ofSeconds(2))
                    .setRetryDelayMultiplier(2.0).setInitialRpcTimeoutDuration(Duration.ofSeconds(30))
                    .setMaxRpcTimeoutDuration(Duration.ofSeconds(30)).setRpcTimeoutMultiplier(1.0)
                    .setTotalTimeoutDuration(Duration.ofSeconds(60)).build();
            settings.getPublicKeySettings().setRetrySettings(retries);
            settings.asymmetricSignSettings().setRetrySettings(retries);
            return KeyManagementServiceClient.create(settings.build());
        } catch (IOException e) {
            throw new SigningException("cannot set up the Cloud KMS client: " + GcpKmsErrors.rootMessage(e));
        }
    }

    /** Application Default Credentials, read from GOOGLE_APPLICATION_CREDENTIALS in the given environment first. */
    private static GoogleCredentials credentials(Map<String, String> env) throws SigningException {
        String file = env.get("GOOGLE_APPLICATION_CREDENTIALS");
        try {
            GoogleCredentials credentials;
            if (file != null && !file.isBlank()) {
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    credentials = GoogleCredentials.fromStream(in);
                }
            } else {
                credentials = GoogleCredentials.getApplicationDefault();
            }
            return credentials.createScopedRequired() ? credentials.createScoped(SCOPES) : credentials;
        } catch (IOException e) {
            if (file != null && !file.isBlank()) {
                throw new KeyReferenceException("cannot read Google credentials from GOOGLE_APPLICATION_CREDENTIALS (" + file + "): "
                        + GcpKmsErrors.rootMessage(e));
            }
            throw new SigningException("no Google credentials: set GOOGLE_APPLICATION_CREDENTIALS or run gcloud auth"
                    + " application-default login (" + GcpKmsErrors.rootMessage(e) + ")");
        }
    }
}
