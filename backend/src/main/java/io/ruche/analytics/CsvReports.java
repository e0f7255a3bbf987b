package io.ruche.analytics;

import io.micronaut.core.annotation.Nullable;
import io.ruche.mail.MailTemplates;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every report of the dashboard as CSV, built from the very answers the screen shows (same services, same
 * arguments), so the numbers are the same: UTF-8 with a byte-order mark so spreadsheet programs read accents, comma
 * separated, CRLF line ends, headings in the reader's language. Rates are percents with one decimal; times are minutes;
 * a percentile that falls on open items says so.
 */
@Singleton
public class CsvReports {

    /** The reports that can be downloaded. */
    public enum Report { OVERVIEW, RESPONSES, UNANSWERED, COHORTS, AT_RISK, SEARCHES, HIGHLIGHTS, HEALTH }

    private final Dashboard dashboard;
    private final Responsiveness responsiveness;
    private final Retention retention;
    private final SearchTerms searchTerms;
    private final Highlights highlights;
    private final MailTemplates texts;
    private final HealthScore health;

    public CsvReports(Dashboard dashboard, Responsiveness responsiveness, Retention retention, SearchTerms searchTerms,
                      Highlights highlights, MailTemplates texts, HealthScore health) {
        this.health = health;
        this.dashboard = dashboard;
        this.responsiveness = responsiveness;
        this.retention = retention;
        this.searchTerms = searchTerms;
        this.highlights = highlights;
        this.texts = texts;
    }

    /** The arguments the screen used. */
    public record Query(LocalDate from, LocalDate to, boolean withStaff, long category, long group, String cohortsFrom,
                        ZoneId zone, String language) {
    }

    public String csv(Report report, Query q) {
        Locale locale = MailTemplates.localeOf(q.language());
        Table table = new Table(locale);
        switch (report) {
            case OVERVIEW -> overview(table, q);
            case RESPONSES -> responses(table, q);
            case UNANSWERED -> {
                table.row(h(locale, "title"), h(locale, "link"), h(locale, "startedAt"), h(locale, "waitingHours"));
                for (Responsiveness.Unanswered u : responsiveness.unanswered(100, q.category())) {
                    table.row(u.title(), texts.url("/t/" + u.threadId() + "/" + u.slug()), u.createdAt().toString(),
                            Long.toString(u.waitingHours()));
                }
            }
            case COHORTS -> {
                List<String> heading = new ArrayList<>(List.of(h(locale, "cohort"), h(locale, "members")));
                for (int i = 0; i < 12; i++) {
                    heading.add(texts.text(locale, "analytics.csv.month", Integer.toString(i)));
                }
                table.row(heading);
                for (Retention.Cohort c : retention.cohorts(q.cohortsFrom(), q.withStaff())) {
                    List<String> row = new ArrayList<>(List.of(c.cohortMonth(), Integer.toString(c.size())));
                    c.months().stream().limit(12).forEach(m -> row.add(percent(m.share())));
                    table.row(row);
                }
            }
            case AT_RISK -> {
                table.row(h(locale, "member"), h(locale, "username"), h(locale, "contributions"),
                        h(locale, "lastActive"), h(locale, "silentDays"));
                for (Retention.AtRisk r : retention.atRisk(100)) {
                    table.row(r.displayName(), r.username(), Integer.toString(r.contributions()),
                            r.lastActive().toString(), Long.toString(r.silentDays()));
                }
            }
            case SEARCHES -> {
                SearchTerms.Report s = searchTerms.report(q.from(), q.to(), q.zone(), q.withStaff(), 20);
                table.row(h(locale, "list"), h(locale, "terms"), h(locale, "searches"), h(locale, "withoutResult"));
                for (SearchTerms.Term t : s.top()) {
                    table.row(h(locale, "topSearches"), t.terms(), Long.toString(t.searches()),
                            Long.toString(t.withoutResult()));
                }
                for (SearchTerms.Term t : s.noResult()) {
                    table.row(h(locale, "noResult"), t.terms(), Long.toString(t.searches()),
                            Long.toString(t.withoutResult()));
                }
            }
            case HEALTH -> {
                HealthScore.Score score = health.score(q.from(), q.to(), q.zone());
                table.row(h(locale, "figure"), h(locale, "value"));
                table.row(h(locale, "score"), Integer.toString(score.score()));
                table.row(h(locale, "previous"), score.previous() == null ? "" : Integer.toString(score.previous()));
                table.row(h(locale, "activity"), percent(score.components().activity()));
                table.row(h(locale, "responsiveness"), percent(score.components().responsiveness()));
                table.row(h(locale, "growth"), percent(score.components().growth()));
                table.row(h(locale, "moderation"), percent(score.components().moderation()));
                table.row(h(locale, "formula"), "fr".equals(locale.getLanguage()) ? score.formulaFr() : score.formulaEn());
            }
            case HIGHLIGHTS -> {
                Highlights.Report r = highlights.report(q.from(), q.to(), q.zone(), q.withStaff(), q.category(),
                        q.group());
                table.row(h(locale, "list"), h(locale, "name"), h(locale, "link"), h(locale, "count"));
                named(table, h(locale, "topContributors"), r.contributors());
                named(table, h(locale, "topThreads"), r.threads());
                named(table, h(locale, "referrers"), r.referrers());
                table.row(h(locale, "events"), h(locale, "registrations"), "", Long.toString(r.registrations()));
                table.row(h(locale, "events"), h(locale, "attendances"), "", Long.toString(r.attendances()));
                table.row(h(locale, "events"), h(locale, "showUp"), "", percent(r.showUpRate()));
            }
        }
        return table.toString();
    }

