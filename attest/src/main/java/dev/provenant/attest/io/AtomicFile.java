package dev.provenant.attest.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that readers see either the old content or the whole new content: the bytes go
 * to a temporary file beside the target, created with the final permissions, and are moved over it.
 * A failure leaves nothing behind.
 */
public final class AtomicFile {
    /** Owner read/write only, for private keys. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** Owner read/write, others read, for public material. */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFile() {}

    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        write(target, content, permissions, true);
    }

    /** @param replace whether an existing file may be replaced; when false an existing target is an error */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions, boolean replace)
            throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (!replace && Files.exists(absolute)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString(), null, "refusing to overwrite");
        }
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp", attributes(permissions));
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(content);
            }
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            move(temp, absolute, replace);
            temp = null;
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void move(Path temp, Path target, boolean replace) throws IOException {
        if (!replace) {
            // A hard link fails if the target appeared meanwhile, which a rename would silently replace.
            try {
                Files.createLink(target, temp);
                Files.delete(temp);
                return;
            } catch (UnsupportedOperationException e) {
                if (Files.exists(target)) {
                    throw new java.nio.file.FileAlreadyExistsException(target.toString());
                }
            }
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
        }
        return new FileAttribute<?>[0];
    }
}
