package dev.provenant.keyless;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityToken;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.IdentityTokenSource;
import dev.provenant.signer.keyless.KeylessBundleSigning;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.provenant.signer.keyless.KeylessConfigException;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.trust.TrustedRoot;
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
 * <p>Which log: artifacts are signed through the signing config's Rekor v1 log when it names one (a v2
 * log otherwise). Statements go to its Rekor v2 log with an RFC 3161 timestamp when it names both (through
 * sigstore-java), and otherwise to its Rekor v1 log as a {@code dsse 0.0.1} entry ({@link RekorV1Attester}:
 * sigstore-java 2.0.0 logs envelopes only in Rekor v2), as the public-good instance's default config asks.
 */
public final class KeylessBundleSigner implements KeylessBundleSigning {
    /**
     * gRPC reports an unreachable Fulcio through java.util.logging, with a stack trace, before the
     * call fails with the same cause; the failure is reported once, as a one-line SigningException.
     * Held here because the logging framework keeps loggers only weakly.
     */
    private final Logger grpcLogger = Logger.getLogger("io.grpc");
    private final KeylessConfig config;
    private final SigstoreConfigs configs;
    private final IdentityTokenSource tokens;
    private IdentityToken token;
    private KeylessSigner messageSigner;
    private KeylessSigner envelopeSigner;

    public KeylessBundleSigner(KeylessConfig config, IdentityTokenSource tokens) throws SigningException {
        grpcLogger.setLevel(Level.OFF);
        this.config = config;
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
        var message = configs.signingConfigMessage();
        java.time.Instant now = java.time.Instant.now();
        List<dev.sigstore.proto.trustroot.v1.Service> logs = ServiceSelection.select(message.getRekorTlogUrlsList(),
                message.getRekorTlogConfig(), java.util.Set.of(1, 2), now, "Rekor log");
        boolean v2 = !logs.isEmpty() && logs.get(0).getMajorApiVersion() == 2;
        if (v2 && ServiceSelection.select(message.getTsaUrlsList(), message.getTsaConfig(), java.util.Set.of(1), now,
                "timestamp authority").isEmpty()) {
            // a Rekor v2 log gives no time of its own: without a timestamp authority, only a v1 log can record the envelope
            logs = ServiceSelection.select(message.getRekorTlogUrlsList(), message.getRekorTlogConfig(), java.util.Set.of(1), now,
                    "Rekor log");
            if (logs.isEmpty()) {
                throw new KeylessConfigException("the signing config (" + config.signingConfigSource() + ") names no Rekor log valid now"
                        + " that can be used without a timestamp authority (its Rekor v2 log needs one, and it names none)", null);
            }
            v2 = false;
        }
        if (logs.isEmpty()) {
            throw new KeylessConfigException("the signing config (" + config.signingConfigSource() + ") names no Rekor log valid now",
                    null);
        }
        if (!v2) {
            return attestThroughRekorV1(logs.stream().map(ServiceSelection::toSigstore).toList(), statement);
        }
        if (logs.size() > 1) {
            throw new KeylessConfigException("the signing config selects " + logs.size() + " Rekor v2 logs, and keyless attestation"
                    + " through Rekor v2 logs in one (sigstore-java 2.0.0); select one (ANY or EXACT 1)", null);
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

    /**
     * The Rekor v1 path (the public-good instance's default): sigstore-java 2.0.0 logs envelopes only in
     * Rekor v2, so the entry is proposed here, and the bundle is verified against the trusted root for
     * the token's own identity before it is handed back.
     */
    private Bundle attestThroughRekorV1(List<Service> rekors, Statement statement) throws SigningException, IdentityTokenException {
        if (token == null) {
            token = tokens.fetch();
        }
        Service fulcio = Service.select(configs.signingConfig().getCas(), List.of(1)).orElseThrow();
        Bundle bundle = new RekorV1Attester(fulcio, rekors).attest(token, statement);
        try {
            new BundleVerifier(TrustedRoot.parse(config.trustedRoot())).verify(bundle, subjectDigests(statement),
                    VerificationPolicy.ofIdentity(IdentityPolicy.exact(token.subject(), token.issuer()))
                            .withPredicateType(statement.predicateType()));
        } catch (VerificationException e) {
            throw new SigningException("the keyless attestation Rekor and Fulcio returned does not verify against the trusted root ("
                    + config.trustedRootSource() + "): " + e.check().label() + ": " + e.getMessage(), e);
        } catch (FormatException e) {
            throw new SigningException("the trusted root (" + config.trustedRootSource() + ") cannot be read: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new SigningException("cannot check the keyless attestation: " + e.getMessage(), e);
        }
        return bundle;
    }

    /** The statement's subjects as digests the verifier can match (each subject's SHA-2 digests). */
    private static List<Artifact> subjectDigests(Statement statement) {
        List<Artifact> digests = new java.util.ArrayList<>();
        for (ResourceDescriptor subject : statement.subject()) {
            for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
                subject.digestHex(algorithm.intotoName()).ifPresent(hex -> {
                    try {
                        digests.add(new Artifact.DigestArtifact(Digest.parse(algorithm.intotoName() + ":" + hex)));
                    } catch (IllegalArgumentException e) {
                        // not a digest this verifier matches; the others still are
                    }
                });
            }
        }
        return digests;
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
