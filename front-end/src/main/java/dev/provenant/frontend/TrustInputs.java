package dev.provenant.frontend;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.identity.GithubClaim;
import dev.provenant.verifier.identity.IdentityPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Who must have signed, as a front end's settings say it: a trusted public key, or a keyless identity
 * (exact or pattern identity and issuer, and optional GitHub workflow claims). Each field is null when
 * the setting was not given.
 *
 * @param key the trusted public key (PEM) file
 * @param githubClaims the GitHub workflow claims to pin; absent claims are not in the map
 */
public record TrustInputs(Path key, String identity, String identityRegexp, String issuer, String issuerRegexp,
        Map<GithubClaim, String> githubClaims) {
    public TrustInputs {
        Map<GithubClaim, String> claims = new EnumMap<>(GithubClaim.class);
        if (githubClaims != null) {
            githubClaims.forEach((claim, value) -> {
                if (value != null) {
                    claims.put(claim, value);
                }
            });
        }
        githubClaims = Collections.unmodifiableMap(claims);
    }

    /** The GitHub claims in the order of their settings: repository, ref, SHA, trigger, workflow name; nulls are left out. */
    public static Map<GithubClaim, String> githubClaims(String repository, String ref, String sha, String trigger, String name) {
        Map<GithubClaim, String> claims = new EnumMap<>(GithubClaim.class);
        claims.put(GithubClaim.REPOSITORY, repository);
        claims.put(GithubClaim.REF, ref);
        claims.put(GithubClaim.SHA, sha);
        claims.put(GithubClaim.TRIGGER, trigger);
        claims.put(GithubClaim.NAME, name);
        claims.values().removeIf(v -> v == null);
        return claims;
    }

    /** Whether any keyless setting was given. */
    public boolean keyless() {
        return identity != null || identityRegexp != null || issuer != null || issuerRegexp != null || !githubClaims.isEmpty();
    }

    /** Whether any trust setting was given at all. */
    public boolean given() {
        return key != null || keyless();
    }

    /**
     * The trusted key or identity; exactly one of the two ways must be given.
     *
     * @throws SetupException when both or neither are given, the key file does not hold a public key, or a
     *     pattern or claim is malformed; the message names the settings as {@code hints} spells them
     * @throws IOException when the key file cannot be read or is larger than a key can be
     */
    public SignerTrust signer(Hints hints) throws SetupException, IOException {
        if (key != null && keyless()) {
            throw new SetupException(hints.keyAndIdentity());
        }
        if (key != null) {
            try {
                return new SignerTrust.Key(PemPublicKeys.parse(BoundedFile.readString(key, InputLimit.KEY, StandardCharsets.US_ASCII)));
            } catch (FormatException e) {
                throw new SetupException(key + ": " + e.getMessage(), e);
            }
        }
        if (!keyless()) {
            throw new SetupException(hints.noSigner());
        }
        try {
            IdentityPolicy policy = IdentityPolicy.of(identity, identityRegexp, issuer, issuerRegexp);
            for (var claim : githubClaims.entrySet()) {
                policy = policy.withGithubClaim(claim.getKey(), claim.getValue());
            }
            return new SignerTrust.Identity(policy);
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage(), e);
        }
    }
}
