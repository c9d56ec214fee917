package dev.provenant.signer.keyless;

import java.util.Map;
import java.util.Optional;

/**
 * {@code SIGSTORE_ID_TOKEN}: how GitLab CI ({@code id_tokens:} with {@code aud: sigstore}), Buildkite,
 * CircleCI and other systems hand a job its identity token.
 */
public final class EnvironmentTokenSource implements IdentityTokenSource {
    public static final String VARIABLE = "SIGSTORE_ID_TOKEN";

    private final Map<String, String> env;

    public EnvironmentTokenSource(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return VARIABLE;
    }

    @Override
    public Optional<String> unavailableBecause() {
        String value = env.get(VARIABLE);
        return value == null || value.isBlank() ? Optional.of(VARIABLE + " is not set") : Optional.empty();
    }

    @Override
    public IdentityToken fetch() throws IdentityTokenException {
        return IdentityToken.parse(env.get(VARIABLE), VARIABLE);
    }
}
