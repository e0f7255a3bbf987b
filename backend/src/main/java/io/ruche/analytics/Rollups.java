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

    /** Computes today and every day marked dirty; returns the days computed. */
    public List<LocalDate> runDue() {
        ZoneId zone = settings.zone();
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        List<LocalDate> days = new ArrayList<>(dirtyDays());
        if (!days.contains(today)) {
            days.add(today);
        }
        for (LocalDate day : days) {
            roll(day, zone, today);
        }
        return days;
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
        sql.update("DELETE FROM analytics_daily WHERE day = ?", List.of(day));
        for (boolean withStaff : new boolean[] {false, true}) {
            String who = withStaff ? "" : " AND NOT f.staff";
            counts(day, withStaff, now, start, end, who);
            active(day, Metric.ACTIVE_MEMBERS, withStaff, now, start, end, who);
            active(day, Metric.ACTIVE_7D, withStaff, now, day.minusDays(6).atStartOfDay(zone).toInstant(), end, who);
            active(day, Metric.ACTIVE_28D, withStaff, now, day.minusDays(27).atStartOfDay(zone).toInstant(), end, who);
            sql.update("INSERT INTO analytics_daily (day, metric, category_id, with_staff, value, as_of) "
                            + "SELECT ?, 'NEW_CONTRIBUTORS', 0, ?, COUNT(*), ? FROM analytics_members f "
                            + "WHERE f.first_post_at >= ? AND f.first_post_at < ?" + who,
                    List.of(day, withStaff, now, start, end));
            sql.update("INSERT INTO analytics_daily (day, metric, category_id, with_staff, value, as_of) "
                            + "SELECT ?, 'PAGE_VIEWS', 0, ?, COUNT(*), ? FROM analytics_facts f WHERE f.kind = 'PAGE_VIEW' "
                            + "AND f.source = 'forum' AND f.at >= ? AND f.at < ?" + who
                            + " UNION ALL SELECT ?, 'EMBED_VIEWS', 0, ?, COUNT(*), ? FROM analytics_facts f WHERE "
                            + "f.kind = 'PAGE_VIEW' AND f.source = 'embed' AND f.at >= ? AND f.at < ?" + who
                            + " UNION ALL SELECT ?, 'VISITORS', 0, ?, COUNT(DISTINCT COALESCE(CONCAT('m', f.member_id), "
                            + "f.visitor)), ? FROM analytics_facts f WHERE f.kind = 'PAGE_VIEW' AND f.source = 'forum' "
                            + "AND f.at >= ? AND f.at < ?" + who,
                    List.of(day, withStaff, now, start, end, day, withStaff, now, start, end, day, withStaff, now,
                            start, end));
        }
        cohorts(java.time.YearMonth.from(day), zone, now);
        sql.update("INSERT INTO analytics_days (day, dirty, closed, rolled_at) VALUES (?, FALSE, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE dirty = FALSE, closed = VALUES(closed), rolled_at = VALUES(rolled_at)",
                List.of(day, day.isBefore(today), now));
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

    /** The counted kinds, for the forum and per category (threads and replies). */
    private void counts(LocalDate day, boolean withStaff, Instant now, Instant start, Instant end, String who) {
        for (Metric metric : List.of(Metric.SIGNUPS, Metric.THREADS, Metric.REPLIES, Metric.REACTIONS,
                Metric.ACCEPTED, Metric.FLAGS, Metric.FLAGS_RESOLVED, Metric.BADGES, Metric.EVENT_REGISTRATIONS,
                Metric.EVENT_ATTENDANCE)) {
            // Decisions are staff's work: they count whoever is looked at.
            String population = metric == Metric.FLAGS_RESOLVED ? "" : who;
            sql.update("INSERT INTO analytics_daily (day, metric, category_id, with_staff, value, as_of) "
                            + "SELECT ?, ?, 0, ?, COUNT(*), ? FROM analytics_facts f WHERE f.kind = ? AND f.at >= ? "
                            + "AND f.at < ?" + population,
                    List.of(day, metric.name(), withStaff, now, kind(metric).name(), start, end));
        }
        for (Metric metric : List.of(Metric.THREADS, Metric.REPLIES)) {
            sql.update("INSERT INTO analytics_daily (day, metric, category_id, with_staff, value, as_of) "
                            + "SELECT ?, ?, f.category_id, ?, COUNT(*), ? FROM analytics_facts f WHERE f.kind = ? "
                            + "AND f.at >= ? AND f.at < ? AND f.category_id IS NOT NULL" + who + " GROUP BY f.category_id",
                    List.of(day, metric.name(), withStaff, now, kind(metric).name(), start, end));
        }
    }

    private void active(LocalDate day, Metric metric, boolean withStaff, Instant now, Instant start, Instant end,
                        String who) {
        sql.update("INSERT INTO analytics_daily (day, metric, category_id, with_staff, value, as_of) "
                        + "SELECT ?, ?, 0, ?, COUNT(DISTINCT f.member_id), ? FROM analytics_facts f WHERE f.kind IN ("
                        + ACTIVITY + ") AND f.at >= ? AND f.at < ? AND f.member_id IS NOT NULL" + who,
                List.of(day, metric.name(), withStaff, now, start, end));
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
