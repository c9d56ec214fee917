package dev.provenant.keyless;

import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityToken;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.IdentityTokenSource;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.sigstore.oidc.client.OidcException;
import dev.sigstore.oidc.client.OidcToken;
import dev.sigstore.oidc.client.WebOidcClient;
import dev.sigstore.trustroot.Service;
import java.util.List;
import java.util.Optional;

/**
 * The interactive sign-in: sigstore-java's OAuth 2.0 authorization-code flow with PKCE against the
 * OIDC provider the signing config names, answered in a browser on this machine.
 */
final class BrowserTokenSource implements IdentityTokenSource {
    private final KeylessConfig config;

    BrowserTokenSource(KeylessConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "browser sign-in";
    }

    @Override
    public Optional<String> unavailableBecause() {
        try {
            return provider().isPresent() ? Optional.empty() : Optional.of("the signing config names no OIDC provider");
        } catch (SigningException e) {
            return Optional.of(e.getMessage());
        }
    }

    private Optional<Service> provider() throws SigningException {
        return Service.select(SigstoreConfigs.read(config).signingConfig().getOidcProviders(), List.of(1));
    }

    @Override
    public IdentityToken fetch() throws IdentityTokenException {
        Service issuer;
        try {
            issuer = provider().orElseThrow(() -> new IdentityTokenException(name() + ": the signing config names no OIDC provider"));
        } catch (SigningException e) {
            throw new IdentityTokenException(name() + ": " + e.getMessage());
        }
        try {
            OidcToken token = WebOidcClient.builder().setIssuer(issuer).build().getIDToken(System.getenv());
            return IdentityToken.parse(token.getIdToken(), name() + " at " + issuer.getUrl());
        } catch (OidcException | RuntimeException e) {
            throw new IdentityTokenException(name() + " at " + issuer.getUrl() + " failed: " + Failures.describe(e), true, e);
        }
    }
}
