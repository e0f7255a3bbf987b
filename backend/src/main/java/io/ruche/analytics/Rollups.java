package io.ruche.analytics;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import io.ruche.platform.db.RetryOnConflict;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Daily rollups in the site's time zone. Today is refreshed every few minutes; a day that got a late fact is computed
 * again, only that one; the others stay as they were (a post hidden later changes no fact, so no figure). Each day is
 * its own short transaction.
 */
@Singleton
public class Rollups {

    private static final String ACTIVITY = "'VISIT', 'THREAD', 'REPLY', 'REACTION', 'FLAG', 'EVENT_REGISTRATION', "
            + "'EVENT_ATTENDANCE', 'ACCEPTED'";

    private final Sql sql;
    private final AnalyticsSettings settings;
    private final Clock clock;

    public Rollups(Sql sql, AnalyticsSettings settings, Clock clock) {
        this.sql = sql;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${ruche.analytics.rollup-interval:5m}", initialDelay = "1m")
    void scheduled() {
        runDue();
    }

    /**
     * Computes every day marked dirty, yesterday once more if it has not been computed since it ended (its last
     * minutes, then it is closed), and today; returns the days computed.
     */
    public List<LocalDate> runDue() {
        ZoneId zone = settings.zone();
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        List<LocalDate> days = new ArrayList<>(dirtyDays());
        LocalDate yesterday = today.minusDays(1);
        if (!days.contains(yesterday) && !closed(yesterday)) {
            days.add(yesterday);
        }
        if (!days.contains(today)) {
            days.add(today);
        }
        for (LocalDate day : days) {
            roll(day, zone, today);
        }
        return days;
    }

    @Transactional(readOnly = true)
    protected boolean closed(LocalDate day) {
        return !sql.query("SELECT 1 FROM analytics_days WHERE day = ? AND closed", List.of(day), rs -> 1).isEmpty();
    }

    @Transactional(readOnly = true)
    protected List<LocalDate> dirtyDays() {
        return sql.query("SELECT day FROM analytics_days WHERE dirty ORDER BY day LIMIT 400", List.of(),
                rs -> rs.getDate(1).toLocalDate());
    }

    /** One day's figures, replaced as a whole. */
    @RetryOnConflict
    @Transactional
    public void roll(LocalDate day, ZoneId zone, LocalDate today) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        // Nodes that roll the same day take turns on its row (each pass replaces the day as a whole).
        sql.update("INSERT IGNORE INTO analytics_days (day, dirty) VALUES (?, TRUE)", List.of(day));
        sql.query("SELECT day FROM analytics_days WHERE day = ? FOR UPDATE", List.of(day), rs -> 1);
        sql.update("DELETE FROM analytics_daily WHERE day = ?", List.of(day));
        active(day, Metric.ACTIVE_MEMBERS, now, start, end);
        active(day, Metric.ACTIVE_7D, now, day.minusDays(6).atStartOfDay(zone).toInstant(), end);
        active(day, Metric.ACTIVE_28D, now, day.minusDays(27).atStartOfDay(zone).toInstant(), end);
        for (boolean withStaff : new boolean[] {false, true}) {
            String who = withStaff ? "" : " AND NOT f.staff";
            counts(day, withStaff, now, start, end);
            for (Dimension d : List.of(Dimension.ALL, Dimension.GROUP)) {
                insert(d, day, "'NEW_CONTRIBUTORS'", withStaff, now, "COUNT(*)", "analytics_members f",
                        "f.first_post_at >= ? AND f.first_post_at < ?" + who, List.of(start, end));
                insert(d, day, "CASE WHEN f.source = 'embed' THEN 'EMBED_VIEWS' ELSE 'PAGE_VIEWS' END", withStaff,
                        now, "COUNT(*)", "analytics_facts f", "f.kind = 'PAGE_VIEW' AND f.at >= ? AND f.at < ?" + who
                                + (d == Dimension.GROUP ? " AND f.source = 'forum'" : ""), List.of(start, end), "f.source");
                insert(d, day, "'VISITORS'", withStaff, now, "COUNT(DISTINCT COALESCE(CONCAT('m', f.member_id), "
                                + "f.visitor))", "analytics_facts f", "f.kind = 'PAGE_VIEW' AND f.source = 'forum' "
                                + "AND f.at >= ? AND f.at < ?" + who, List.of(start, end));
            }
        }
        sql.update("DELETE FROM analytics_referrers WHERE day = ?", List.of(day));
        sql.update("INSERT INTO analytics_referrers (day, with_staff, host, views) SELECT ?, w.with_staff, x.host, "
                        + "IF(w.with_staff, x.views, x.members) FROM (SELECT f.referrer_host AS host, COUNT(*) AS views, "
                        + "SUM(NOT f.staff) AS members FROM analytics_facts f WHERE f.kind = 'PAGE_VIEW' AND f.at >= ? "
                        + "AND f.at < ? AND f.referrer_host IS NOT NULL GROUP BY f.referrer_host) x "
                        + "JOIN (SELECT FALSE AS with_staff UNION ALL SELECT TRUE) w WHERE IF(w.with_staff, x.views, x.members) > 0",
                List.of(day, start, end));
        cohorts(java.time.YearMonth.from(day), zone, now);
        sql.update("INSERT INTO analytics_days (day, dirty, closed, rolled_at) VALUES (?, FALSE, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE dirty = FALSE, closed = VALUES(closed), rolled_at = VALUES(rolled_at)",
                List.of(day, day.isBefore(today), now));
    }

