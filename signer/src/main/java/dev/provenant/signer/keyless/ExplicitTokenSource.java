package dev.provenant.signer.keyless;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The token the caller named with {@code --identity-token}: {@code @FILE} reads it from a file (the
 * safe form), anything else is the token itself. A literal token sits in the process list where other
 * users of the machine can read it, so {@link #isLiteral()} lets the caller warn about it.
 */
public final class ExplicitTokenSource implements IdentityTokenSource {
    private final String argument;

    public ExplicitTokenSource(String argument) {
        this.argument = argument;
    }

    /** Whether the token was given on the command line rather than as {@code @FILE}. */
    public boolean isLiteral() {
        return !argument.startsWith("@");
    }

    @Override
    public String name() {
        return isLiteral() ? "--identity-token" : "--identity-token file " + argument.substring(1);
    }

    @Override
    public Optional<String> unavailableBecause() {
        return Optional.empty();
    }

    @Override
    public IdentityToken fetch() throws IdentityTokenException {
        if (isLiteral()) {
            return IdentityToken.parse(argument, name());
        }
        return new TokenFileSource(Path.of(argument.substring(1)), name()).fetch();
    }
}
