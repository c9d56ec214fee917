package dev.provenant.signer.keyless;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The order in which keyless signing looks for an identity token. */
public final class IdentityTokenSources {
    private IdentityTokenSources() {}

    /**
     * An explicit token ({@code --identity-token}) is the only source when given: a named token that
     * cannot be read is an error, not a reason to open a browser. Otherwise: GitHub Actions, then
     * {@code SIGSTORE_ID_TOKEN}, then the interactive flow when a terminal is attached and {@code CI}
     * is not set.
     *
     * @param explicit the {@code --identity-token} argument, or null
     * @param env the environment (the process's, or a test's)
     * @param interactive the browser flow, or null where there is none
     * @param terminalAttached whether someone can answer a prompt
     */
    public static IdentityTokenChain standard(String explicit, Map<String, String> env, IdentityTokenSource interactive,
            boolean terminalAttached) {
        if (explicit != null) {
            return new IdentityTokenChain(List.of(new ExplicitTokenSource(explicit)));
        }
        List<IdentityTokenSource> sources = new ArrayList<>();
        sources.add(new GitHubActionsTokenSource(env));
        sources.add(new EnvironmentTokenSource(env));
        if (interactive != null) {
            sources.add(new InteractiveOnly(interactive, env, terminalAttached));
        }
        return new IdentityTokenChain(sources);
    }

    /** A source that always gives this token, for a token fetched earlier. */
    public static IdentityTokenSource fixed(IdentityToken token) {
        return new IdentityTokenSource() {
            @Override
            public String name() {
                return token.source();
            }

            @Override
            public Optional<String> unavailableBecause() {
                return Optional.empty();
            }

            @Override
            public IdentityToken fetch() {
                return token;
            }
        };
    }
}
