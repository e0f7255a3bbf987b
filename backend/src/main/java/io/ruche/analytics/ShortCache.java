package io.ruche.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reports that rank raw facts (top contributors, busiest threads, searches, contributors at risk) are kept a few
 * minutes per set of arguments — the rollups they sit beside are refreshed every five minutes anyway — and computed
 * once when many staff ask at the same moment (the others wait for that answer instead of scanning too).
 */
final class ShortCache<K, V> {

    private record Entry<V>(Instant at, V value) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Map<K, Object> locks = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    ShortCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    V get(K key, Supplier<V> compute) {
        Entry<V> entry = entries.get(key);
        if (fresh(entry)) {
            return entry.value();
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            entry = entries.get(key);
            if (fresh(entry)) {
                return entry.value();
            }
            V value = compute.get();
            if (entries.size() > 500) {
                entries.entrySet().removeIf(e -> !fresh(e.getValue()));
                locks.keySet().retainAll(entries.keySet());
            }
            entries.put(key, new Entry<>(clock.instant(), value));
            return value;
        }
    }

    private boolean fresh(Entry<V> entry) {
        return entry != null && Duration.between(entry.at(), clock.instant()).abs().compareTo(ttl) < 0;
    }
}
