package io.ruche.pages;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.Viewer;
import io.ruche.content.MarkdownRenderer;
import io.ruche.forum.Category;
import io.ruche.forum.CategoryAccess;
import io.ruche.forum.ForumViews;
import io.ruche.forum.ThreadQueries;
import io.ruche.forum.ThreadService;
import io.ruche.mail.MailSettings;
import io.ruche.platform.Problems;
import io.ruche.platform.SiteSettings;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What crawlers and feed readers ask for: the sitemap (an index, then the public pages and the public threads by
 * ranges of ids, each with its last activity), robots.txt (the console's text, or a default that keeps the console
 * and the API out and points at the sitemap), and RSS and Atom feeds of the latest threads, forum-wide and per
 * category. Only what a guest may read is listed.
 */
@Singleton
public class CrawlPages {

    /** Threads per sitemap file (the protocol allows 50,000; smaller files are cheap to build and cache). */
    static final int RANGE = 10_000;
    private static final int FEED_SIZE = 30;

    private final Sql sql;
    private final CategoryAccess access;
    private final ThreadService threads;
    private final MailSettings mail;
    private final SiteSettings site;
    private final Clock clock;

    public CrawlPages(Sql sql, CategoryAccess access, ThreadService threads, MailSettings mail, SiteSettings site,
                      Clock clock) {
        this.sql = sql;
        this.access = access;
        this.threads = threads;
        this.mail = mail;
        this.site = site;
        this.clock = clock;
    }

    private String url(String path) {
        return mail.publicUrl() + path;
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;").replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
    }

