package dev.provenant.attest.io;

import java.io.IOException;

/**
 * An input file holds more than its {@link InputLimit} allows. It is an {@link IOException}: the file
 * cannot be read as what it claims to be, whatever it holds.
 */
public final class InputTooLargeException extends IOException {
    private final String file;

    public InputTooLargeException(String file, String what, String cap) {
        super(what + " " + file + " is larger than the " + cap + " a " + what + " may have");
        this.file = file;
    }

    /** The file as it was named. */
    public String file() {
        return file;
    }
}
