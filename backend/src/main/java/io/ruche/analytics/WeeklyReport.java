package io.ruche.analytics;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Member;
import io.ruche.accounts.Viewer;
import io.ruche.mail.MailContent;
import io.ruche.mail.MailQueue;
import io.ruche.mail.MailTemplates;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The weekly KPI mail to staff who asked for it, in each one's language: the week's key figures beside the week
 * before, the threads waiting for an answer and the contributors drifting away, with a link to the dashboard. Sent
 * on Monday morning (site zone) once per week and person.
 */
@Singleton
public class WeeklyReport {

    private static final List<Metric> KEY = List.of(Metric.ACTIVE_7D, Metric.SIGNUPS, Metric.NEW_CONTRIBUTORS,
            Metric.THREADS, Metric.REPLIES, Metric.ACCEPTED);

    private final Sql sql;
    private final AnalyticsSettings settings;
    private final Responsiveness responsiveness;
    private final Retention retention;
    private final AccountService accounts;
    private final MailQueue mails;
    private final MailTemplates templates;
    private final Clock clock;
    private final Dashboard dashboard;

    public WeeklyReport(Sql sql, AnalyticsSettings settings, Responsiveness responsiveness, Retention retention,
                        AccountService accounts, MailQueue mails, MailTemplates templates, Clock clock,
                        Dashboard dashboard) {
        this.sql = sql;
        this.settings = settings;
        this.responsiveness = responsiveness;
        this.retention = retention;
        this.accounts = accounts;
        this.mails = mails;
        this.templates = templates;
        this.clock = clock;
        this.dashboard = dashboard;
    }

    /** Staff say whether they want the weekly mail. */
    @Transactional
    public boolean subscribe(Viewer staff, boolean on) {
        long id = staff.requireMember();
        if (!staff.isStaff()) {
            throw Problems.forbidden("problem.forbidden");
        }
        sql.update(on ? "INSERT IGNORE INTO analytics_report_recipients (member_id) VALUES (?)"
                : "DELETE FROM analytics_report_recipients WHERE member_id = ?", List.of(id));
        return on;
    }

    @Transactional(readOnly = true)
    public boolean subscribed(Viewer staff) {
        return !sql.query("SELECT 1 FROM analytics_report_recipients WHERE member_id = ?",
                List.of(staff.requireMember()), rs -> 1).isEmpty();
    }

    @Scheduled(cron = "0 0 * * * MON")
    void hourlyOnMondays() {
        ZoneId zone = settings.zone();
        if (clock.instant().atZone(zone).getHour() >= 7) {
            send(clock.instant().atZone(zone).toLocalDate());
        }
    }

    /** Sends the report of the week ending before {@code today}'s Monday to every recipient who has not had it. */
    public int send(LocalDate today) {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        int sent = 0;
        for (long memberId : recipients()) {
            if (sendOne(memberId, monday)) {
                sent++;
            }
        }
        return sent;
    }

    @Transactional(readOnly = true)
    protected List<Long> recipients() {
        return sql.query("SELECT r.member_id FROM analytics_report_recipients r JOIN members m ON m.id = r.member_id "
                + "WHERE m.role <> 'MEMBER' ORDER BY r.member_id", List.of(), rs -> rs.getLong(1));
    }

    @Transactional
    protected boolean sendOne(long memberId, LocalDate monday) {
        if (sql.update("INSERT IGNORE INTO analytics_reports_sent (member_id, week, sent_at) VALUES (?, ?, ?)",
                List.of(memberId, monday, clock.instant())) == 0) {
            return false;
        }
        Member member = accounts.byId(memberId);
        Locale locale = MailTemplates.localeOf(member.locale());
        LocalDate from = monday.minusDays(7);
        LocalDate to = monday.minusDays(1);
        List<MailContent.Item> items = new ArrayList<>();
        Dashboard.Overview week = dashboard.overview(from, to, false, 0, 0);
        for (Metric metric : KEY) {
            Dashboard.Figure figure = week.figure(metric);
            long now = figure == null || figure.value() == null ? 0 : figure.value();
            long before = figure == null || figure.previous() == null ? 0 : figure.previous();
            String change = before == 0 ? "—" : (now >= before ? "+" : "") + Math.round((now - before) * 100.0 / before) + " %";
            items.add(new MailContent.Item(templates.text(locale, "analytics.metric." + metric.name()) + " : " + now,
                    templates.url("/admin/analytics"), templates.text(locale, "analytics.weekly.change", change)
                    + " — " + metric.definition(locale.getLanguage())));
        }
        for (Responsiveness.Unanswered u : responsiveness.unanswered(5)) {
            items.add(new MailContent.Item(u.title(), templates.url("/t/" + u.threadId() + "/" + u.slug()),
                    templates.text(locale, "analytics.weekly.waiting", u.waitingHours())));
        }
        for (Retention.AtRisk r : retention.atRisk(5)) {
            items.add(new MailContent.Item(r.displayName(), templates.url("/admin/members/" + r.username()),
                    templates.text(locale, "analytics.weekly.silent", r.silentDays())));
        }
        MailContent content = new MailContent(templates.text(locale, "analytics.weekly.subject", from, to),
                templates.text(locale, "analytics.weekly.heading"),
                List.of(templates.text(locale, "analytics.weekly.intro", from, to)),
                new MailContent.Action(templates.text(locale, "analytics.weekly.open"), templates.url("/admin/analytics")),
                items, templates.text(locale, "analytics.weekly.footer"), null);
        mails.queue(memberId, member.email(), "analytics.weekly", locale, content, null);
        return true;
    }
}
