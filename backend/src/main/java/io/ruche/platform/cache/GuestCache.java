package io.ruche.platform.cache;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * What guests read, kept in this node as ready bytes: the plain body, its gzip variant and its entity tag, keyed by
 * URL (and language for pages). Only answers a guest may see go in, so a member's state or a private category never
 * does. Entries carry tags ("thread:12", "lists"): a change drops the tagged entries on every node (the pages
 * feature hears the domain events and tells the nodes through the live feed); a time limit bounds what an unheard
 * change could leave. Bounded in bytes, least recently used out first. Filling one key happens once at a time: a
 * rush on a cold page builds it once.
 */
@Singleton
public class GuestCache {

    /** One cached answer. {@code etag} is quoted, ready for the header. */
    public record Entry(byte[] plain, byte[] gzip, String etag, String contentType, long createdAt, Set<String> tags) {
        int weight() {
            return plain.length + gzip.length + 256;
        }
    }

    private final Clock clock;
    private final long maxAgeMillis;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<String, Object> filling = new ConcurrentHashMap<>();
    private long bytes;
    /** Raised by every invalidation: an entry built from data read before it is not kept. */
    private volatile long generation;

    public GuestCache(Clock clock, @Value("${ruche.guest-cache.max-age:5m}") Duration maxAge,
                      @Value("${ruche.guest-cache.max-megabytes:128}") long maxMegabytes) {
        this.clock = clock;
        this.maxAgeMillis = maxAge.toMillis();
        this.maxBytes = maxMegabytes * 1024 * 1024;
    }

    /** The entry for {@code key}, built by {@code build} (body, content type, tags) when missing or too old. */
    public Entry get(String key, Supplier<Built> build) {
        Entry found = fresh(key);
        if (found != null) {
            return found;
        }
        Object lock = filling.computeIfAbsent(key, k -> new Object());
        synchronized (lock) {
            try {
                found = fresh(key);
                if (found != null) {
                    return found;
                }
                long before = generation;
                Built built = build.get();
                Entry entry = entry(built);
                if (built.cacheable() && generation == before) {
                    put(key, entry);
                }
                return entry;
            } finally {
                filling.remove(key, lock);
            }
        }
    }

    /** The entry for {@code key} if this node holds a fresh one, without building it. */
    public Entry peek(String key) {
        return fresh(key);
    }

    /** What a builder hands back: the body, its type, its tags, and whether a guest may be served it again. */
    public record Built(byte[] body, String contentType, Set<String> tags, boolean cacheable) {
        public static Built of(String body, String contentType, Set<String> tags) {
            return new Built(body.getBytes(StandardCharsets.UTF_8), contentType, tags, true);
        }
    }

    private synchronized Entry fresh(String key) {
        Entry entry = entries.get(key);
        if (entry != null && clock.millis() - entry.createdAt() > maxAgeMillis) {
            remove(key);
            return null;
        }
        return entry;
    }

    private synchronized void put(String key, Entry entry) {
        remove(key);
        entries.put(key, entry);
        bytes += entry.weight();
        Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            Map.Entry<String, Entry> e = oldest.next();
            bytes -= e.getValue().weight();
            oldest.remove();
        }
    }

    private void remove(String key) {
        Entry gone = entries.remove(key);
        if (gone != null) {
            bytes -= gone.weight();
        }
    }

    /** Drops every entry carrying one of {@code tags} (in this node). */
    public synchronized void invalidate(Collection<String> tags) {
        generation++;
        entries.entrySet().removeIf(e -> {
            boolean hit = e.getValue().tags().stream().anyMatch(tags::contains);
            if (hit) {
                bytes -= e.getValue().weight();
            }
            return hit;
        });
    }

    public synchronized void clear() {
        generation++;
        entries.clear();
        bytes = 0;
    }

    public synchronized int size() {
        return entries.size();
    }

    private Entry entry(Built built) {
        return new Entry(built.body(), gzip(built.body()), etag(built.body()), built.contentType(), clock.millis(),
                Set.copyOf(built.tags()));
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
