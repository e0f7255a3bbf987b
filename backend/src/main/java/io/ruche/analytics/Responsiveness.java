package io.ruche.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast the community answers: for the threads started in a period, the share answered within 24 hours and the
 * time to first response (median and p90, by anyone but the author and by staff). A thread still unanswered counts
 * as open: it is never left out, and a median that falls on open threads is "open", not a flattering number.
 */
@Singleton
public class Responsiveness {

    private final Sql sql;
    private final Clock clock;

    public Responsiveness(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** {@code null} minutes: the percentile falls on threads still open. */
    @Serdeable
    public record Figures(int threads, int answeredWithin24h, @Nullable Double responseRate, int open,
                          @Nullable Long medianMinutes, @Nullable Long p90Minutes, @Nullable Long medianStaffMinutes,
                          @Nullable Long p90StaffMinutes) {
    }

    @Serdeable
    public record Unanswered(long threadId, String title, String slug, long categoryId, Instant createdAt,
                             long waitingHours) {
    }

    @Transactional(readOnly = true)
    public Figures figures(LocalDate from, LocalDate to, ZoneId zone, boolean withStaff) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        record Row(Instant created, @Nullable Instant first, @Nullable Instant staff) {
        }
        List<Row> rows = sql.query("SELECT created_at, first_response_at, first_staff_response_at FROM analytics_threads "
                        + "WHERE created_at >= ? AND created_at < ?" + (withStaff ? "" : " AND NOT author_staff"),
                List.of(start, end), rs -> new Row(Sql.instant(rs, 1), Sql.instant(rs, 2), Sql.instant(rs, 3)));
        List<Long> anyone = new ArrayList<>();
        List<Long> staff = new ArrayList<>();
        int within = 0;
        for (Row r : rows) {
            if (r.first() != null) {
                long minutes = java.time.Duration.between(r.created(), r.first()).toMinutes();
                anyone.add(minutes);
                if (minutes <= 24 * 60) {
                    within++;
                }
            }
            if (r.staff() != null) {
                staff.add(java.time.Duration.between(r.created(), r.staff()).toMinutes());
            }
        }
        int n = rows.size();
        return new Figures(n, within, n == 0 ? null : within / (double) n, n - anyone.size(),
                percentile(anyone, n, 0.5), percentile(anyone, n, 0.9), percentile(staff, n, 0.5),
                percentile(staff, n, 0.9));
    }

    /**
     * The {@code p} percentile (nearest rank) of {@code total} threads of which {@code answered} got a response; the
     * others are open, ranked after every answered one. Null when the rank falls on an open thread (or none).
     */
    static @Nullable Long percentile(List<Long> answered, int total, double p) {
        if (total == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p * total); // 1-based nearest rank
        if (rank > answered.size()) {
            return null;
        }
        List<Long> sorted = answered.stream().sorted().toList();
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Threads nobody but their author answered yet, oldest first: a list to act on. */
    @Transactional(readOnly = true)
    public List<Unanswered> unanswered(int limit) {
        Instant now = clock.instant();
        return sql.query("SELECT a.thread_id, t.title, t.slug, a.category_id, a.created_at FROM analytics_threads a "
                        + "JOIN threads t ON t.id = a.thread_id WHERE a.first_response_at IS NULL AND NOT a.author_staff "
                        + "ORDER BY a.created_at LIMIT ?", List.of(Math.max(1, Math.min(limit, 100))),
                rs -> new Unanswered(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        Sql.instant(rs, 5), java.time.Duration.between(Sql.instant(rs, 5), now).toHours()));
    }
}
