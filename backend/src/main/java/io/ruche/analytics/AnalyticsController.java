package io.ruche.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The dashboard's figures, read from the daily rollups only (staff). */
@Controller("/api/v1/admin/analytics")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("moderator")
public class AnalyticsController {

    private final Sql sql;
    private final Responsiveness responsiveness;
    private final AnalyticsSettings settings;
    private final io.ruche.platform.SiteSettings site;

    private final Retention retention;
    private final SearchTerms searchTerms;
    private final WeeklyReport weekly;
    private final Highlights highlights;
    private final HealthScore health;

    @Serdeable
    public record WeeklyMail(boolean on) {
    }

    public AnalyticsController(Sql sql, Responsiveness responsiveness, AnalyticsSettings settings,
                               io.ruche.platform.SiteSettings site, Retention retention, SearchTerms searchTerms,
                               WeeklyReport weekly, Highlights highlights, HealthScore health) {
        this.health = health;
        this.highlights = highlights;
        this.weekly = weekly;
        this.retention = retention;
        this.searchTerms = searchTerms;
        this.sql = sql;
        this.responsiveness = responsiveness;
        this.settings = settings;
        this.site = site;
    }

    /** Admins always; moderators when the site lets them (a console setting). */
    private void requireAccess(io.ruche.accounts.Viewer viewer) {
        if (!viewer.isAdmin() && !Boolean.TRUE.equals(site.settings().moderatorsSeeAnalytics())) {
            throw Problems.forbidden("problem.forbidden");
        }
    }

    /** Response rate and time to first response for the threads started in the period (open ones counted). */
    @Get("/responses")
    public Responsiveness.Figures responses(@QueryValue String from, @QueryValue String to,
                                            @QueryValue(defaultValue = "false") boolean withStaff,
                                            io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        LocalDate[] range = range(from, to);
        return responsiveness.figures(range[0], range[1], settings.zone(), withStaff);
    }

    /** The community health score of the period and the one before, with its components and formula. */
    @Get("/health")
    public HealthScore.Score health(@QueryValue String from, @QueryValue String to, io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        LocalDate[] range = range(from, to);
        return health.score(range[0], range[1], settings.zone());
    }

    /** Top contributors, busiest threads, where visitors came from, events' show-up rate. */
    @Get("/highlights")
    public Highlights.Report highlights(@QueryValue String from, @QueryValue String to,
                                        @QueryValue(defaultValue = "false") boolean withStaff,
                                        io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        LocalDate[] range = range(from, to);
        return highlights.report(range[0], range[1], settings.zone(), withStaff);
    }

    /** Whether the viewer receives the weekly KPI mail. */
    @Get("/weekly-mail")
    public WeeklyMail weeklyMail(io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        return new WeeklyMail(weekly.subscribed(viewer));
    }

    @io.micronaut.http.annotation.Put("/weekly-mail")
    public WeeklyMail setWeeklyMail(@io.micronaut.http.annotation.Body WeeklyMail body, io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        return new WeeklyMail(weekly.subscribe(viewer, body.on()));
    }

    /** The most searched terms of the period, and the searches that found nothing. */
    @Get("/searches")
    public SearchTerms.Report searches(@QueryValue String from, @QueryValue String to,
                                       @QueryValue(defaultValue = "false") boolean withStaff,
                                       io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        LocalDate[] range = range(from, to);
        return searchTerms.report(range[0], range[1], settings.zone(), withStaff, 20);
    }

    /** Retention cohorts from {@code from} (a month, 2026-01) on. */
    @Get("/cohorts")
    public List<Retention.Cohort> cohorts(@QueryValue String from, @QueryValue(defaultValue = "false") boolean withStaff,
                                          io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        if (!from.matches("\\d{4}-\\d{2}")) {
            throw Problems.invalidField("from", "validation.month");
        }
        return retention.cohorts(from, withStaff);
    }

    /** Contributors drifting away: among the most active, silent for 14 to 60 days. */
    @Get("/at-risk")
    public List<Retention.AtRisk> atRisk(@QueryValue(defaultValue = "50") int limit, io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        return retention.atRisk(limit);
    }

    /** Threads waiting for a first answer, oldest first. */
    @Get("/unanswered")
    public List<Responsiveness.Unanswered> unanswered(@QueryValue(defaultValue = "50") int limit,
                                                     io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        return responsiveness.unanswered(limit);
    }

    private static LocalDate[] range(String from, String to) {
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(from);
            end = LocalDate.parse(to);
        } catch (DateTimeParseException e) {
            throw Problems.invalidField("from", "validation.date");
        }
        if (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) > 730) {
            throw Problems.invalidField("to", "validation.range");
        }
        return new LocalDate[] {start, end};
    }

    @Serdeable
    public record Point(LocalDate day, long value) {
    }

    @Serdeable
    public record Figure(Metric metric, long value, long previous, List<Point> series, String definitionEn,
                         String definitionFr) {
    }

    @Serdeable
    public record Overview(LocalDate from, LocalDate to, boolean withStaff, @Nullable Instant asOf,
                           List<Figure> figures) {
    }

    /** Each figure over {@code from}..{@code to} (days in the site's zone), beside the period just before. */
    @Get("/overview")
    @Transactional(readOnly = true)
    public Overview overview(@QueryValue String from, @QueryValue String to,
                             @QueryValue(defaultValue = "false") boolean withStaff,
                             @QueryValue(defaultValue = "0") long category, io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        LocalDate[] range = range(from, to);
        LocalDate start = range[0];
        LocalDate end = range[1];
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        LocalDate previousStart = start.minusDays(days);
        Map<Metric, Map<LocalDate, Long>> values = new HashMap<>();
        Instant[] asOf = new Instant[1];
        sql.query("SELECT day, metric, value, as_of FROM analytics_daily WHERE day BETWEEN ? AND ? AND with_staff = ? "
                        + "AND category_id = ?", List.of(previousStart, end, withStaff, category), rs -> {
                    Metric metric;
                    try {
                        metric = Metric.valueOf(rs.getString(2));
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                    values.computeIfAbsent(metric, k -> new HashMap<>()).put(rs.getDate(1).toLocalDate(), rs.getLong(3));
                    Instant at = Sql.instant(rs, 4);
                    if (asOf[0] == null || at.isAfter(asOf[0])) {
                        asOf[0] = at;
                    }
                    return null;
                });
        List<Figure> figures = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            Map<LocalDate, Long> byDay = values.getOrDefault(metric, Map.of());
            List<Point> series = new ArrayList<>();
            for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
                series.add(new Point(d, byDay.getOrDefault(d, 0L)));
            }
            figures.add(new Figure(metric, total(metric, byDay, start, end), total(metric, byDay, previousStart,
                    start.minusDays(1)), series, metric.definitionEn, metric.definitionFr));
        }
        return new Overview(start, end, withStaff, asOf[0], figures);
    }

    private static long total(Metric metric, Map<LocalDate, Long> byDay, LocalDate from, LocalDate to) {
        if (!metric.summed) {
            return byDay.getOrDefault(to, 0L);
        }
        long sum = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            sum += byDay.getOrDefault(d, 0L);
        }
        return sum;
    }
}
