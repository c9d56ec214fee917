package dev.provenant.attest.digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Streams an artifact through one or more digests without holding it in memory. Regular files are
 * read through memory-mapped windows, which lets the JDK's SHA intrinsics run at the speed of
 * {@code openssl dgst}; the mapped pages live outside the Java heap, so a 1 GiB artifact hashes under
 * {@code -Xmx64m}. Anything else (pipes, stdin) is read through a small buffer.
 */
public final class ArtifactDigester {
    /** Size of one mapped window. Mapped pages are not heap; two windows are mapped at a time. */
    static final long WINDOW = 16L * 1024 * 1024;
    private static final int STREAM_BUFFER = 256 * 1024;

    /** Files above this size are not hashed ahead: their own hashing dwarfs what could overlap it. */
    static final long PREFETCH_LIMIT = 64L * 1024 * 1024;

    private final LongConsumer progress;
    /** Digests started ahead by {@link #prefetch}, by file. */
    private final Map<Path, FutureTask<Map<DigestAlgorithm, Digest>>> prefetched = new ConcurrentHashMap<>();

    /** @param progress told the number of bytes hashed so far after each window; may be a no-op */
    public ArtifactDigester(LongConsumer progress) {
        this.progress = progress == null ? n -> { } : progress;
    }

    public ArtifactDigester() {
        this(null);
    }

    public Digest digest(Path file, DigestAlgorithm algorithm) throws IOException {
        return digest(file, new DigestAlgorithm[] {algorithm}).get(algorithm);
    }

    /**
     * Starts hashing a regular file of up to 64 MiB on a background thread, so that a later
     * {@link #digest(Path, DigestAlgorithm...)} of it for these algorithms finds the work done, while the
     * caller parses and checks everything that does not need the digest; algorithms not started ahead
     * are computed then. Nothing changes what that call returns or throws: a prefetch that failed is
     * simply redone there. Progress, if any, is reported from the background thread. Anything else is left alone,
     * pipes above all, whose bytes must not be consumed ahead.
     */
    public void prefetch(Path file, DigestAlgorithm... algorithms) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > PREFETCH_LIMIT) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        FutureTask<Map<DigestAlgorithm, Digest>> task = new FutureTask<>(new Callable<>() {
            @Override
            public Map<DigestAlgorithm, Digest> call() throws IOException {
                return compute(file, algorithms);
            }
        });
        if (prefetched.putIfAbsent(file, task) == null) {
            Thread thread = new Thread(task, "provenant-digest-ahead");
            thread.setDaemon(true);
            thread.start();
        }
    }

    public Map<DigestAlgorithm, Digest> digest(Path file, DigestAlgorithm... algorithms) throws IOException {
        FutureTask<Map<DigestAlgorithm, Digest>> ahead = prefetched.get(file);
        if (ahead == null) {
            return compute(file, algorithms);
        }
        Map<DigestAlgorithm, Digest> all;
        try {
            all = ahead.get();
        } catch (ExecutionException e) {
            // hashed again below, so the failure surfaces exactly as it would have without the prefetch
            return compute(file, algorithms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while hashing");
        }
        Map<DigestAlgorithm, Digest> out = new EnumMap<>(DigestAlgorithm.class);
        List<DigestAlgorithm> missing = new ArrayList<>();
        for (DigestAlgorithm algorithm : algorithms) {
            Digest done = all.get(algorithm);
            if (done != null) {
                out.put(algorithm, done);
            } else {
                missing.add(algorithm);
            }
        }
        if (!missing.isEmpty()) {
            out.putAll(compute(file, missing.toArray(new DigestAlgorithm[0])));
        }
        return out;
    }

    private Map<DigestAlgorithm, Digest> compute(Path file, DigestAlgorithm... algorithms) throws IOException {
        Map<DigestAlgorithm, MessageDigest> running = start(algorithms);
        if (!Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                return digest(in, algorithms);
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= WINDOW) {
                update(running, channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
                progress.accept(size);
            } else {
                digestWindows(channel, size, running);
            }
        }
        return finish(running);
    }

    /**
     * Hashes window after window while a second thread maps and faults in the next one, so page faults
     * overlap hashing instead of stalling it.
     */
    private void digestWindows(FileChannel channel, long size, Map<DigestAlgorithm, MessageDigest> running)
            throws IOException {
        ExecutorService prefetcher = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "provenant-digest-prefetch");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<MappedByteBuffer> next = prefetch(prefetcher, channel, 0, size);
            for (long position = 0; next != null; position += WINDOW) {
                MappedByteBuffer window = await(next);
                long following = position + WINDOW;
                next = following < size ? prefetch(prefetcher, channel, following, size) : null;
                update(running, window);
                progress.accept(Math.min(following, size));
            }
        } finally {
            prefetcher.shutdownNow();
        }
    }

    private static Future<MappedByteBuffer> prefetch(ExecutorService prefetcher, FileChannel channel, long position, long size) {
        return prefetcher.submit(() -> {
            MappedByteBuffer window = channel.map(FileChannel.MapMode.READ_ONLY, position, Math.min(WINDOW, size - position));
            window.load();
            return window;
        });
    }

    private static MappedByteBuffer await(Future<MappedByteBuffer> window) throws IOException {
        try {
            return window.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot map the artifact: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while hashing");
        }
    }

    private static void update(Map<DigestAlgorithm, MessageDigest> running, MappedByteBuffer window) {
        for (MessageDigest md : running.values()) {
            md.update(window.duplicate());
        }
    }

    public Map<DigestAlgorithm, Digest> digest(InputStream in, DigestAlgorithm... algorithms) throws IOException {
        Map<DigestAlgorithm, MessageDigest> running = start(algorithms);
        byte[] buffer = new byte[STREAM_BUFFER];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            for (MessageDigest md : running.values()) {
                md.update(buffer, 0, n);
            }
            total += n;
            if ((total & (WINDOW - 1)) < n) {
                progress.accept(total);
            }
        }
        return finish(running);
    }

    private static Map<DigestAlgorithm, MessageDigest> start(DigestAlgorithm[] algorithms) {
        if (algorithms.length == 0) {
            throw new IllegalArgumentException("at least one digest algorithm is needed");
        }
        Map<DigestAlgorithm, MessageDigest> running = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm a : algorithms) {
            running.put(a, a.newMessageDigest());
        }
        return running;
    }

    private static Map<DigestAlgorithm, Digest> finish(Map<DigestAlgorithm, MessageDigest> running) {
        Map<DigestAlgorithm, Digest> out = new EnumMap<>(DigestAlgorithm.class);
        running.forEach((a, md) -> out.put(a, new Digest(a, md.digest())));
        return java.util.Collections.unmodifiableMap(out);
    }
}
