package io.ruche.pages;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.ruche.accounts.Viewer;
import io.ruche.forum.ThreadRedirects;
import io.ruche.platform.Messages;
import io.ruche.platform.cache.CachedResponses;
import io.ruche.platform.cache.GuestCache;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The public pages as HTML (threads, categories, tags, home, profiles): what a search engine or a reader without
 * JavaScript receives, and what the app mounts over. Every page is rendered as a guest reads it, so one cached copy
 * per address and language serves guests and members alike (members' own state comes from the API); a page guests
 * may not read is the bare app page, never cached with content.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PublicPagesController {

    private static final String VARY = "Accept-Encoding, Accept-Language, Cookie";

    private final PublicPages pages;
    private final GuestCache cache;
    private final Messages messages;
    private final ThreadRedirects redirects;

    public PublicPagesController(PublicPages pages, GuestCache cache, Messages messages, ThreadRedirects redirects) {
        this.pages = pages;
        this.cache = cache;
        this.messages = messages;
        this.redirects = redirects;
    }

    /** {@code ?lang=fr|en} (the hreflang alternates) first, then the browser's Accept-Language. */
    private Texts texts(HttpRequest<?> request, @Nullable String lang) {
        Locale locale = "fr".equals(lang) ? Locale.FRENCH : "en".equals(lang) ? Locale.ENGLISH
                : messages.localeOf(request);
        return new Texts(messages, locale);
    }

    private HttpResponse<byte[]> answer(HttpRequest<?> request, Viewer viewer, String key, Texts t,
                                        Function<Texts, PublicPages.Page> build) {
        GuestCache.Entry entry = cache.get("page:" + t.lang() + ":" + key, () -> {
            PublicPages.Page page = build.apply(t);
            return new GuestCache.Built(page.html().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "text/html;charset=utf-8", page.tags(), page.cacheable());
        });
        // The same bytes for members (rendered as a guest reads them), but no shared cache keeps a member's answer.
        return CachedResponses.of(request, entry, viewer.isMember() ? "private, no-cache" : CachedResponses.PUBLIC, VARY);
    }

    @Get(value = "/", produces = "text/html")
    public HttpResponse<byte[]> home(HttpRequest<?> request, Viewer viewer, @QueryValue @Nullable String after,
                                     @QueryValue @Nullable String lang) {
        return answer(request, viewer, "home:" + after, texts(request, lang), t -> pages.home(after, t));
    }

    @Get(value = "/t/{id:[0-9]+}", produces = "text/html")
    public HttpResponse<?> threadWithoutSlug(long id, HttpRequest<?> request, Viewer viewer,
                                             @QueryValue @Nullable String page, @QueryValue @Nullable String lang) {
        return thread(id, "", request, viewer, page, lang);
    }

    @Get(value = "/t/{id:[0-9]+}/{slug}", produces = "text/html")
    public HttpResponse<?> thread(long id, String slug, HttpRequest<?> request, Viewer viewer,
                                  @QueryValue @Nullable String page, @QueryValue @Nullable String lang) {
        int wanted = pageNumber(page);
        Texts t = texts(request, lang);
        String key = "thread:" + id + ":" + wanted;
        GuestCache.Entry hot = cache.peek("page:" + t.lang() + ":" + key);
        if (hot != null) {
            // The rush: a page in the cache exists, so it was not merged away (a merge drops it).
            return CachedResponses.of(request, hot, viewer.isMember() ? "private, no-cache" : CachedResponses.PUBLIC, VARY);
        }
        Optional<ThreadRedirects.Target> moved = redirects.of(id);
        if (moved.isPresent()) {
            return HttpResponse.status(HttpStatus.MOVED_PERMANENTLY).header(HttpHeaders.LOCATION, "/t/"
                    + moved.get().threadId() + "/" + moved.get().slug()
                    + (moved.get().position() > 1 ? "#post-" + moved.get().position() : ""))
                    .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
        }
        return answer(request, viewer, key, t, texts -> pages.thread(id, wanted, texts));
    }

    /** {@code ?page=} as a person or a crawler may type it: anything but a page number is the first page. */
    static int pageNumber(@Nullable String page) {
        if (page == null || !page.matches("\\d{1,6}")) {
            return 1;
        }
        return Math.max(1, Integer.parseInt(page));
    }

    @Get(value = "/c/{slug}", produces = "text/html")
    public HttpResponse<byte[]> category(String slug, HttpRequest<?> request, Viewer viewer,
                                         @QueryValue @Nullable String after, @QueryValue @Nullable String lang) {
        return answer(request, viewer, "category:" + slug + ":" + after, texts(request, lang),
                t -> pages.category(slug, after, t));
    }

    @Get(value = "/tags/{tag}", produces = "text/html")
    public HttpResponse<byte[]> tag(String tag, HttpRequest<?> request, Viewer viewer,
                                    @QueryValue @Nullable String after, @QueryValue @Nullable String lang) {
        return answer(request, viewer, "tag:" + tag + ":" + after, texts(request, lang), t -> pages.tag(tag, after, t));
    }

    @Get(value = "/u/{username}", produces = "text/html")
    public HttpResponse<byte[]> profile(String username, HttpRequest<?> request, Viewer viewer,
                                        @QueryValue @Nullable String lang) {
        return answer(request, viewer, "profile:" + username, texts(request, lang), t -> pages.profile(username, t));
    }
}
