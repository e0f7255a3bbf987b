package io.ruche.widgets;

import io.micronaut.core.annotation.Nullable;
import io.ruche.accounts.Viewer;
import io.ruche.badges.BadgeQueries;
import io.ruche.badges.BadgeSettings;
import io.ruche.badges.BadgeViews;
import io.ruche.events.EventViews;
import io.ruche.events.Events;
import io.ruche.forum.CategoryAccess;
import io.ruche.forum.ForumViews;
import io.ruche.forum.ThreadQueries;
import io.ruche.forum.ThreadService;
import io.ruche.platform.Sql;
import io.ruche.analytics.Responsiveness;
import io.ruche.analytics.AnalyticsSettings;
import jakarta.inject.Singleton;

import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * Widgets as small HTML pages, rendered on the server with no framework: what a guest may see and nothing more (every
 * list is read as {@link Viewer#GUEST}), links that open the forum in a new tab, the active theme's tokens with the
 * embed's own overrides, light or dark, in the language asked for. A tiny script (/embed-frame.js) tells the host
 * page its height.
 */
@Singleton
public class WidgetPages {

    /** The widgets there are. */
    public enum Type {
        LATEST_THREADS("latest-threads"), EVENTS("events"), FIGURES("figures"), SEARCH("search"),
        CONTRIBUTORS("contributors"), ANSWER("answer"), TESTIMONIALS("testimonials");

        final String slug;

        Type(String slug) {
            this.slug = slug;
        }

        public static @Nullable Type of(String slug) {
            for (Type t : values()) {
                if (t.slug.equals(slug)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** What the embed asked for (validated: nothing here reaches the page unescaped). */
    public record Options(Type type, String language, @Nullable String category, @Nullable String tag, boolean solved,
                          int limit, String period, String theme, @Nullable String accent, @Nullable Integer radius,
                          @Nullable String font, @Nullable String parentOrigin, @Nullable Long thread) {

        /** The cache key: every option that changes the page. */
        public String key() {
            return String.join("|", type.slug, language, String.valueOf(category), String.valueOf(tag),
                    String.valueOf(solved), String.valueOf(limit), period, theme, String.valueOf(accent),
                    String.valueOf(radius), String.valueOf(font), String.valueOf(parentOrigin), String.valueOf(thread));
        }
    }

    private static final Set<String> FONTS = Set.of("system-ui", "sans-serif", "serif", "Georgia", "Inter", "Roboto",
            "Helvetica", "Arial", "Verdana", "Lato", "Open Sans", "Source Sans Pro", "Montserrat");

    private final ThreadService threads;
    private final Events events;
    private final CategoryAccess categories;
    private final BadgeQueries badges;
    private final BadgeSettings badgeSettings;
    private final Responsiveness responsiveness;
    private final AnalyticsSettings analyticsSettings;
    private final Sql sql;
    private final Clock clock;

    @jakarta.inject.Inject
    Testimonials testimonials;

    @jakarta.inject.Inject
    io.ruche.themes.ThemeRegistry themes;

    public WidgetPages(ThreadService threads, Events events, CategoryAccess categories, BadgeQueries badges,
                       BadgeSettings badgeSettings, Responsiveness responsiveness, AnalyticsSettings analyticsSettings,
                       Sql sql, Clock clock) {
        this.threads = threads;
        this.events = events;
        this.categories = categories;
        this.badges = badges;
        this.badgeSettings = badgeSettings;
        this.responsiveness = responsiveness;
        this.analyticsSettings = analyticsSettings;
        this.sql = sql;
        this.clock = clock;
    }

    /** Reads {@code accent} (#rgb or #rrggbb), {@code radius} (0–32 px) and {@code font} (a known family) or drops them. */
    public static Options options(Type type, @Nullable String lang, @Nullable String category, @Nullable String tag,
                                  boolean solved, @Nullable Integer limit, @Nullable String period,
                                  @Nullable String theme, @Nullable String accent, @Nullable Integer radius,
                                  @Nullable String font, @Nullable String parentOrigin, @Nullable Long thread) {
        String language = "fr".equals(lang) ? "fr" : "en";
        String safeCategory = category != null && category.matches("[a-z0-9-]{1,80}") ? category : null;
        String safeTag = tag != null && tag.matches("[\\p{L}\\p{N}-]{1,40}") ? tag : null;
        int size = limit == null ? 5 : Math.max(1, Math.min(limit, 10));
        String safePeriod = period != null && period.matches("week|month|year") ? period : "month";
        String safeTheme = "dark".equals(theme) ? "dark" : "light".equals(theme) ? "light" : "auto";
        String safeAccent = accent != null && accent.matches("#?[0-9a-fA-F]{3}([0-9a-fA-F]{3})?")
                ? (accent.startsWith("#") ? accent : "#" + accent) : null;
        Integer safeRadius = radius != null && radius >= 0 && radius <= 32 ? radius : null;
        String safeFont = font != null && FONTS.contains(font) ? font : null;
        return new Options(type, language, safeCategory, safeTag, solved, size, safePeriod, safeTheme, safeAccent,
                safeRadius, safeFont, parentOrigin, thread != null && thread > 0 ? thread : null);
    }

    public String render(Options o) {
        ResourceBundle texts = ResourceBundle.getBundle("i18n.widgets", Locale.forLanguageTag(o.language()),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Html body = new Html();
        switch (o.type()) {
            case LATEST_THREADS -> latestThreads(o, texts, body);
            case EVENTS -> upcomingEvents(o, texts, body);
            case FIGURES -> figures(o, texts, body);
            case SEARCH -> search(texts, body);
            case CONTRIBUTORS -> contributors(o, texts, body);
            case ANSWER -> answer(o, texts, body);
            case TESTIMONIALS -> testimonials(o, texts, body);
        }
        return page(o, texts, body);
    }

    private void latestThreads(Options o, ResourceBundle texts, Html out) {
        int fetch = o.solved() ? 50 : o.limit();
        ForumViews.ThreadPage page;
        try {
            page = o.category() != null
                    ? threads.inCategory(Viewer.GUEST, o.category(), ThreadQueries.Sort.LATEST, null, fetch)
                    : threads.latest(Viewer.GUEST, o.tag(), null, fetch);
        } catch (io.ruche.platform.ProblemException e) {
            page = new ForumViews.ThreadPage(List.of(), null); // a private or unknown category shows nothing
        }
        List<ForumViews.ThreadSummary> items = page.items().stream().filter(t -> !o.solved() || t.solved())
                .limit(o.limit()).toList();
        out.heading(text(texts, o.solved() ? "latest-threads.solvedTitle" : "latest-threads.title"));
        if (items.isEmpty()) {
            out.raw("<p class=\"empty\">").text(text(texts, "latest-threads.empty")).raw("</p>");
        } else {
            out.raw("<ul class=\"list\">");
            for (ForumViews.ThreadSummary t : items) {
                out.raw("<li>").link("/t/" + t.id() + "/" + t.slug(), t.title(), "title").raw("<span class=\"meta\">");
                if (t.solved()) {
                    out.raw("<span class=\"solved\">").text(text(texts, "latest-threads.solved")).raw("</span> · ");
                }
                out.text(t.category().name()).raw(" · ").text(t.replies() == 1 ? text(texts, "latest-threads.reply")
                        : text(texts, "latest-threads.replies", t.replies())).raw("</span></li>");
            }
            out.raw("</ul>");
        }
        out.more(o.category() != null ? "/c/" + o.category() : "/", text(texts, "more"));
    }

    private void upcomingEvents(Options o, ResourceBundle texts, Html out) {
        EventViews.Page page = events.list(Viewer.GUEST, clock.instant(), null, null, false, null, o.limit(), null,
                o.language());
        out.heading(text(texts, "events.title"));
        if (page.items().isEmpty()) {
            out.raw("<p class=\"empty\">").text(text(texts, "events.empty")).raw("</p>");
        } else {
            DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                    .withLocale(Locale.forLanguageTag(o.language()));
            out.raw("<ul class=\"list\">");
            for (EventViews.Summary e : page.items()) {
                String link = "/events/" + e.id() + "/" + e.slug();
                out.raw("<li>").link(link, e.title(), "title").raw("<span class=\"meta\">")
                        .text(e.startsAt().atZone(ZoneId.of(e.zone())).format(when) + " (" + e.zone() + ")")
                        .raw("</span>");
                boolean full = e.seatsLeft() != null && e.seatsLeft() <= 0;
                out.link(link, text(texts, full ? "events.full" : "events.register"), "button").raw("</li>");
            }
            out.raw("</ul>");
        }
        out.more("/events", text(texts, "more"));
    }

    private void figures(Options o, ResourceBundle texts, Html out) {
        Locale locale = Locale.forLanguageTag(o.language());
        long[] counts = counts();
        long members = counts[0];
        long answers = counts[1];
        ZoneId zone = analyticsSettings.zone();
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        Long median = responsiveness.figures(today.minusDays(29), today, zone, false).medianMinutes();
        java.text.NumberFormat number = java.text.NumberFormat.getIntegerInstance(locale);
        out.heading(text(texts, "figures.title"));
        out.raw("<dl class=\"figures\">");
        out.figure(number.format(members), text(texts, "figures.members"));
        out.figure(number.format(answers), text(texts, "figures.answers"));
        out.figure(median == null ? text(texts, "figures.none") : duration(median, o.language()),
                text(texts, "figures.response"));
        out.raw("</dl>");
        out.more("/", text(texts, "more"));
    }

    /** Members, and replies this month in the categories a guest sees. */
    @io.micronaut.transaction.annotation.Transactional(readOnly = true)
    protected long[] counts() {
        long members = sql.query("SELECT COUNT(*) FROM members WHERE role = 'MEMBER'", List.of(), rs -> rs.getLong(1))
                .get(0);
        List<Long> visible = categories.catalog(Viewer.GUEST).visibleIds();
        Instant monthStart = LocalDate.now(clock.withZone(ZoneOffset.UTC)).withDayOfMonth(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
        long answers = visible.isEmpty() ? 0 : sql.query("SELECT COUNT(*) FROM posts p JOIN threads t ON t.id = p.thread_id "
                        + "WHERE t.category_id IN (" + Sql.placeholders(visible.size()) + ") AND p.position > 1 "
                        + "AND p.deleted_at IS NULL AND p.created_at >= ?",
                concat(Sql.inList(visible), monthStart), rs -> rs.getLong(1)).get(0);
        return new long[] {members, answers};
    }

    private static List<Object> concat(List<Object> list, Object last) {
        List<Object> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }

    static String duration(long minutes, String language) {
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return minutes / 60 + " h " + String.format("%02d", minutes % 60);
        }
        return minutes / 1440 + ("fr".equals(language) ? " j" : " d");
    }

    private void search(ResourceBundle texts, Html out) {
        out.raw("<form class=\"search\" action=\"/search\" method=\"get\" target=\"_blank\" role=\"search\">")
                .raw("<label for=\"q\" class=\"sr\">").text(text(texts, "search.label")).raw("</label>")
                .raw("<input id=\"q\" name=\"q\" type=\"search\" required maxlength=\"200\" placeholder=\"")
                .text(text(texts, "search.placeholder")).raw("\"><button type=\"submit\">")
                .text(text(texts, "search.button")).raw("</button></form>");
    }

    private void contributors(Options o, ResourceBundle texts, Html out) {
        List<BadgeViews.Leader> leaders = badges.leaderboard(o.period(), badgeSettings.points().staffOnBoard(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        out.heading(text(texts, "contributors.title") + " — " + text(texts, "contributors." + o.period()));
        List<BadgeViews.Leader> top = leaders.stream().limit(o.limit()).toList();
        if (top.isEmpty()) {
            out.raw("<p class=\"empty\">").text(text(texts, "contributors.empty")).raw("</p>");
        } else {
            out.raw("<ol class=\"list leaders\">");
            for (BadgeViews.Leader l : top) {
                out.raw("<li><img alt=\"\" width=\"28\" height=\"28\" src=\"").attr(l.avatarUrl()).raw("\">")
                        .link("/u/" + l.username(), l.displayName(), "title").raw("<span class=\"meta\">")
                        .text(text(texts, "contributors.points", l.points())).raw("</span></li>");
            }
            out.raw("</ol>");
        }
        out.more("/badges", text(texts, "more"));
    }

    /** Members' words, with their consent, within its scope (the host site must be one they accepted). */
    private void testimonials(Options o, ResourceBundle texts, Html out) {
        List<Testimonials.Shown> shown = testimonials.live(o.parentOrigin(), o.limit());
        out.heading(text(texts, "testimonials.title"));
        if (shown.isEmpty()) {
            out.raw("<p class=\"empty\">").text(text(texts, "testimonials.empty")).raw("</p>");
        } else {
            out.raw("<ul class=\"quotes\">");
            for (Testimonials.Shown q : shown) {
                out.raw("<li><blockquote>").text(q.text()).raw("</blockquote><p class=\"who\">");
                if (q.avatarUrl() != null) {
                    out.raw("<img alt=\"\" width=\"24\" height=\"24\" src=\"").attr(q.avatarUrl()).raw("\">");
                }
                out.text(q.name() == null ? text(texts, "testimonials.anonymous") : q.name()).raw(" · ")
                        .link(q.link(), text(texts, "testimonials.read"), "more-link").raw("</p></li>");
            }
            out.raw("</ul>");
        }
    }

    /** A question and its accepted answer (the answer's HTML was sanitized when it was written). */
    private void answer(Options o, ResourceBundle texts, Html out) {
        ForumViews.ThreadDetail question;
        try {
            if (o.thread() == null) {
                throw io.ruche.platform.Problems.notFound("thread");
            }
            question = threads.headline(o.thread());
        } catch (io.ruche.platform.ProblemException e) {
            out.heading(text(texts, "answer.title"));
            out.raw("<p class=\"empty\">").text(text(texts, "answer.missing")).raw("</p>");
            out.more("/", text(texts, "more"));
            return;
        }
        ForumViews.ThreadSummary t = question.thread();
        String link = "/t/" + t.id() + "/" + t.slug();
        out.raw("<h2>").link(link, t.title(), "title").raw("</h2>");
        List<String[]> accepted = acceptedAnswer(t.id());
        if (accepted.isEmpty()) {
            out.raw("<p class=\"meta\">").text(question.description()).raw("</p>");
            out.raw("<p class=\"empty\">").text(text(texts, "answer.none")).raw("</p>");
        } else {
            out.raw("<p class=\"solved\">").text(text(texts, "answer.by", accepted.get(0)[1])).raw("</p>");
            out.raw("<div class=\"answer-body\">").raw(accepted.get(0)[0]).raw("</div>");
        }
        out.more(link, text(texts, "answer.read"));
    }

    /** [html, author] of the thread's accepted answer, when it is there and shown. */
    @io.micronaut.transaction.annotation.Transactional(readOnly = true)
    protected List<String[]> acceptedAnswer(long threadId) {
        return sql.query("SELECT p.body_html, m.display_name FROM threads t JOIN posts p ON p.id = t.accepted_post_id "
                        + "JOIN members m ON m.id = p.author_id WHERE t.id = ? AND p.deleted_at IS NULL "
                        + "AND p.hidden_at IS NULL", List.of(threadId),
                rs -> new String[] {rs.getString(1), rs.getString(2)});
    }

    private String page(Options o, ResourceBundle texts, Html body) {
        StringBuilder css = new StringBuilder();
        if (o.accent() != null) {
            css.append("--ruche-color-accent:").append(o.accent()).append(";--ruche-color-accent-hover:")
                    .append(o.accent()).append(';');
        }
        if (o.radius() != null) {
            css.append("--ruche-radius:").append(o.radius()).append("px;");
        }
        if (o.font() != null) {
            css.append("--ruche-font-body:'").append(o.font()).append("', system-ui, sans-serif;");
        }
        Html page = new Html();
        page.raw("<!doctype html><html lang=\"").raw(o.language()).raw("\" data-theme=\"").raw(o.theme()).raw("\"");
        if (o.parentOrigin() != null) {
            page.raw(" data-parent-origin=\"").attr(o.parentOrigin()).raw("\"");
        }
        page.raw(" data-widget=\"").raw(o.type().slug).raw("\"><head><meta charset=\"utf-8\">")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .raw("<meta name=\"referrer\" content=\"strict-origin-when-cross-origin\"><title>")
                .text(titleOf(o, texts)).raw("</title>")
                .raw("<link rel=\"stylesheet\" href=\"/theme/theme.css?v=").raw(String.valueOf(themes.version()))
                .raw("\"><link rel=\"stylesheet\" href=\"/embed-widget.css\">");
        if (!css.isEmpty()) {
            page.raw("<style>:root{").raw(css.toString()).raw("}</style>");
        }
        page.raw("</head><body><main class=\"widget ").raw(o.type().slug).raw("\">").raw(body.toString())
                .raw("</main><script src=\"/embed-frame.js\" async></script></body></html>");
        return page.toString();
    }

    private static String titleOf(Options o, ResourceBundle texts) {
        return switch (o.type()) {
            case LATEST_THREADS -> text(texts, o.solved() ? "latest-threads.solvedTitle" : "latest-threads.title");
            case EVENTS -> text(texts, "events.title");
            case FIGURES -> text(texts, "figures.title");
            case SEARCH -> text(texts, "search.title");
            case CONTRIBUTORS -> text(texts, "contributors.title");
            case ANSWER -> text(texts, "answer.title");
            case TESTIMONIALS -> text(texts, "testimonials.title");
        };
    }

    static String text(ResourceBundle texts, String key, Object... args) {
        String pattern = texts.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), texts.getLocale()).format(args);
    }

    /** A page being written: text and attributes escaped, links open the forum in a new tab. */
    static final class Html {
        private final StringBuilder out = new StringBuilder();

        Html raw(String s) {
            out.append(s);
            return this;
        }

        Html text(String s) {
            out.append(escape(s));
            return this;
        }

        Html attr(String s) {
            out.append(escape(s));
            return this;
        }

        Html link(String href, String label, String cssClass) {
            out.append("<a class=\"").append(cssClass).append("\" href=\"").append(escape(href))
                    .append("\" target=\"_blank\" rel=\"noopener\">").append(escape(label)).append("</a>");
            return this;
        }

        Html heading(String s) {
            out.append("<h2>").append(escape(s)).append("</h2>");
            return this;
        }

        Html more(String href, String label) {
            out.append("<p class=\"more\">");
            link(href, label + " →", "more-link");
            out.append("</p>");
            return this;
        }

        Html figure(String value, String label) {
            out.append("<div><dt>").append(escape(value)).append("</dt><dd>").append(escape(label)).append("</dd></div>");
            return this;
        }

        static String escape(String s) {
            StringBuilder b = new StringBuilder(s.length() + 16);
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '<' -> b.append("&lt;");
                    case '>' -> b.append("&gt;");
                    case '&' -> b.append("&amp;");
                    case '"' -> b.append("&quot;");
                    case '\'' -> b.append("&#39;");
                    default -> b.append(c);
                }
            }
            return b.toString();
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
