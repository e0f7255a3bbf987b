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
    private final Dashboard dashboard;
    private final CsvReports csv;
    private final ReachOut reachOut;

    @Serdeable
    public record WeeklyMail(boolean on) {
    }

    public AnalyticsController(Sql sql, Responsiveness responsiveness, AnalyticsSettings settings,
                               io.ruche.platform.SiteSettings site, Retention retention, SearchTerms searchTerms,
                               WeeklyReport weekly, Highlights highlights, HealthScore health, Dashboard dashboard,
                               CsvReports csv, ReachOut reachOut) {
        this.reachOut = reachOut;
        this.dashboard = dashboard;
        this.csv = csv;
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
                                            @QueryValue(defaultValue = "0") long category,
                                            @QueryValue(defaultValue = "0") long group,
                                            io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        LocalDate[] range = range(from, to);
        return responsiveness.figures(range[0], range[1], settings.zone(), withStaff, category, group);
    }

    @Serdeable
    public record Option(long id, String name) {
    }

    @Serdeable
    public record Filters(List<Option> categories, List<Option> groups) {
    }

    /** The categories and groups the dashboard can be filtered by. */
    @Get("/filters")
    @Transactional(readOnly = true)
    public Filters filters(io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        return new Filters(sql.query("SELECT id, name FROM categories ORDER BY position, name", List.of(),
                rs -> new Option(rs.getLong(1), rs.getString(2))),
                sql.query("SELECT id, name FROM member_groups ORDER BY name", List.of(),
                        rs -> new Option(rs.getLong(1), rs.getString(2))));
    }

    /**
     * A report as CSV (UTF-8 with BOM), built from the same answer as the screen with the same arguments: overview,
     * responses, unanswered, cohorts, at-risk, searches, highlights.
     */
    @Get("/export/{report}")
    public io.micronaut.http.HttpResponse<byte[]> export(String report, @QueryValue String from, @QueryValue String to,
                                                         @QueryValue(defaultValue = "false") boolean withStaff,
                                                         @QueryValue(defaultValue = "0") long category,
                                                         @QueryValue(defaultValue = "0") long group,
                                                         @Nullable @QueryValue String cohortsFrom,
                                                         @QueryValue(defaultValue = "en") String lang,
                                                         io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        CsvReports.Report which;
        try {
            which = CsvReports.Report.valueOf(report.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw Problems.notFound("route");
        }
        LocalDate[] range = range(from, to);
        String months = cohortsFrom == null ? java.time.YearMonth.from(range[1]).minusMonths(11).toString() : cohortsFrom;
        if (!months.matches("\\d{4}-\\d{2}")) {
            throw Problems.invalidField("cohortsFrom", "validation.month");
        }
        String body = csv.csv(which, new CsvReports.Query(range[0], range[1], withStaff, category, group, months,
                settings.zone(), "fr".equals(lang) ? "fr" : "en"));
        return io.micronaut.http.HttpResponse.ok(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"analytics-" + report.toLowerCase(java.util.Locale.ROOT)
                        + "-" + range[0] + "-" + range[1] + ".csv\"");
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
                                        @QueryValue(defaultValue = "0") long category,
                                        @QueryValue(defaultValue = "0") long group,
                                        io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        LocalDate[] range = range(from, to);
        return highlights.report(range[0], range[1], settings.zone(), withStaff, category, group);
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

    @Serdeable
    public record Message(@io.micronaut.core.annotation.Nullable String subject,
                          @io.micronaut.core.annotation.Nullable String body) {
    }

    /** Writes to a contributor drifting away (a personal mail, recorded and audited). */
    @io.micronaut.http.annotation.Post("/at-risk/{memberId}/message")
    public io.micronaut.http.HttpResponse<?> message(long memberId, @io.micronaut.http.annotation.Body Message body,
                                                     io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        reachOut.send(viewer, memberId, body.subject(), body.body());
        return io.micronaut.http.HttpResponse.noContent();
    }

    /** Threads waiting for a first answer, oldest first. */
    @Get("/unanswered")
    public List<Responsiveness.Unanswered> unanswered(@QueryValue(defaultValue = "50") int limit,
                                                     @QueryValue(defaultValue = "0") long category,
                                                     io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        return responsiveness.unanswered(limit, category);
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

    /** Each figure over {@code from}..{@code to} (days in the site's zone), beside the period just before. */
    @Get("/overview")
    public Dashboard.Overview overview(@QueryValue String from, @QueryValue String to,
                                       @QueryValue(defaultValue = "false") boolean withStaff,
                                       @QueryValue(defaultValue = "0") long category,
                                       @QueryValue(defaultValue = "0") long group, io.ruche.accounts.Viewer viewer) {
        requireAccess(viewer);
        LocalDate[] range = range(from, to);
        return dashboard.overview(range[0], range[1], withStaff, category, group);
    }
}
