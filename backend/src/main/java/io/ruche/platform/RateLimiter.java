package io.ruche.platform;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * Fixed-window counters kept in the database, so every node behind a load balancer sees the same count.
 */
@Singleton
public class RateLimiter {

    private final DataSource dataSource;
    private final Clock clock;

    public RateLimiter(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Counts one hit on {@code bucket}; throws 429 problem once more than {@code max} fall in one window. */
    @Transactional(noRollbackFor = ProblemException.class)
    public void hit(String bucket, int max, Duration window) {
        long now = clock.millis() / 1000;
        long windowStart = now - now % window.toSeconds();
        String key = bucket.length() > 190 ? bucket.substring(0, 190) : bucket;
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO rate_limit_buckets (bucket, window_start, hits) VALUES (?, ?, 1) "
                            + "ON DUPLICATE KEY UPDATE hits = IF(window_start = VALUES(window_start), hits + 1, 1), "
                            + "window_start = VALUES(window_start)")) {
                upsert.setString(1, key);
                upsert.setLong(2, windowStart);
                upsert.executeUpdate();
            }
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT hits FROM rate_limit_buckets WHERE bucket = ?")) {
                read.setString(1, key);
                try (ResultSet rs = read.executeQuery()) {
                    if (rs.next() && rs.getInt(1) > max) {
                        throw Problems.tooManyRequests(windowStart + window.toSeconds() - now);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Rate limit check failed", e);
        }
    }
}