    /** The ways a figure is split: the whole forum, per category, per group, per category and group. */
    enum Dimension {
        ALL("0", "0", "", ""),
        CATEGORY("f.category_id", "0", "", " AND f.category_id IS NOT NULL"),
        GROUP("0", "g.group_id", " JOIN group_memberships g ON g.member_id = f.member_id", ""),
        BOTH("f.category_id", "g.group_id", " JOIN group_memberships g ON g.member_id = f.member_id",
                " AND f.category_id IS NOT NULL");

        final String category;
        final String group;
        final String join;
        final String where;

        Dimension(String category, String group, String join, String where) {
            this.category = category;
            this.group = group;
            this.join = join;
            this.where = where;
        }
    }

    /**
     * {@code INSERT … SELECT} of one day's figure {@code metric} (an SQL expression) split by {@code d}; rows of
     * value 0 are not written (a missing row reads as 0).
     */
    private void insert(Dimension d, LocalDate day, String metric, boolean withStaff, Instant now, String value,
                        String from, String where, List<Object> args, String... groupBy) {
        List<Object> all = new ArrayList<>(List.of(day, withStaff, now));
        all.addAll(args);
        StringBuilder by = new StringBuilder();
        for (String g : groupBy) {
            by.append(by.isEmpty() ? "" : ", ").append(g);
        }
        if (d.category.startsWith("f.")) {
            by.append(by.isEmpty() ? "" : ", ").append(d.category);
        }
        if (d.group.startsWith("g.")) {
            by.append(by.isEmpty() ? "" : ", ").append(d.group);
        }
        sql.update("INSERT INTO analytics_daily (day, metric, category_id, group_id, with_staff, value, as_of) "
                        + "SELECT ?, " + metric + ", " + d.category + ", " + d.group + ", ?, " + value + ", ? FROM "
                        + from + d.join + " WHERE " + where + d.where + (by.isEmpty() ? "" : " GROUP BY " + by)
                        + (by.isEmpty() ? " HAVING COUNT(*) > 0" : ""),
                all);
    }

    /** For the day's month: of each sign-up month's members, how many were active in it. */
    private void cohorts(java.time.YearMonth month, ZoneId zone, Instant now) {
        Instant start = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        sql.update("DELETE FROM analytics_cohorts WHERE month = ?", List.of(month.toString()));
        for (boolean withStaff : new boolean[] {false, true}) {
            String who = withStaff ? "" : " AND NOT a.staff";
            sql.update("INSERT INTO analytics_cohorts (cohort_month, month, with_staff, size, active, as_of) "
                            + "SELECT a.signup_month, ?, ?, COUNT(*), COUNT(x.member_id), ? FROM analytics_members a "
                            + "LEFT JOIN (SELECT DISTINCT f.member_id FROM analytics_facts f WHERE f.kind IN (" + ACTIVITY
                            + ") AND f.at >= ? AND f.at < ? AND f.member_id IS NOT NULL) x ON x.member_id = a.member_id "
                            + "WHERE a.signup_month IS NOT NULL AND a.signup_month <= ?" + who + " GROUP BY a.signup_month",
                    List.of(month.toString(), withStaff, now, start, end, month.toString()));
        }
    }

    /** The counted kinds, split every way their facts allow (decisions count whoever they are about). */
    private void counts(LocalDate day, boolean withStaff, Instant now, Instant start, Instant end) {
        StringBuilder metric = new StringBuilder("CASE f.kind");
        StringBuilder kinds = new StringBuilder();
        for (Metric m : COUNTED) {
            metric.append(" WHEN '").append(kind(m).name()).append("' THEN '").append(m.name()).append('\'');
            kinds.append(kinds.isEmpty() ? "" : ", ").append('\'').append(kind(m).name()).append('\'');
        }
        metric.append(" END");
        String who = withStaff ? "" : " AND (NOT f.staff OR f.kind = 'FLAG_RESOLVED')";
        for (Dimension d : Dimension.values()) {
            String only = d == Dimension.GROUP || d == Dimension.BOTH ? " AND f.kind <> 'FLAG_RESOLVED'" : "";
            insert(d, day, metric.toString(), withStaff, now, "COUNT(*)", "analytics_facts f",
                    "f.kind IN (" + kinds + ") AND f.at >= ? AND f.at < ?" + who + only, List.of(start, end), "f.kind");
        }
    }

