package io.ruche.platform;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Fixed-window counters kept in the database, so every node behind a load balancer sees the same count.
 */
@Singleton
public class RateLimiter {

    private final Sql sql;
    private final Clock clock;

    public RateLimiter(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** Counts one hit on {@code bucket}; throws a 429 problem once more than {@code max} fall in one window. */
    @Transactional(noRollbackFor = ProblemException.class)
    public void hit(String bucket, int max, Duration window) {
        int hits = count(bucket, window);
        if (hits > max) {
            long now = clock.millis() / 1000;
            throw Problems.tooManyRequests(windowStart(now, window) + window.toSeconds() - now);
        }
    }

    /** Counts one hit on {@code bucket} (a failure, say) and returns the hits of the current window. */
    @Transactional
    public int count(String bucket, Duration window) {
        long now = clock.millis() / 1000;
        long windowStart = windowStart(now, window);
        String key = key(bucket);
        // Assignments run left to right: hits is reset only when the stored window is an older one.
        sql.update("INSERT INTO rate_limit_buckets (bucket, window_start, hits) VALUES (?, ?, 1) "
                + "ON DUPLICATE KEY UPDATE hits = IF(window_start = VALUES(window_start), hits + 1, 1), "
                + "window_start = VALUES(window_start)", List.of(key, windowStart));
        return sql.query("SELECT hits FROM rate_limit_buckets WHERE bucket = ?", List.of(key), rs -> rs.getInt(1))
                .stream().findFirst().orElse(0);
    }

    /** Refuses (429) once {@code max} hits were counted in the current window; counts nothing itself. */
    @Transactional(readOnly = true)
    public void requireUnder(String bucket, int max, Duration window) {
        long now = clock.millis() / 1000;
        long windowStart = windowStart(now, window);
        int hits = sql.query("SELECT hits FROM rate_limit_buckets WHERE bucket = ? AND window_start = ?",
                List.of(key(bucket), windowStart), rs -> rs.getInt(1)).stream().findFirst().orElse(0);
        if (hits >= max) {
            throw Problems.tooManyRequests(windowStart + window.toSeconds() - now);
        }
    }

    /** Drops every bucket whose key names {@code who} (an address or a login): an erased account leaves none. */
    @Transactional
    public void forget(String who) {
        if (who.isBlank()) {
            return;
        }
        String escaped = who.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_");
        sql.update("DELETE FROM rate_limit_buckets WHERE LOWER(bucket) LIKE ?", List.of("%" + escaped + "%"));
    }

    private static long windowStart(long nowSeconds, Duration window) {
        return nowSeconds - nowSeconds % window.toSeconds();
    }

    private static String key(String bucket) {
        return bucket.length() > 190 ? bucket.substring(0, 190) : bucket;
    }
}
