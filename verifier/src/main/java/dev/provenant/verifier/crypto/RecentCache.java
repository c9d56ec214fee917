package dev.provenant.verifier.crypto;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small thread-safe memo that keeps the most recently used entries. Verifiers hold one per instance
 * for work that depends only on trusted, immutable inputs (converted keys, parsed and checked CA
 * chains); the bound keeps a long-running process that sees many keys or roots from growing.
 */
public final class RecentCache<K, V> {
    private final Map<K, V> entries;

    public RecentCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The value for {@code key}, computed when absent. The computation runs outside the lock, so two
     * threads may both compute a value; it must depend only on the key, so either result is right.
     * A null result is returned and not remembered.
     */
    public V get(K key, Function<K, V> compute) {
        synchronized (entries) {
            V known = entries.get(key);
            if (known != null) {
                return known;
            }
        }
        V value = compute.apply(key);
        if (value != null) {
            synchronized (entries) {
                entries.putIfAbsent(key, value);
            }
        }
        return value;
    }
}