    private static final List<Metric> COUNTED = List.of(Metric.SIGNUPS, Metric.THREADS, Metric.REPLIES,
            Metric.REACTIONS, Metric.ACCEPTED, Metric.FLAGS, Metric.FLAGS_RESOLVED, Metric.BADGES,
            Metric.EVENT_REGISTRATIONS, Metric.EVENT_ATTENDANCE, Metric.WIDGET_CLICKS);

    /**
     * Distinct active members over [start, end), split every way (by category: those whose acts were there), members
     * only and with staff counted in the same scan; for groups, the distinct members first, then their groups.
     */
    private void active(LocalDate day, Metric metric, Instant now, Instant start, Instant end) {
        String facts = "FROM analytics_facts f WHERE f.kind IN (" + ACTIVITY + ") AND f.at >= ? AND f.at < ? "
                + "AND f.member_id IS NOT NULL";
        String counts = "COUNT(DISTINCT x.member_id), COUNT(DISTINCT IF(x.staff, NULL, x.member_id))";
        List<Object> range = List.of(start, end);
        List<long[]> rows = new ArrayList<>();
        RowMapper split = rs -> rows.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
        sql.query("SELECT 0, 0, " + counts + " FROM (SELECT f.member_id, f.staff " + facts + ") x", range, split::map);
        sql.query("SELECT x.category_id, 0, " + counts + " FROM (SELECT f.category_id, f.member_id, f.staff " + facts
                + " AND f.category_id IS NOT NULL) x GROUP BY x.category_id", range, split::map);
        sql.query("SELECT 0, g.group_id, " + counts + " FROM (SELECT DISTINCT f.member_id, f.staff " + facts
                + ") x JOIN group_memberships g ON g.member_id = x.member_id GROUP BY g.group_id", range, split::map);
        sql.query("SELECT x.category_id, g.group_id, " + counts + " FROM (SELECT DISTINCT f.category_id, f.member_id, "
                + "f.staff " + facts + " AND f.category_id IS NOT NULL) x JOIN group_memberships g "
                + "ON g.member_id = x.member_id GROUP BY x.category_id, g.group_id", range, split::map);
        StringBuilder values = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (long[] row : rows) {
            for (int population = 0; population < 2; population++) {
                long value = population == 0 ? row[3] : row[2];
                if (value > 0) {
                    values.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
                    args.addAll(List.of(day, metric.name(), row[0], row[1], population == 1, value, now));
                }
            }
        }
        if (!args.isEmpty()) {
            sql.update("INSERT INTO analytics_daily (day, metric, category_id, group_id, with_staff, value, as_of) "
                    + "VALUES " + values, args);
        }
    }

    /** One result row into the list. */
    private interface RowMapper {
        Object map(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    static ActivityFacts.Kind kind(Metric metric) {
        return switch (metric) {
            case SIGNUPS -> ActivityFacts.Kind.SIGNUP;
            case THREADS -> ActivityFacts.Kind.THREAD;
            case REPLIES -> ActivityFacts.Kind.REPLY;
            case REACTIONS -> ActivityFacts.Kind.REACTION;
            case ACCEPTED -> ActivityFacts.Kind.ACCEPTED;
            case FLAGS -> ActivityFacts.Kind.FLAG;
            case FLAGS_RESOLVED -> ActivityFacts.Kind.FLAG_RESOLVED;
            case BADGES -> ActivityFacts.Kind.BADGE;
            case EVENT_REGISTRATIONS -> ActivityFacts.Kind.EVENT_REGISTRATION;
            case EVENT_ATTENDANCE -> ActivityFacts.Kind.EVENT_ATTENDANCE;
            case WIDGET_CLICKS -> ActivityFacts.Kind.WIDGET_CLICK;
            default -> throw new IllegalArgumentException(metric.name());
        };
    }

    /** Raw facts older than the retention go; the rollups and the members' first steps stay. */
    @Scheduled(cron = "0 20 4 * * *")
    void purgeNightly() {
        purge();
    }

    @Transactional
    public int purge() {
        return sql.update("DELETE FROM analytics_facts WHERE at < ? LIMIT 100000",
                List.of(clock.instant().minusSeconds(86_400L * settings.retentionDays())));
    }
}
