package io.ruche.analytics;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who stays: retention cohorts (members by month of sign-up, the share active in each month since, from the
 * monthly rollups) and contributors at risk (among the most active quarter of the last 90 days, silent for 14 to 60
 * days), a list the community manager can act on.
 */
@Singleton
public class Retention {

    private static final String ACTIVITY = "'THREAD', 'REPLY', 'REACTION', 'ACCEPTED', 'EVENT_ATTENDANCE'";

    private final Sql sql;
    private final Clock clock;

    public Retention(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
        this.cache = new ShortCache<>(Duration.ofMinutes(5), clock);
    }

    @Serdeable
    public record Cell(String month, int active, double share) {
    }

    @Serdeable
    public record Cohort(String cohortMonth, int size, List<Cell> months) {
    }

    @Transactional(readOnly = true)
    public List<Cohort> cohorts(String fromMonth, boolean withStaff) {
        record Row(String cohort, String month, int size, int active) {
        }
        Map<String, List<Row>> byCohort = new LinkedHashMap<>();
        sql.query("SELECT cohort_month, month, size, active FROM analytics_cohorts WHERE cohort_month >= ? "
                        + "AND with_staff = ? ORDER BY cohort_month, month", List.of(fromMonth, withStaff),
                rs -> byCohort.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4))));
        List<Cohort> cohorts = new ArrayList<>();
        byCohort.forEach((cohort, rows) -> {
            int size = rows.stream().mapToInt(Row::size).max().orElse(0);
            cohorts.add(new Cohort(cohort, size, rows.stream().map(r -> new Cell(r.month(), r.active(),
                    size == 0 ? 0 : r.active() / (double) size)).toList()));
        });
        return cohorts;
    }

    @Serdeable
    public record AtRisk(long memberId, String username, String displayName, int contributions, Instant lastActive,
                         long silentDays, @io.micronaut.core.annotation.Nullable Instant contactedAt,
                         @io.micronaut.core.annotation.Nullable String contactedBy) {
    }

    private record Active(long memberId, int contributions, Instant last) {
    }

    private final ShortCache<String, List<Active>> cache;

    /**
     * The most active quarter of the last 90 days, silent for 14 to 60 days: a scan of 90 days of activity, so kept
     * five minutes (silences are counted in days); names and who wrote to them are read fresh.
     */
    private List<Active> silentTopQuarter(Instant now) {
        return cache.get("at-risk", () -> {
            List<Active> active = sql.query("SELECT f.member_id, COUNT(*), MAX(f.at) FROM analytics_facts f "
                            + "WHERE f.kind IN (" + ACTIVITY + ") AND f.at >= ? AND NOT f.staff AND f.member_id IS NOT NULL "
                            + "GROUP BY f.member_id ORDER BY COUNT(*) DESC", List.of(now.minus(Duration.ofDays(90))),
                    rs -> new Active(rs.getLong(1), rs.getInt(2), Sql.instant(rs, 3)));
            int quarter = (int) Math.ceil(active.size() / 4.0);
            return active.subList(0, quarter).stream().filter(a -> {
                long days = Duration.between(a.last(), now).toDays();
                return days >= 14 && days <= 60;
            }).limit(100).toList();
        });
    }

    /** The most active quarter of the last 90 days (members, by contributions), silent for 14 to 60 days. */
    @Transactional(readOnly = true)
    public List<AtRisk> atRisk(int limit) {
        Instant now = clock.instant();
        List<Active> silent = silentTopQuarter(now).stream().limit(Math.max(1, Math.min(limit, 100))).toList();
        if (silent.isEmpty()) {
            return List.of();
        }
        Map<Long, String[]> names = new java.util.HashMap<>();
        sql.query("SELECT id, username, display_name FROM members WHERE id IN (" + Sql.placeholders(silent.size()) + ")",
                Sql.inList(silent.stream().map(Active::memberId).toList()),
                rs -> names.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)}));
        Map<Long, Object[]> contacted = new java.util.HashMap<>();
        sql.query("SELECT r.member_id, r.sent_at, s.display_name FROM analytics_reach_outs r JOIN members s "
                        + "ON s.id = r.staff_id WHERE r.member_id IN (" + Sql.placeholders(silent.size()) + ") "
                        + "ORDER BY r.sent_at", Sql.inList(silent.stream().map(Active::memberId).toList()),
                rs -> contacted.put(rs.getLong(1), new Object[] {Sql.instant(rs, 2), rs.getString(3)}));
        return silent.stream().filter(a -> names.containsKey(a.memberId())).map(a -> {
            Object[] last = contacted.get(a.memberId());
            return new AtRisk(a.memberId(), names.get(a.memberId())[0], names.get(a.memberId())[1], a.contributions(),
                    a.last(), Duration.between(a.last(), now).toDays(), last == null ? null : (Instant) last[0],
                    last == null ? null : (String) last[1]);
        }).toList();
    }
}
