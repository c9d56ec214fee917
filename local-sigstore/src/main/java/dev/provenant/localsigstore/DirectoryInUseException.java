package dev.provenant.localsigstore;

import java.io.IOException;
import java.nio.file.Path;

/** Another stack holds the directory's lock: two stacks on one directory would sign different trees with one key. */
public final class DirectoryInUseException extends IOException {
    private final Path directory;

    DirectoryInUseException(Path directory, String holder) {
        super(directory + " is in use by another local-sigstore" + (holder.isEmpty() ? "" : " (" + holder + ")")
                + "; stop it or use another --dir");
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
