package io.ruche.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Who and what stood out in a period (from the raw facts, within their retention): top contributors, the busiest
 * threads, where visitors came from, and the events' show-up rate.
 */
@Singleton
public class Highlights {

    private final Sql sql;
    private final ShortCache<List<Object>, Report> cache;

    public Highlights(Sql sql, java.time.Clock clock) {
        this.sql = sql;
        this.cache = new ShortCache<>(java.time.Duration.ofMinutes(5), clock);
    }

    @Serdeable
    public record Named(String name, @Nullable String link, long count) {
    }

    @Serdeable
    public record Report(List<Named> contributors, List<Named> threads, List<Named> referrers, long registrations,
                         long attendances, @Nullable Double showUpRate) {
    }

    public Report report(LocalDate from, LocalDate to, ZoneId zone, boolean withStaff) {
        return report(from, to, zone, withStaff, 0, 0);
    }

    /** In a category and for members of a group (0: all); sources and events do not split by category. */
    public Report report(LocalDate from, LocalDate to, ZoneId zone, boolean withStaff, long category, long group) {
        return cache.get(List.of(from, to, zone.getId(), withStaff, category, group),
                () -> compute(from, to, zone, withStaff, category, group));
    }

    @Transactional(readOnly = true)
    protected Report compute(LocalDate from, LocalDate to, ZoneId zone, boolean withStaff, long category, long group) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        String who = (withStaff ? "" : " AND NOT f.staff") + (group == 0 ? "" : " AND EXISTS (SELECT 1 FROM "
                + "group_memberships g WHERE g.group_id = " + group + " AND g.member_id = f.member_id)");
        String where = who + (category == 0 ? "" : " AND f.category_id = " + category);
        List<Object> range = List.of(start, end);
        List<Named> contributors = sql.query("SELECT m.username, m.display_name, COUNT(*) FROM analytics_facts f "
                        + "JOIN members m ON m.id = f.member_id WHERE f.kind IN ('THREAD', 'REPLY') AND f.at >= ? AND f.at < ?"
                        + where + " GROUP BY m.id, m.username, m.display_name ORDER BY COUNT(*) DESC, m.id LIMIT 10", range,
                rs -> new Named(rs.getString(2), "/u/" + rs.getString(1), rs.getLong(3)));
        List<Named> threads = sql.query("SELECT t.id, t.slug, t.title, COUNT(*) FROM analytics_facts f "
                        + "JOIN threads t ON t.id = f.thread_id WHERE f.kind = 'REPLY' AND f.at >= ? AND f.at < ?" + where
                        + " GROUP BY t.id, t.slug, t.title ORDER BY COUNT(*) DESC, t.id LIMIT 10", range,
                rs -> new Named(rs.getString(3), "/t/" + rs.getLong(1) + "/" + rs.getString(2), rs.getLong(4)));
        // Traffic sources read their daily rollup (days in the site's zone).
        List<Named> referrers = sql.query("SELECT host, SUM(views) FROM analytics_referrers WHERE with_staff = ? "
                        + "AND day BETWEEN ? AND ? GROUP BY host ORDER BY SUM(views) DESC, host LIMIT 10",
                List.of(withStaff, from, to), rs -> new Named(rs.getString(1), null, rs.getLong(2)));
        long[] events = sql.query("SELECT SUM(f.kind = 'EVENT_REGISTRATION'), SUM(f.kind = 'EVENT_ATTENDANCE') "
                        + "FROM analytics_facts f WHERE f.kind IN ('EVENT_REGISTRATION', 'EVENT_ATTENDANCE') AND f.at >= ? "
                        + "AND f.at < ?" + who, range, rs -> new long[] {rs.getLong(1), rs.getLong(2)}).get(0);
        return new Report(contributors, threads, referrers, events[0], events[1],
                events[0] == 0 ? null : Math.min(1.0, events[1] / (double) events[0]));
    }
}
