package io.ruche.widgets;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Rendered widgets kept in the node, per address (type, options, language): a busy brand homepage does not reach the
 * database per visit. Dropped when the shared content version moves (a change anywhere, seen within a second) and
 * after a minute at most (upcoming events turn into past ones by time alone).
 */
@Singleton
public class WidgetCache {

    /** A rendered widget and its entity tag. */
    public record Rendered(String html, String etag, Instant at) {
    }

    private static final Duration MAX_AGE = Duration.ofMinutes(1);

    private final WidgetVersion version;
    private final Clock clock;
    private final Map<String, Rendered> entries = new ConcurrentHashMap<>();
    private volatile long seen = Long.MIN_VALUE;

    public WidgetCache(WidgetVersion version, Clock clock) {
        this.version = version;
        this.clock = clock;
    }

    public Rendered get(String key, Supplier<String> render) {
        long now = version.current();
        if (now != seen) {
            entries.clear();
            seen = now;
        }
        Instant at = clock.instant();
        Rendered cached = entries.get(key);
        if (cached != null && Duration.between(cached.at(), at).compareTo(MAX_AGE) < 0) {
            return cached;
        }
        String html = render.get();
        Rendered fresh = new Rendered(html, etag(html), at);
        if (entries.size() > 2000) {
            entries.clear();
        }
        entries.put(key, fresh);
        return fresh;
    }

    static String etag(String html) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(html.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
