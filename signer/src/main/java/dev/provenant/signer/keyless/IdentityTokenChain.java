package dev.provenant.signer.keyless;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tries token sources in order and takes the first token one of them gives. A source that applies
 * but fails (an endpoint error, a malformed token) does not end the search; when no source gives a
 * token, the exception lists every source tried and why it gave none.
 */
public final class IdentityTokenChain implements IdentityTokenSource {
    private final List<IdentityTokenSource> sources;

    public IdentityTokenChain(List<IdentityTokenSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public List<IdentityTokenSource> sources() {
        return sources;
    }

    @Override
    public String name() {
        List<String> names = new ArrayList<>();
        for (IdentityTokenSource s : sources) {
            names.add(s.name());
        }
        return String.join(", ", names);
    }

    @Override
    public Optional<String> unavailableBecause() {
        return Optional.empty();
    }

    @Override
    public IdentityToken fetch() throws IdentityTokenException {
        List<String> reasons = new ArrayList<>();
        IdentityTokenException firstFailure = null;
        for (IdentityTokenSource source : sources) {
            Optional<String> unavailable = source.unavailableBecause();
            if (unavailable.isPresent()) {
                reasons.add(source.name() + ": " + unavailable.get());
                continue;
            }
            try {
                return source.fetch();
            } catch (IdentityTokenException e) {
                reasons.add(e.getMessage());
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        boolean serviceFailed = firstFailure != null && firstFailure.serviceFailed();
        throw new IdentityTokenException("no OIDC identity token; tried " + String.join("; ", reasons), serviceFailed, firstFailure);
    }
}
