package dev.provenant.keyless;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityToken;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.IdentityTokenSource;
import dev.provenant.signer.keyless.KeylessBundleSigning;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.provenant.signer.keyless.KeylessConfigException;
import dev.sigstore.AlgorithmRegistry;
import dev.sigstore.KeylessSigner;
import dev.sigstore.trustroot.ImmutableSigstoreSigningConfig;
import dev.sigstore.trustroot.SigstoreSigningConfig;
import dev.sigstore.KeylessSignerException;
import dev.sigstore.json.JsonParseException;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.TokenStringOidcClient;
import dev.sigstore.trustroot.Service;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keyless signing through sigstore-java's {@link KeylessSigner}: an ephemeral ECDSA P-256 key, a
 * Fulcio certificate for the identity token's subject, and a transparency-log entry, checked against
 * the trusted root before the bundle is handed back.
 *
 * <p>Which log: sigstore-java 2.0.0 signs message signatures into a Rekor v1 log and DSSE envelopes
 * only into a Rekor v2 log with an RFC 3161 timestamp. Artifacts are therefore signed through the
 * signing config's v1 log when it names one (a v2 log otherwise), statements through its v2 log and
 * TSA; a config without them cannot attest, and says so.
 */
public final class KeylessBundleSigner implements KeylessBundleSigning {
    /**
     * gRPC reports an unreachable Fulcio through java.util.logging, with a stack trace, before the
     * call fails with the same cause; the failure is reported once, as a one-line SigningException.
     * Held here because the logging framework keeps loggers only weakly.
     */
    private final Logger grpcLogger = Logger.getLogger("io.grpc");
    private final SigstoreConfigs configs;
    private final IdentityTokenSource tokens;
    private IdentityToken token;
    private KeylessSigner messageSigner;
    private KeylessSigner envelopeSigner;

    public KeylessBundleSigner(KeylessConfig config, IdentityTokenSource tokens) throws SigningException {
        grpcLogger.setLevel(Level.OFF);
        this.configs = SigstoreConfigs.read(config);
        this.tokens = tokens;
        if (Service.select(configs.signingConfig().getCas(), List.of(1)).isEmpty()) {
            throw new KeylessConfigException("the signing config (" + config.signingConfigSource() + ") names no Fulcio CA valid now", null);
        }
    }

    @Override
    public Optional<IdentityToken> identity() {
        return Optional.ofNullable(token);
    }

    @Override
    public Bundle signDigest(Digest sha256) throws SigningException, IdentityTokenException {
        if (sha256.algorithm() != DigestAlgorithm.SHA256) {
            throw new SigningException("keyless signing signs SHA-256 digests, not " + sha256.algorithm());
        }
        if (messageSigner == null) {
            boolean v1 = Service.select(configs.signingConfig().getTLogs(), List.of(1)).isPresent();
            messageSigner = build(!v1);
        }
        try {
            return toProvenant(messageSigner.sign(sha256.value()));
        } catch (KeylessSignerException | RuntimeException e) {
            throw new SigningException("keyless signing failed: " + Failures.describe(e), e);
        }
    }

    @Override
    public Bundle attest(Statement statement) throws SigningException, IdentityTokenException {
        byte[] payload = statement.toJson();
        Bundle.requireSignablePayload(payload.length);
        if (Service.select(configs.signingConfig().getTLogs(), List.of(2)).isEmpty()
                || Service.select(configs.signingConfig().getTsas(), List.of(1)).isEmpty()) {
            throw new KeylessConfigException("keyless attestation needs a Rekor v2 log and a timestamp authority in the signing config,"
                    + " and this one has " + (Service.select(configs.signingConfig().getTLogs(), List.of(2)).isEmpty()
                            ? "no Rekor v2 log" : "no timestamp authority")
                    + " (sigstore-java 2.0.0 logs DSSE envelopes only in Rekor v2)", null);
        }
        if (envelopeSigner == null) {
            envelopeSigner = build(true);
        }
        try {
            return toProvenant(envelopeSigner.attest(new String(payload, StandardCharsets.UTF_8)));
        } catch (KeylessSignerException | RuntimeException e) {
            throw new SigningException("keyless attestation failed: " + Failures.describe(e), e);
        }
    }

    private KeylessSigner build(boolean rekorV2) throws SigningException, IdentityTokenException {
        if (token == null) {
            token = tokens.fetch();
        }
        String jwt = token.value();
        // Through Rekor v1 sigstore-java 2.0.0 asks no timestamp authority (only its Rekor v2 path does),
        // but it builds a TSA client and verifier whenever the config names one: an HTTP transport with
        // its own TLS context, a tenth of a one-shot signing run's CPU. So the v1 signer gets no TSAs.
        SigstoreSigningConfig signingConfig = rekorV2 ? configs.signingConfig()
                : ImmutableSigstoreSigningConfig.copyOf(configs.signingConfig()).withTsas(List.of());
        try {
            return KeylessSigner.builder()
                    .trustedRootProvider(configs::trustedRoot)
                    .signingConfigProvider(() -> signingConfig)
                    .enableRekorV2(rekorV2)
                    .forceCredentialProviders(OidcClients.of(TokenStringOidcClient.from(jwt)))
                    .signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
                    .build();
        } catch (SigstoreConfigurationException e) {
            throw new KeylessConfigException("the signing config cannot be used: " + Failures.describe(e), e);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new SigningException("cannot set up keyless signing: " + Failures.describe(e), e);
        }
    }

    private static Bundle toProvenant(dev.sigstore.bundle.Bundle bundle) throws SigningException {
        try {
            return BundleRecords.of(bundle);
        } catch (GeneralSecurityException | JsonParseException | RuntimeException e) {
            throw new SigningException("the keyless bundle cannot be read as a Sigstore bundle: " + Failures.describe(e), e);
        }
    }

    @Override
    public void close() {
        if (messageSigner != null) {
            messageSigner.close();
        }
        if (envelopeSigner != null) {
            envelopeSigner.close();
        }
    }
}
