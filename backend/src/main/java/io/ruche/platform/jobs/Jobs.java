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
        enqueueAt(kind, payload, clock.instant());
    }

    /** A job in a lane named by the caller (event deliveries run in their subscriber's lane). */
    public void enqueue(String kind, String lane, String payload) {
        sql.update("INSERT INTO jobs (kind, lane, payload, run_at, created_at) VALUES (?, ?, ?, ?, ?)",
                List.of(kind, LANES.contains(lane) ? lane : "default", payload, clock.instant(), clock.instant()));
    }

    /** A job that should not run before {@code at} (a notification mail waits to see if it is read first). */
    public void enqueueAt(String kind, String payload, java.time.Instant at) {
        sql.update("INSERT INTO jobs (kind, lane, payload, run_at, created_at) VALUES (?, ?, ?, ?, ?)",
                List.of(kind, laneOf(kind), payload, at, clock.instant()));
    }

    /** Lanes that run side by side, each with its own worker: a hung search cluster cannot delay a mail. */
    public static final List<String> LANES = List.of("search", "mail", "notify", "live", "webhooks", "default");

    /** The lane of a kind: its prefix before the first dot when that is a lane, else {@code default}. */
    public static String laneOf(String kind) {
        int dot = kind.indexOf('.');
        String prefix = dot < 0 ? kind : kind.substring(0, dot);
        return LANES.contains(prefix) ? prefix : "default";
    }

    /** Puts jobs that gave up back in line, as new (an admin's retry). Returns how many. */
    public int retry(String kind, List<String> payloads) {
        if (payloads.isEmpty()) {
            return 0;
        }
        List<Object> params = new java.util.ArrayList<>();
        params.add(clock.instant());
        params.add(kind);
        params.addAll(payloads);
        return sql.update("UPDATE jobs SET failed_at = NULL, attempts = 0, run_at = ?, locked_until = NULL "
                + "WHERE kind = ? AND failed_at IS NOT NULL AND payload IN (" + Sql.placeholders(payloads.size())
                + ")", params);
    }

    /** What the queue holds, for the admin console. */
    @Serdeable
    public record Stats(long pending, long failing, long gaveUp, String oldestError) {
    }

    public Stats stats() {
        return sql.query("SELECT COUNT(*), COALESCE(SUM(attempts > 0 AND failed_at IS NULL), 0), "
                + "COALESCE(SUM(failed_at IS NOT NULL), 0), MAX(last_error) FROM jobs", List.of(),
                rs -> new Stats(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4))).get(0);
    }
}