    // ---- sitemap ---------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public String sitemapIndex() {
        long maxId = sql.query("SELECT COALESCE(MAX(id), 0) FROM threads", List.of(), rs -> rs.getLong(1)).get(0);
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        out.append("  <sitemap><loc>").append(xml(url("/sitemaps/pages.xml"))).append("</loc></sitemap>\n");
        for (long range = 0; range <= maxId / RANGE; range++) {
            out.append("  <sitemap><loc>").append(xml(url("/sitemaps/threads-" + range + ".xml")))
                    .append("</loc></sitemap>\n");
        }
        return out.append("</sitemapindex>\n").toString();
    }

    /** The home page and every category a guest may read. */
    @Transactional(readOnly = true)
    public String sitemapPages() {
        StringBuilder out = urlset();
        entry(out, url("/"), null);
        for (Category c : access.catalog(Viewer.GUEST).visible().values()) {
            entry(out, url("/c/" + c.slug()), c.lastActivityAt());
        }
        return out.append("</urlset>\n").toString();
    }

    /** Public threads with ids in [range × 10,000, (range + 1) × 10,000), with their last activity. */
    @Transactional(readOnly = true)
    public String sitemapThreads(long range) {
        if (range < 0 || range > Long.MAX_VALUE / RANGE - 1) {
            throw Problems.notFound("route");
        }
        List<Long> visible = access.catalog(Viewer.GUEST).visibleIds();
        StringBuilder out = urlset();
        if (!visible.isEmpty()) {
            List<Object> params = new ArrayList<>(List.of(range * RANGE, (range + 1) * RANGE));
            params.addAll(visible);
            sql.query("SELECT id, slug, last_post_at FROM threads WHERE id >= ? AND id < ? AND category_id IN ("
                    + Sql.placeholders(visible.size()) + ") ORDER BY id", params, rs -> {
                        entry(out, url("/t/" + rs.getLong(1) + "/" + rs.getString(2)), Sql.instant(rs, 3));
                        return null;
                    });
        }
        return out.append("</urlset>\n").toString();
    }

    private static StringBuilder urlset() {
        return new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    }

    private static void entry(StringBuilder out, String loc, @Nullable Instant lastmod) {
        out.append("  <url><loc>").append(xml(loc)).append("</loc>");
        if (lastmod != null) {
            out.append("<lastmod>").append(DateTimeFormatter.ISO_INSTANT.format(lastmod.truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS))).append("</lastmod>");
        }
        out.append("</url>\n");
    }

    // ---- robots.txt ------------------------------------------------------------------------------------------

    public String defaultRobots() {
        return "User-agent: *\nDisallow: /admin\nDisallow: /api/\nDisallow: /settings\nDisallow: /notifications\n"
                + "Disallow: /embed/\n\nSitemap: " + url("/sitemap.xml") + "\n";
    }

    @Transactional(readOnly = true)
    public String robots() {
        String saved = sql.query("SELECT robots_txt FROM crawl_settings WHERE id = 1", List.of(), rs -> rs.getString(1))
                .stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return saved == null || saved.isBlank() ? defaultRobots() : saved;
    }

    /** Robots text as the console saw it: the saved text, or null for the default. */
    @Transactional(readOnly = true)
    public @Nullable String savedRobots() {
        return sql.query("SELECT robots_txt FROM crawl_settings WHERE id = 1", List.of(), rs -> rs.getString(1))
                .stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    @Transactional
    public void saveRobots(@Nullable String text) {
        if (text != null && text.length() > 20_000) {
            throw Problems.invalidField("robots", "validation.robots");
        }
        String value = text == null || text.isBlank() ? null : text.replace("\r\n", "\n");
        sql.update("UPDATE crawl_settings SET robots_txt = ?, updated_at = ? WHERE id = 1",
                Arrays.asList(value, clock.instant()));
    }

    // ---- feeds -----------------------------------------------------------------------------------------------

    public record Feed(String title, String link, String self, List<Item> items, Instant updated) {
    }

    public record Item(String title, String link, String summary, String author, Instant published, Instant updated,
                       String category) {
    }

    /** The latest threads a guest may read, forum-wide ({@code slug} null) or of one category. */
    @Transactional(readOnly = true)
    public Feed feed(@Nullable String slug) {
        String name = site.settings().name() == null || site.settings().name().isBlank() ? "Ruche" : site.settings().name();
        ForumViews.ThreadPage page;
        String title;
        String link;
        String self;
        if (slug == null) {
            page = threads.latest(Viewer.GUEST, null, null, FEED_SIZE);
            title = name;
            link = url("/");
            self = url("/feeds/latest");
        } else {
            Category category = access.catalog(Viewer.GUEST).requireBySlug(slug);
            page = threads.inCategory(Viewer.GUEST, slug, ThreadQueries.Sort.LATEST, null, FEED_SIZE);
            title = category.name() + " · " + name;
            link = url("/c/" + slug);
            self = url("/feeds/c/" + slug);
        }
        Map<Long, String> excerpts = firstPosts(page.items().stream().map(ForumViews.ThreadSummary::id).toList());
        List<Item> items = page.items().stream().map(t -> new Item(t.title(), url("/t/" + t.id() + "/" + t.slug()),
                excerpts.getOrDefault(t.id(), ""), t.author().displayName(), t.createdAt(), t.lastPostAt(),
                t.category().name())).toList();
        Instant updated = items.stream().map(Item::updated).max(Instant::compareTo).orElse(clock.instant());
        return new Feed(title, link, self, items, updated);
    }

    private Map<Long, String> firstPosts(List<Long> threadIds) {
        Map<Long, String> out = new HashMap<>();
        if (threadIds.isEmpty()) {
            return out;
        }
        sql.query("SELECT thread_id, body_html FROM posts WHERE position = 1 AND deleted_at IS NULL AND hidden_at IS NULL "
                        + "AND thread_id IN (" + Sql.placeholders(threadIds.size()) + ")", new ArrayList<>(threadIds),
                rs -> out.put(rs.getLong(1), excerpt(rs.getString(2))));
        return out;
    }

    private static String excerpt(String html) {
        String text = MarkdownRenderer.textOf(html);
        return text.length() <= 500 ? text : text.substring(0, 499).strip() + "…";
    }

    public String rss(Feed feed) {
        DateTimeFormatter rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>\n");
        out.append("<title>").append(xml(feed.title())).append("</title>\n<link>").append(xml(feed.link()))
                .append("</link>\n<description>").append(xml(feed.title())).append("</description>\n")
                .append("<atom:link href=\"").append(xml(feed.self() + ".rss"))
                .append("\" rel=\"self\" type=\"application/rss+xml\"/>\n")
                .append("<lastBuildDate>").append(rfc1123.format(feed.updated())).append("</lastBuildDate>\n");
        for (Item item : feed.items()) {
            out.append("<item><title>").append(xml(item.title())).append("</title><link>").append(xml(item.link()))
                    .append("</link><guid isPermaLink=\"true\">").append(xml(item.link())).append("</guid>")
                    .append("<description>").append(xml(item.summary())).append("</description>")
                    .append("<category>").append(xml(item.category())).append("</category>")
                    .append("<pubDate>").append(rfc1123.format(item.published())).append("</pubDate></item>\n");
        }
        return out.append("</channel></rss>\n").toString();
    }

    public String atom(Feed feed) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        out.append("<title>").append(xml(feed.title())).append("</title>\n<id>").append(xml(feed.self() + ".atom"))
                .append("</id>\n<link href=\"").append(xml(feed.link())).append("\"/>\n<link rel=\"self\" href=\"")
                .append(xml(feed.self() + ".atom")).append("\"/>\n<updated>")
                .append(DateTimeFormatter.ISO_INSTANT.format(feed.updated())).append("</updated>\n");
        for (Item item : feed.items()) {
            out.append("<entry><title>").append(xml(item.title())).append("</title><id>").append(xml(item.link()))
                    .append("</id><link href=\"").append(xml(item.link())).append("\"/><author><name>")
                    .append(xml(item.author())).append("</name></author><published>")
                    .append(DateTimeFormatter.ISO_INSTANT.format(item.published())).append("</published><updated>")
                    .append(DateTimeFormatter.ISO_INSTANT.format(item.updated())).append("</updated><summary>")
                    .append(xml(item.summary())).append("</summary><category term=\"").append(xml(item.category()))
                    .append("\"/></entry>\n");
        }
        return out.append("</feed>\n").toString();
    }
}
