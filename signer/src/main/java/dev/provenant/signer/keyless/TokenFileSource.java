package dev.provenant.signer.keyless;

import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An identity token read from a file a CI step or the user wrote; named in messages as the caller
 * configured it (a CLI option, a build parameter), never by its content.
 */
public final class TokenFileSource implements IdentityTokenSource {

    private final Path file;
    private final String name;

    /**
     * @param file the file holding the token
     * @param name how messages name it, for example {@code "--identity-token file /run/token"}
     */
    public TokenFileSource(Path file, String name) {
        this.file = file;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> unavailableBecause() {
        return Optional.empty();
    }

    @Override
    public IdentityToken fetch() throws IdentityTokenException {
        try {
            return IdentityToken.parse(BoundedFile.readString(file, InputLimit.TOKEN, StandardCharsets.UTF_8), name);
        } catch (InputTooLargeException e) {
            throw new IdentityTokenException(name + " is too large to hold an identity token");
        } catch (IOException e) {
            throw new IdentityTokenException("cannot read " + name + ": " + e.getClass().getSimpleName());
        }
    }
}