    private void named(Table table, String list, List<Highlights.Named> named) {
        for (Highlights.Named n : named) {
            table.row(list, n.name(), n.link() == null ? "" : texts.url(n.link()), Long.toString(n.count()));
        }
    }

    /** One row per day, one column per figure; then the period and the period before. */
    private void overview(Table table, Query q) {
        Locale locale = table.locale;
        Dashboard.Overview o = dashboard.overview(q.from(), q.to(), q.withStaff(), q.category(), q.group());
        List<String> heading = new ArrayList<>(List.of(h(locale, "day")));
        o.figures().forEach(f -> heading.add(texts.text(locale, "analytics.metric." + f.metric().name())
                + ("permille".equals(f.unit()) ? " (%)" : "")));
        table.row(heading);
        for (int i = 0; i < o.figures().get(0).series().size(); i++) {
            List<String> row = new ArrayList<>(List.of(o.figures().get(0).series().get(i).day().toString()));
            for (Dashboard.Figure f : o.figures()) {
                row.add(value(f, f.series().get(i).value()));
            }
            table.row(row);
        }
        List<String> total = new ArrayList<>(List.of(h(locale, "total")));
        List<String> previous = new ArrayList<>(List.of(h(locale, "previous")));
        List<String> definitions = new ArrayList<>(List.of(h(locale, "definition")));
        for (Dashboard.Figure f : o.figures()) {
            total.add(value(f, f.value()));
            previous.add(value(f, f.previous()));
            definitions.add(f.metric().definition(locale.getLanguage()));
        }
        table.row(total);
        table.row(previous);
        table.row(definitions);
    }

    private void responses(Table table, Query q) {
        Locale locale = table.locale;
        Responsiveness.Figures r = responsiveness.figures(q.from(), q.to(), q.zone(), q.withStaff(), q.category(),
                q.group());
        String open = h(locale, "openValue");
        table.row(h(locale, "figure"), h(locale, "value"));
        table.row(h(locale, "threads"), Integer.toString(r.threads()));
        table.row(h(locale, "answered24h"), Integer.toString(r.answeredWithin24h()));
        table.row(h(locale, "responseRate"), percent(r.responseRate()));
        table.row(h(locale, "open"), Integer.toString(r.open()));
        table.row(h(locale, "median"), r.medianMinutes() == null ? open : Long.toString(r.medianMinutes()));
        table.row(h(locale, "p90"), r.p90Minutes() == null ? open : Long.toString(r.p90Minutes()));
        table.row(h(locale, "medianStaff"), r.medianStaffMinutes() == null ? open : Long.toString(r.medianStaffMinutes()));
        table.row(h(locale, "p90Staff"), r.p90StaffMinutes() == null ? open : Long.toString(r.p90StaffMinutes()));
        table.row(h(locale, "questions"), Integer.toString(r.questions()));
        table.row(h(locale, "solved"), Integer.toString(r.solved()));
        table.row(h(locale, "solvedRate"), percent(r.solvedRate()));
        table.row(h(locale, "flagged"), Integer.toString(r.flaggedPosts()));
        table.row(h(locale, "flagsOpen"), Integer.toString(r.flagsOpen()));
        table.row(h(locale, "flagMedian"), r.medianFlagMinutes() == null ? open : Long.toString(r.medianFlagMinutes()));
    }

    /** A figure's value as the screen shows it: a count, or stickiness as a percent with one decimal. */
    static String value(Dashboard.Figure f, @Nullable Long value) {
        if (value == null) {
            return "";
        }
        return "permille".equals(f.unit()) ? String.format(Locale.ROOT, "%.1f", value / 10.0) : Long.toString(value);
    }

    static String percent(@Nullable Double share) {
        return share == null ? "" : String.format(Locale.ROOT, "%.1f", share * 100);
    }

    private String h(Locale locale, String key) {
        return texts.text(locale, "analytics.csv." + key);
    }

    /** Rows of cells, quoted where needed; a cell that a spreadsheet would run as a formula is defused. */
    private static final class Table {
        private final Locale locale;
        private final StringBuilder out = new StringBuilder("\uFEFF");

        Table(Locale locale) {
            this.locale = locale;
        }

        void row(String... cells) {
            row(List.of(cells));
        }

        void row(List<String> cells) {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(cells.get(i)));
            }
            out.append("\r\n");
        }

        static String cell(String value) {
            return io.ruche.platform.Csv.cell(value);
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
