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
        long now = clock.millis() / 1000;
        long windowStart = now - now % window.toSeconds();
        String key = bucket.length() > 190 ? bucket.substring(0, 190) : bucket;
        // Assignments run left to right: hits is reset only when the stored window is an older one.
        sql.update("INSERT INTO rate_limit_buckets (bucket, window_start, hits) VALUES (?, ?, 1) "
                + "ON DUPLICATE KEY UPDATE hits = IF(window_start = VALUES(window_start), hits + 1, 1), "
                + "window_start = VALUES(window_start)", List.of(key, windowStart));
        int hits = sql.query("SELECT hits FROM rate_limit_buckets WHERE bucket = ?", List.of(key), rs -> rs.getInt(1))
                .stream().findFirst().orElse(0);
        if (hits > max) {
            throw Problems.tooManyRequests(windowStart + window.toSeconds() - now);
        }
    }
}
