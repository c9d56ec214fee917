package dev.provenant.localsigstore;

import java.nio.file.Path;

/** Run in a child JVM by {@link StackDirectoryTest}: holds a directory's lock until its standard input closes. */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        try (DirectoryLock lock = DirectoryLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock
            }
        }
    }
}
