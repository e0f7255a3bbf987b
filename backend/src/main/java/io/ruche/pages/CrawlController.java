package io.ruche.pages;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.Viewer;
import io.ruche.forum.ForumCacheTags;
import io.ruche.platform.cache.CachedResponses;
import io.ruche.platform.cache.GuestCache;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.util.Set;
import java.util.function.Supplier;

/** Sitemap, robots.txt and feeds for crawlers and feed readers (public, from the guest cache); robots in the console. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class CrawlController {

    private static final String ROBOTS = "robots";

    private final CrawlPages crawl;
    private final GuestCache cache;

    public CrawlController(CrawlPages crawl, GuestCache cache) {
        this.crawl = crawl;
        this.cache = cache;
    }

    private HttpResponse<byte[]> cached(HttpRequest<?> request, String key, String type, Set<String> tags,
                                        Supplier<String> body) {
        GuestCache.Entry entry = cache.get(key, () -> GuestCache.Built.of(body.get(), type, tags));
        return CachedResponses.of(request, entry, CachedResponses.PUBLIC, "Accept-Encoding");
    }

    @Get("/sitemap.xml")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<byte[]> sitemap(HttpRequest<?> request) {
        return cached(request, "sitemap", "application/xml;charset=utf-8", Set.of(ForumCacheTags.LISTS),
                crawl::sitemapIndex);
    }

    @Get("/sitemaps/pages.xml")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<byte[]> sitemapPages(HttpRequest<?> request) {
        return cached(request, "sitemap:pages", "application/xml;charset=utf-8", Set.of(ForumCacheTags.LISTS),
                crawl::sitemapPages);
    }

    @Get("/sitemaps/threads-{range:[0-9]+}.xml")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<byte[]> sitemapThreads(long range, HttpRequest<?> request) {
        return cached(request, "sitemap:threads:" + range, "application/xml;charset=utf-8",
                Set.of(ForumCacheTags.LISTS), () -> crawl.sitemapThreads(range));
    }

    @Get("/robots.txt")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<byte[]> robots(HttpRequest<?> request) {
        return cached(request, "robots", "text/plain;charset=utf-8", Set.of(ROBOTS), crawl::robots);
    }

    @Get("/feeds/latest.rss")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<byte[]> latestRss(HttpRequest<?> request) {
        return cached(request, "feed:rss:", "application/rss+xml;charset=utf-8", Set.of(ForumCacheTags.LISTS),
                () -> crawl.rss(crawl.feed(null)));
    }

    @Get("/feeds/latest.atom")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<byte[]> latestAtom(HttpRequest<?> request) {
        return cached(request, "feed:atom:", "application/atom+xml;charset=utf-8", Set.of(ForumCacheTags.LISTS),
                () -> crawl.atom(crawl.feed(null)));
    }

    @Get("/feeds/c/{slug}.rss")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<byte[]> categoryRss(String slug, HttpRequest<?> request) {
        return cached(request, "feed:rss:" + slug, "application/rss+xml;charset=utf-8", Set.of(ForumCacheTags.LISTS),
                () -> crawl.rss(crawl.feed(slug)));
    }

    @Get("/feeds/c/{slug}.atom")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<byte[]> categoryAtom(String slug, HttpRequest<?> request) {
        return cached(request, "feed:atom:" + slug, "application/atom+xml;charset=utf-8",
                Set.of(ForumCacheTags.LISTS), () -> crawl.atom(crawl.feed(slug)));
    }

    @Serdeable
    public record Robots(@Nullable @Size(max = 20_000, message = "validation.robots") String text, String effective,
                         String defaultText) {
    }

    @Serdeable
    public record SaveRobots(@Nullable @Size(max = 20_000, message = "validation.robots") String text) {
    }

    @Get("/api/v1/admin/robots")
    @Secured("admin")
    public Robots robotsSettings() {
        return new Robots(crawl.savedRobots(), crawl.robots(), crawl.defaultRobots());
    }

    /** Admins change what crawlers are asked; empty goes back to the default. Every node serves it at once. */
    @Put("/api/v1/admin/robots")
    @Secured("admin")
    public Robots saveRobots(@Body @Valid SaveRobots body, Viewer viewer) {
        crawl.saveRobots(body.text());
        broadcast.drop(java.util.List.of(ROBOTS));
        audit.record(viewer.memberId(), "settings.robots", "site", null, "", "robots.txt", null);
        return robotsSettings();
    }

    @jakarta.inject.Inject
    GuestCacheInvalidation.Broadcast broadcast;

    @jakarta.inject.Inject
    io.ruche.forum.StaffActionLog audit;
}
