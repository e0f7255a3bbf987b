package io.ruche.platform.jobs;

import io.micronaut.serde.annotation.Serdeable;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * The durable queue. {@link #enqueue} writes a row in the caller's transaction, so the follow-up work commits (or
 * rolls back) with the change that asked for it, and nothing is lost if a node or a remote service is down.
 */
@Singleton
public class Jobs {

    private final Sql sql;
    private final Clock clock;

    public Jobs(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public void enqueue(String kind, String payload) {
        sql.update("INSERT INTO jobs (kind, payload, run_at, created_at) VALUES (?, ?, ?, ?)",
                List.of(kind, payload, clock.instant(), clock.instant()));
    }

    /** What the queue holds, for the admin console. */
    @Serdeable
    public record Stats(long pending, long failing, String oldestError) {
    }

    public Stats stats() {
        return sql.query("SELECT COUNT(*), SUM(attempts > 0), MAX(last_error) FROM jobs", List.of(),
                rs -> new Stats(rs.getLong(1), rs.getLong(2), rs.getString(3))).get(0);
    }
}
