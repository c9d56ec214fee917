package dev.provenant.signer.keyless;

import java.util.Map;
import java.util.Optional;

/**
 * Lets an interactive source (the browser flow) run only where someone can answer it: a terminal is
 * attached and {@code CI} is not set. A pipeline without a token then fails at once with the list of
 * sources tried, instead of waiting for a browser nobody will open.
 */
public final class InteractiveOnly implements IdentityTokenSource {
    private final IdentityTokenSource delegate;
    private final Map<String, String> env;
    private final boolean terminalAttached;

    public InteractiveOnly(IdentityTokenSource delegate, Map<String, String> env, boolean terminalAttached) {
        this.delegate = delegate;
        this.env = env;
        this.terminalAttached = terminalAttached;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Optional<String> unavailableBecause() {
        String ci = env.get("CI");
        if (ci != null && !ci.isEmpty()) {
            return Optional.of("CI is set (no one to answer a browser prompt)");
        }
        if (!terminalAttached) {
            return Optional.of("no terminal attached");
        }
        return delegate.unavailableBecause();
    }

    @Override
    public IdentityToken fetch() throws IdentityTokenException {
        return delegate.fetch();
    }
}
