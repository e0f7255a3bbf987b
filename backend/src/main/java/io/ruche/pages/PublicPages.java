package io.ruche.pages;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Member;
import io.ruche.accounts.Viewer;
import io.ruche.content.MarkdownRenderer;
import io.ruche.forum.Category;
import io.ruche.forum.CategoryAccess;
import io.ruche.forum.CategoryKind;
import io.ruche.forum.ForumCacheTags;
import io.ruche.forum.ForumViews;
import io.ruche.forum.ThreadQueries;
import io.ruche.forum.ThreadService;
import io.ruche.mail.MailSettings;
import io.ruche.platform.PageLinks;
import io.ruche.platform.ProblemException;
import io.ruche.platform.SiteSettings;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public pages as real HTML, read as a guest: a thread (its page of posts, the accepted answer, pages that work
 * without JavaScript), a category, a tag, the home page and a profile, with their head (canonical address, the other
 * language, Open Graph and Twitter cards, feeds, and the thread's JSON-LD). The app mounts over the content.
 */
@Singleton
public class PublicPages {

    public static final int PER_PAGE = 20;
    private static final int LIST_SIZE = 30;
    private static final Pattern FIRST_IMAGE = Pattern.compile("<img[^>]+src=\"([^\"]+)\"");

    /** A rendered page, its status, and the cache tags that drop it. */
    public record Page(HttpStatus status, String html, Set<String> tags, boolean cacheable) {
    }

    private final ThreadService threads;
    private final CategoryAccess access;
    private final AccountService accounts;
    private final io.micronaut.views.jte.HtmlJteViewsRenderer<Object> views;
    private final PageShell shell;
    private final JsonMapper json;
    private final SiteSettings site;
    private final MailSettings mail;
    private final List<PageLinks> links;
    private final Sql sql;

    public PublicPages(ThreadService threads, CategoryAccess access, AccountService accounts,
                       io.micronaut.views.jte.HtmlJteViewsRenderer<Object> views, PageShell shell, JsonMapper json,
                       SiteSettings site, MailSettings mail, List<PageLinks> links, Sql sql) {
        this.threads = threads;
        this.access = access;
        this.accounts = accounts;
        this.views = views;
        this.shell = shell;
        this.json = json;
        this.site = site;
        this.mail = mail;
        this.links = links;
        this.sql = sql;
    }

    private String render(String view, Object model) {
        StringWriter out = new StringWriter(16_384);
        try {
            views.render(view, Map.of("m", model), null).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private String absolute(String path) {
        return mail.publicUrl() + path;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String dateText(Instant at, Texts t) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(t.locale()).withZone(ZoneOffset.UTC)
                .format(at);
    }

    /** The site's name in the page's language (its own if written, else the plain one, else "Ruche"). */
    private String siteName(@Nullable String language) {
        String name = site.settings().nameIn(language);
        return name == null || name.isBlank() ? "Ruche" : name;
    }

    // ---- thread ----------------------------------------------------------------------------------------------

    /** Page {@code page} (from 1) of a thread, or the bare app page when a guest may not read it. */
    public Page thread(long id, int page, Texts t) {
        ForumViews.ThreadDetail detail;
        try {
            detail = threads.detail(Viewer.GUEST, id, (Math.max(1, page) - 1) * PER_PAGE, PER_PAGE);
        } catch (ProblemException hidden) {
            return bare(t, Set.of(ForumCacheTags.thread(id)));
        }
        ForumViews.ThreadSummary thread = detail.thread();
        int pages = Math.max(1, (threads.lastPosition(id) + PER_PAGE - 1) / PER_PAGE);
        int current = Math.min(Math.max(1, page), pages);
        String path = "/t/" + id + "/" + thread.slug();
        String canonical = absolute(path + (current > 1 ? "?page=" + current : ""));
        List<PageModels.PostItem> posts = detail.posts().stream().map(p -> post(p, t)).toList();
        PageModels.PostItem accepted = detail.acceptedAnswer() == null ? null : post(detail.acceptedAnswer(), t);
        List<PageModels.Link> pageLinks = new ArrayList<>();
        for (int n = 1; n <= pages; n++) {
            pageLinks.add(new PageModels.Link(path + (n > 1 ? "?page=" + n : ""), String.valueOf(n), n == current));
        }
        PageModels.ThreadModel model = new PageModels.ThreadModel(thread.title(), List.of(
                new PageModels.Link("/", t.get("home"), false),
                new PageModels.Link("/c/" + thread.category().slug(), thread.category().name(), false)),
                t.get("threadStats", thread.replies(), thread.views()), thread.tags(),
                current == 1 ? accepted : null, t.get("acceptedAnswer"), posts, pageLinks, t.get("pages"),
                detail.staffNote(), thread.locked() ? t.get("locked") : "", t);
        String description = detail.description();
        StringBuilder head = new StringBuilder();
        meta(head, description, canonical, path + (current > 1 ? "?page=" + current : ""), t);
        if (current > 1) {
            head.append("<link rel=\"prev\" href=\"").append(PageShell.escape(absolute(path
                    + (current > 2 ? "?page=" + (current - 1) : "")))).append("\">\n");
        }
        if (current < pages) {
            head.append("<link rel=\"next\" href=\"").append(PageShell.escape(absolute(path + "?page=" + (current + 1))))
                    .append("\">\n");
        }
        String image = firstImage(detail.posts().isEmpty() ? null : detail.posts().get(0).html());
        social(head, "article", thread.title(), description, canonical, image);
        for (PageLinks source : links) {
            for (PageLinks.Link link : source.forPath(path)) {
                head.append("<link rel=\"").append(PageShell.escape(link.rel())).append("\" type=\"")
                        .append(PageShell.escape(link.type())).append("\" href=\"").append(PageShell.escape(link.href()))
                        .append("\" title=\"").append(PageShell.escape(link.title())).append("\">\n");
            }
        }
        head.append("<script type=\"application/ld+json\">").append(jsonLd(detail, canonical, pages > 1))
                .append("</script>\n");
        String html = shell.page(t.lang(), thread.title() + " · " + siteName(t.lang()), head.toString(),
                render("thread", model));
        return new Page(HttpStatus.OK, html, ForumCacheTags.of(detail), true);
    }

    private PageModels.PostItem post(ForumViews.PostView p, Texts t) {
        String placeholder = p.deleted() ? t.get("deletedPost") : p.hidden() ? t.get("hiddenPost") : "";
        return new PageModels.PostItem(p.position(), p.author().displayName(), "/u/" + enc(p.author().username()),
                p.createdAt().toString(), dateText(p.createdAt(), t), p.deleted() ? null : p.html(), placeholder,
                p.accepted(), p.official());
    }

    private static @Nullable String firstImage(@Nullable String html) {
        if (html == null) {
            return null;
        }
        Matcher m = FIRST_IMAGE.matcher(html);
        return m.find() ? m.group(1) : null;
    }

    /** Schema.org: a solved question is a QAPage naming its accepted answer, any other thread a forum posting. */
    String jsonLd(ForumViews.ThreadDetail detail, String canonical, boolean paged) {
        ForumViews.ThreadSummary thread = detail.thread();
        ForumViews.PostView first = detail.posts().isEmpty() || detail.posts().get(0).position() != 1 ? null
                : detail.posts().get(0);
        String text = first == null || first.html() == null ? detail.description() : MarkdownRenderer.textOf(first.html());
        String pageUrl = paged ? canonical.replaceFirst("\\?page=\\d+$", "") : canonical;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("@context", "https://schema.org");
        boolean qa = thread.category().kind() == CategoryKind.QUESTIONS && detail.acceptedAnswer() != null;
        if (qa) {
            ForumViews.PostView answer = detail.acceptedAnswer();
            Map<String, Object> question = new LinkedHashMap<>();
            question.put("@type", "Question");
            question.put("name", thread.title());
            question.put("text", text);
            question.put("answerCount", thread.replies());
            question.put("dateCreated", thread.createdAt().toString());
            question.put("author", person(thread.author()));
            Map<String, Object> accepted = new LinkedHashMap<>();
            accepted.put("@type", "Answer");
            accepted.put("text", answer.html() == null ? "" : MarkdownRenderer.textOf(answer.html()));
            accepted.put("dateCreated", answer.createdAt().toString());
            accepted.put("url", pageUrl + "#post-" + answer.position());
            accepted.put("upvoteCount", answer.reactions().stream().mapToInt(ForumViews.ReactionView::count).sum());
            accepted.put("author", person(answer.author()));
            question.put("acceptedAnswer", accepted);
            data.put("@type", "QAPage");
            data.put("mainEntity", question);
        } else {
            data.put("@type", "DiscussionForumPosting");
            data.put("headline", thread.title());
            data.put("text", text);
            data.put("url", canonical);
            data.put("datePublished", thread.createdAt().toString());
            data.put("dateModified", thread.lastPostAt().toString());
            data.put("author", person(thread.author()));
            data.put("interactionStatistic", Map.of("@type", "InteractionCounter",
                    "interactionType", "https://schema.org/CommentAction", "userInteractionCount", thread.replies()));
            List<Map<String, Object>> comments = new ArrayList<>();
            for (ForumViews.PostView p : detail.posts()) {
                if (p.position() == 1 || p.html() == null) {
                    continue;
                }
                Map<String, Object> comment = new LinkedHashMap<>();
                comment.put("@type", "Comment");
                // The page shows each reply in full; the structured data names them with their start (a page
                // stays light under a rush, and the answer's full text is in the page itself).
                comment.put("text", excerpt(MarkdownRenderer.textOf(p.html()), 280));
                comment.put("datePublished", p.createdAt().toString());
                comment.put("url", pageUrl + "#post-" + p.position());
                comment.put("author", person(p.author()));
                comments.add(comment);
            }
            data.put("comment", comments);
        }
        try {
            // Nothing in a string may close or open markup inside the script element.
            return json.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String excerpt(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1).strip() + "…";
    }

    private Map<String, Object> person(ForumViews.MemberRef member) {
        return Map.of("@type", "Person", "name", member.displayName(), "url", absolute("/u/" + enc(member.username())));
    }

    // ---- lists -----------------------------------------------------------------------------------------------

    public Page home(@Nullable String after, Texts t) {
        ForumViews.ThreadPage page = threads.latest(Viewer.GUEST, null, after, LIST_SIZE);
        List<PageModels.Link> categories = access.catalog(Viewer.GUEST).visible().values().stream()
                .filter(c -> c.parentId() == null)
                .sorted(java.util.Comparator.comparingInt(Category::position).thenComparing(Category::name))
                .map(c -> new PageModels.Link("/c/" + c.slug(), c.name(), false)).toList();
        String description = site.settings().descriptionIn(t.lang());
        return list("/", after, siteName(t.lang()), description, List.of(), page, categories, t,
                description == null || description.isBlank() ? t.get("homeDescription", siteName(t.lang()))
                        : description);
    }

    public Page category(String slug, @Nullable String after, Texts t) {
        Category category;
        try {
            category = access.catalog(Viewer.GUEST).requireBySlug(slug);
        } catch (ProblemException hidden) {
            return bare(t, Set.of(ForumCacheTags.LISTS));
        }
        ForumViews.ThreadPage page = threads.inCategory(Viewer.GUEST, slug, ThreadQueries.Sort.LATEST, after, LIST_SIZE);
        return list("/c/" + slug, after, category.name(), category.description(),
                List.of(new PageModels.Link("/", t.get("home"), false)), page, List.of(), t,
                category.description() == null || category.description().isBlank()
                        ? t.get("categoryDescription", category.name()) : category.description());
    }

    public Page tag(String tag, @Nullable String after, Texts t) {
        ForumViews.ThreadPage page = threads.latest(Viewer.GUEST, tag, after, LIST_SIZE);
        return list("/tags/" + enc(tag), after, "#" + tag, null, List.of(new PageModels.Link("/", t.get("home"), false)),
                page, List.of(), t, t.get("tagDescription", tag));
    }

    private Page list(String path, @Nullable String after, String heading, @Nullable String description,
                      List<PageModels.Link> crumbs, ForumViews.ThreadPage page, List<PageModels.Link> categories,
                      Texts t, String metaDescription) {
        List<PageModels.ThreadItem> items = page.items().stream().map(s -> item(s, t)).toList();
        PageModels.Link next = page.nextAfter() == null ? null
                : new PageModels.Link(path + "?after=" + enc(page.nextAfter()), t.get("olderThreads"), false);
        PageModels.Link first = after == null ? null : new PageModels.Link(path, t.get("newestThreads"), false);
        PageModels.ListModel model = new PageModels.ListModel(heading, description, crumbs, items, t.get("noThreads"),
                next, first, categories, t.get("categories"), t);
        String canonical = absolute(path + (after == null ? "" : "?after=" + enc(after)));
        StringBuilder head = new StringBuilder();
        meta(head, metaDescription, canonical, path + (after == null ? "" : "?after=" + enc(after)), t);
        if (next != null) {
            head.append("<link rel=\"next\" href=\"").append(PageShell.escape(absolute(next.href()))).append("\">\n");
        }
        social(head, "website", heading, metaDescription, canonical, null);
        String feed = path.equals("/") ? "/feeds/latest" : "/feeds" + path;
        if (!path.startsWith("/tags/")) {
            head.append("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"").append(PageShell.escape(heading))
                    .append("\" href=\"").append(PageShell.escape(feed + ".rss")).append("\">\n")
                    .append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
                    .append(PageShell.escape(heading)).append("\" href=\"").append(PageShell.escape(feed + ".atom"))
                    .append("\">\n");
        }
        String title = path.equals("/") ? heading : heading + " · " + siteName(t.lang());
        return new Page(HttpStatus.OK, shell.page(t.lang(), title, head.toString(), render("list", model)),
                Set.of(ForumCacheTags.LISTS), true);
    }

    private PageModels.ThreadItem item(ForumViews.ThreadSummary s, Texts t) {
        return new PageModels.ThreadItem(s.title(), "/t/" + s.id() + "/" + s.slug(), s.category().name(),
                "/c/" + s.category().slug(), t.get("threadMeta", s.replies(), dateText(s.lastPostAt(), t)), s.solved(),
                s.pinned() || s.pinnedGlobally());
    }

    // ---- profile ---------------------------------------------------------------------------------------------

    @io.micronaut.transaction.annotation.Transactional(readOnly = true)
    public Page profile(String username, Texts t) {
        Member member;
        try {
            member = accounts.byUsername(username);
        } catch (ProblemException missing) {
            return bare(t, Set.of(ForumCacheTags.LISTS));
        }
        List<Long> visible = access.catalog(Viewer.GUEST).visibleIds();
        List<PageModels.ThreadItem> items = new ArrayList<>();
        if (!visible.isEmpty()) {
            List<Object> params = new ArrayList<>();
            params.add(member.id());
            params.addAll(visible);
            record Row(long id, String title, String slug, long categoryId, int replies, Instant last, boolean solved) {
            }
            Map<Long, Category> categories = access.catalog(Viewer.GUEST).visible();
            for (Row r : sql.query("SELECT id, title, slug, category_id, post_count, last_post_at, accepted_post_id IS NOT NULL "
                            + "FROM threads WHERE author_id = ? AND category_id IN (" + Sql.placeholders(visible.size())
                            + ") ORDER BY last_post_at DESC LIMIT 20", params,
                    rs -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5),
                            Sql.instant(rs, 6), rs.getBoolean(7)))) {
                Category c = categories.get(r.categoryId());
                items.add(new PageModels.ThreadItem(r.title(), "/t/" + r.id() + "/" + r.slug(), c.name(),
                        "/c/" + c.slug(), t.get("threadMeta", Math.max(0, r.replies() - 1), dateText(r.last(), t)),
                        r.solved(), false));
            }
        }
        String avatar = "/api/v1/members/" + enc(member.username()) + "/avatar.svg";
        PageModels.ProfileModel model = new PageModels.ProfileModel(member.displayName(), member.username(),
                member.bio(), t.get("joined", dateText(member.createdAt(), t)), avatar, items, t.get("threadsStarted"),
                t.get("noThreadsStarted"), t);
        String path = "/u/" + enc(member.username());
        String description = member.bio() == null || member.bio().isBlank()
                ? t.get("profileDescription", member.displayName(), siteName(t.lang())) : member.bio();
        StringBuilder head = new StringBuilder();
        meta(head, description, absolute(path), path, t);
        social(head, "profile", member.displayName(), description, absolute(path), null);
        return new Page(HttpStatus.OK, shell.page(t.lang(), member.displayName() + " · " + siteName(t.lang()), head.toString(),
                render("profile", model)), Set.of(ForumCacheTags.LISTS), true);
    }

    // ---- head ------------------------------------------------------------------------------------------------

    /**
     * The app's page with no content, kept out of search engines: what guests may not read and what does not exist
     * look the same (a guest learns nothing of a private thread); the app shows a member what they may read. Not
     * cached: a member's page must never be a guest's. (A 404 here would be replaced by the app's own not-found
     * page, which is the same page without the robots tag.)
     */
    Page bare(Texts t, Set<String> tags) {
        String head = "<meta name=\"robots\" content=\"noindex\">\n";
        return new Page(HttpStatus.OK, shell.page(t.lang(), siteName(t.lang()), head, ""), tags, false);
    }

    private void meta(StringBuilder head, String description, String canonical, String path, Texts t) {
        String separator = path.contains("?") ? "&" : "?";
        head.append("<meta name=\"description\" content=\"").append(PageShell.escape(description)).append("\">\n")
                .append("<link rel=\"canonical\" href=\"").append(PageShell.escape(canonical)).append("\">\n");
        for (String lang : List.of("en", "fr")) {
            head.append("<link rel=\"alternate\" hreflang=\"").append(lang).append("\" href=\"")
                    .append(PageShell.escape(absolute(path + separator + "lang=" + lang))).append("\">\n");
        }
        head.append("<link rel=\"alternate\" hreflang=\"x-default\" href=\"").append(PageShell.escape(canonical))
                .append("\">\n");
    }

    private void social(StringBuilder head, String type, String title, String description, String url,
                        @Nullable String image) {
        String picture = image == null ? absolute("/theme/assets/logo.svg")
                : image.startsWith("http") ? image : absolute(image.startsWith("/") ? image : "/" + image);
        head.append("<meta property=\"og:type\" content=\"").append(type).append("\">\n")
                .append("<meta property=\"og:site_name\" content=\"").append(PageShell.escape(siteName(null))).append("\">\n")
                .append("<meta property=\"og:title\" content=\"").append(PageShell.escape(title)).append("\">\n")
                .append("<meta property=\"og:description\" content=\"").append(PageShell.escape(description)).append("\">\n")
                .append("<meta property=\"og:url\" content=\"").append(PageShell.escape(url)).append("\">\n")
                .append("<meta property=\"og:image\" content=\"").append(PageShell.escape(picture)).append("\">\n")
                .append("<meta name=\"twitter:card\" content=\"").append(image == null ? "summary" : "summary_large_image")
                .append("\">\n")
                .append("<meta name=\"twitter:title\" content=\"").append(PageShell.escape(title)).append("\">\n")
                .append("<meta name=\"twitter:description\" content=\"").append(PageShell.escape(description)).append("\">\n")
                .append("<meta name=\"twitter:image\" content=\"").append(PageShell.escape(picture)).append("\">\n");
    }
}
