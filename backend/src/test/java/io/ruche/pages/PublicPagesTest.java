package io.ruche.pages;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public read path through HTTP: threads, lists and profiles as real HTML with their JSON-LD and pages that
 * work without JavaScript, the sitemap, robots.txt and feeds, and the guest cache (ETag, gzip, no private content
 * and no member state in it, dropped on every node when a thread changes).
 */
@MicronautTest(transactional = false)
@SuppressWarnings("unchecked")
class PublicPagesTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    JsonMapper json;

    private EmbeddedServer nodeB;
    private Api admin;
    private ForumFixtures fixtures;
    private long questions;
    private long open;

    @BeforeAll
    void setUp() {
        admin = ForumFixtures.newAdmin(server.getURI());
        fixtures = new ForumFixtures(admin);
        questions = fixtures.category("Public questions", Map.of("kind", "QUESTIONS"));
        open = fixtures.category("Public talk");
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("micronaut.server.port", -1);
        nodeB = ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    @AfterAll
    void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    private record Page(int status, String body, java.net.http.HttpHeaders headers, byte[] raw) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private static Page get(URI base, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = response.body();
        if ("gzip".equals(response.headers().firstValue("Content-Encoding").orElse(null))) {
            body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
        }
        return new Page(response.statusCode(), new String(body, StandardCharsets.UTF_8), response.headers(),
                response.body());
    }

    private Page guest(String path, String... headers) throws Exception {
        return get(server.getURI(), path, headers);
    }

    private Map<String, Object> jsonLd(String html) throws Exception {
        Matcher m = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "a JSON-LD block");
        return json.readValue(m.group(1), Map.class);
    }

    @Test
    void aSolvedQuestionIsRealHtmlWithItsAnswerAndPagesThatWorkWithoutJavaScript() throws Exception {
        Api asker = api().registered(TestMembers.uniqueName("asker"));
        Api helper = api().registered(TestMembers.uniqueName("helper"));
        long thread = ForumFixtures.thread(asker, questions, "How do I export my invoices?",
                "I need them as **PDF** <script>alert(1)</script>", List.of());
        long answer = ForumFixtures.reply(helper, thread, "Open Billing, then Export: it makes a PDF </script><b>x</b>.");
        for (int i = 3; i <= 25; i++) {
            ForumFixtures.reply(i % 2 == 0 ? asker : helper, thread, "Reply number " + i + " with some words");
        }
        assertEquals(204, asker.post("/api/v1/threads/" + thread + "/accepted-answer", Map.of("postId", answer)).status());

        Page page = guest("/t/" + thread + "/how-do-i-export-my-invoices", "Accept-Language", "fr-FR,fr;q=0.9");
        assertEquals(200, page.status());
        assertTrue(page.body().startsWith("<!doctype html>") || page.body().startsWith("<!DOCTYPE html>"), page.body());
        assertTrue(page.body().contains("<html lang=\"fr\""), "the reader's language");
        assertTrue(page.body().contains("<title>How do I export my invoices?"));
        assertTrue(page.body().contains("<strong>PDF</strong>"), "the same sanitized HTML as the API");
        assertFalse(page.body().contains("<script>alert(1)"));
        for (int i = 3; i <= 20; i++) {
            assertTrue(page.body().contains("Reply number " + i + " "), "post " + i + " of page 1");
        }
        assertFalse(page.body().contains("Reply number 21 "), "page 2 is its own page");
        assertTrue(page.body().contains("Réponse acceptée"));
        assertTrue(page.body().contains("<link rel=\"canonical\" href=\"") && page.body().contains(
                "/t/" + thread + "/how-do-i-export-my-invoices\">"));
        assertTrue(page.body().contains("hreflang=\"en\"") && page.body().contains("hreflang=\"fr\""));
        assertTrue(page.body().contains("<meta property=\"og:title\" content=\"How do I export my invoices?\">"));

        Map<String, Object> ld = jsonLd(page.body());
        assertEquals("QAPage", ld.get("@type"));
        Map<String, Object> question = (Map<String, Object>) ld.get("mainEntity");
        assertEquals("How do I export my invoices?", question.get("name"));
        Map<String, Object> accepted = (Map<String, Object>) question.get("acceptedAnswer");
        assertTrue(((String) accepted.get("text")).startsWith("Open Billing, then Export"), accepted.toString());
        assertTrue(((String) accepted.get("url")).endsWith("#post-2"));

        // Page 2 without JavaScript: the link is in the page, and it serves the next posts.
        assertTrue(page.body().contains("href=\"/t/" + thread + "/how-do-i-export-my-invoices?page=2\""));
        Page second = guest("/t/" + thread + "/how-do-i-export-my-invoices?page=2");
        assertTrue(second.body().contains("Reply number 21 ") && second.body().contains("Reply number 25 "));
        assertFalse(second.body().contains("Reply number 20 "));
        assertTrue(second.body().contains("<link rel=\"prev\""));
        Page typed = guest("/t/" + thread + "/how-do-i-export-my-invoices?page=two");
        assertEquals(200, typed.status(), "a page number typed wrong is the first page, not an error");
        assertTrue(typed.body().contains("Reply number 3 "));
    }

    @Test
    void aDiscussionIsAForumPostingAndListsProfilesAndTagsAreHtmlToo() throws Exception {
        Api author = api().registered(TestMembers.uniqueName("writer"));
        long thread = ForumFixtures.thread(author, open, "Show your desk setup", "Mine has a plant", List.of("desks"));
        ForumFixtures.reply(admin, thread, "Nice plant");
        Map<String, Object> ld = jsonLd(guest("/t/" + thread + "/show-your-desk-setup").body());
        assertEquals("DiscussionForumPosting", ld.get("@type"));
        assertEquals("Show your desk setup", ld.get("headline"));
        assertEquals("Nice plant", ((List<Map<String, Object>>) ld.get("comment")).get(0).get("text"));

        assertTrue(guest("/").body().contains("Show your desk setup"), "the home page lists it");
        String slug = (String) admin.get("/api/v1/categories").jsonList().stream()
                .filter(c -> ((Number) c.get("id")).longValue() == open).findFirst().orElseThrow().get("slug");
        Page category = guest("/c/" + slug, "Accept-Language", "en");
        assertTrue(category.body().contains("Show your desk setup") && category.body().contains("<h1>Public talk</h1>"));
        assertTrue(category.body().contains("/feeds/c/" + slug + ".rss"));
        assertTrue(guest("/tags/desks").body().contains("Show your desk setup"));
        String username = (String) author.get("/api/v1/session").at("member.username");
        Page profile = guest("/u/" + username);
        assertTrue(profile.body().contains("Show your desk setup"), profile.status() + " " + profile.body());
        assertTrue(guest("/t/999999999/nothing").body().contains("<meta name=\"robots\" content=\"noindex\">"),
                "a missing thread is the app's page, kept out of search engines");
    }

    @Test
    void privateThreadsStayOutOfPagesSitemapAndFeedsAndTheCacheHoldsNoMemberState() throws Exception {
        Api insider = api().registered(TestMembers.uniqueName("insider"));
        long group = fixtures.group("insiders", insider);
        long secret = fixtures.category("Insiders only", Map.of("membersSee", false, "membersReply", false,
                "membersStart", false, "everyoneSee", false, "groupRights",
                List.of(Map.of("groupId", group, "see", true, "reply", true, "start", true))));
        long hidden = ForumFixtures.thread(insider, secret, "Secret roadmap", "Launch in May", List.of());
        long visible = ForumFixtures.thread(insider, open, "Open roadmap", "Everyone can read this", List.of());

        // The member reads the private thread first (it must not fill the shared cache), then a guest asks.
        assertTrue(api().withCookiesOf(insider).header("Accept", "text/html").get("/t/" + hidden + "/secret-roadmap").body()
                .contains("<div id=\"app\"></div>"), "the app fetches it for the member; no content in the shared page");
        Page page = guest("/t/" + hidden + "/secret-roadmap");
        assertFalse(page.body().contains("Launch in May"), page.body());
        assertTrue(page.body().contains("noindex"), page.status() + " " + page.body());
        assertEquals(404, api().get("/api/v1/threads/" + hidden).status(), "guests do not learn it exists");

        // A member's JSON carries their rights; the guest's cached JSON never does.
        Api member = api().registered(TestMembers.uniqueName("member"));
        assertEquals(true, member.get("/api/v1/threads/" + visible).at("canReply"));
        assertEquals(false, api().get("/api/v1/threads/" + visible).at("canReply"));
        assertEquals(false, api().get("/api/v1/threads/" + visible).at("canReply"), "from the cache, the same");
        assertEquals(true, insider.get("/api/v1/threads/" + visible).at("posts.0.canEdit"), "and members keep theirs");

        String sitemap = guest("/sitemap.xml").body();
        assertTrue(sitemap.contains("/sitemaps/threads-0.xml"), sitemap);
        String threads = guest("/sitemaps/threads-" + (visible / CrawlPages.RANGE) + ".xml").body();
        assertTrue(threads.contains("/t/" + visible + "/open-roadmap</loc><lastmod>"), threads);
        assertFalse(threads.contains("/t/" + hidden + "/"), "only what guests may read");
        assertFalse(guest("/sitemaps/pages.xml").body().contains("insiders-only"));
        assertFalse(guest("/feeds/latest.rss").body().contains("Secret roadmap"));
        assertTrue(guest("/feeds/latest.atom").body().contains("Open roadmap"));
    }

    @Test
    void guestAnswersCarryAnEtagAndGzipAndEveryNodeDropsAChangedThreadWithinASecond() throws Exception {
        Api author = api().registered(TestMembers.uniqueName("editor"));
        long thread = ForumFixtures.thread(author, open, "Cache me", "First version of the text", List.of());
        long post = ((Number) author.get("/api/v1/threads/" + thread).at("posts.0.id")).longValue();
        String path = "/t/" + thread + "/cache-me";

        Page plain = guest(path);
        String etag = plain.header("ETag");
        assertNotNull(etag);
        assertTrue(plain.header("Cache-Control").contains("s-maxage"), plain.header("Cache-Control"));
        assertEquals(304, guest(path, "If-None-Match", etag).status());
        Page zipped = guest(path, "Accept-Encoding", "gzip, deflate");
        assertEquals("gzip", zipped.header("Content-Encoding"));
        assertEquals(plain.body(), zipped.body());
        assertTrue(zipped.raw().length < plain.raw().length);
        assertTrue(get(nodeB.getURI(), path).body().contains("First version"), "node B caches it too");
        assertTrue(get(nodeB.getURI(), "/api/v1/threads/" + thread).body().contains("First version"));

        assertEquals(200, author.patch("/api/v1/posts/" + post, Map.of("body", "Second version of the text")).status());
        long edited = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                get(nodeB.getURI(), path).body().contains("Second version")
                        && guest(path).body().contains("Second version")
                        && get(nodeB.getURI(), "/api/v1/threads/" + thread).body().contains("Second version"));
        long millis = (System.nanoTime() - edited) / 1_000_000;
        assertTrue(millis < 2_000, "visible on both nodes after " + millis + " ms");
        assertTrue(!guest(path).header("ETag").equals(etag));

        // Hidden, moved and deleted posts leave the cached pages too.
        Api moderator = ForumFixtures.newModerator(server.getURI());
        long reply = ForumFixtures.reply(author, thread, "A reply to delete later");
        await().atMost(Duration.ofSeconds(5)).until(() -> get(nodeB.getURI(), path).body().contains("A reply to delete"));
        assertEquals(204, author.delete("/api/v1/posts/" + reply).status());
        await().atMost(Duration.ofSeconds(5)).until(() -> !get(nodeB.getURI(), path).body().contains("A reply to delete"));
        long flagged = ForumFixtures.reply(author, thread, "A reply the moderators will hide");
        await().atMost(Duration.ofSeconds(5)).until(() -> get(nodeB.getURI(), path).body().contains("will hide"));
        Api flagger = api().registered(TestMembers.uniqueName("flagger"));
        assertEquals(204, flagger.post("/api/v1/posts/" + flagged + "/flags", Map.of("reason", "SPAM")).status());
        long item = Long.parseLong(TestDatabase.queryString("SELECT id FROM review_items WHERE post_id = " + flagged));
        assertEquals(200, moderator.post("/api/v1/admin/review/actions", Map.of("ids", List.of(item), "action", "AGREE"))
                .status());
        await().atMost(Duration.ofSeconds(5)).until(() -> !get(nodeB.getURI(), path).body().contains("will hide")
                && !guest("/api/v1/threads/" + thread).body().contains("will hide"));
        long other = fixtures.category("Moved here");
        assertEquals(200, moderator.patch("/api/v1/threads/" + thread, Map.of("categoryId", other)).status());
        await().atMost(Duration.ofSeconds(5)).until(() -> get(nodeB.getURI(), path).body().contains("Moved here"));
    }

    @Test
    void membersReadTheSharedPageAndTheirOwnPartBesideIt() throws Exception {
        Api author = api().registered(TestMembers.uniqueName("owner"));
        Api reader = api().registered(TestMembers.uniqueName("reader"));
        long thread = ForumFixtures.thread(author, open, "Shared and mine", "Shared body", List.of());
        long reply = ForumFixtures.reply(reader, thread, "My reply");
        long first = ((Number) author.get("/api/v1/threads/" + thread).at("posts.0.id")).longValue();
        assertEquals(200, reader.post("/api/v1/posts/" + first + "/reactions/like", null).status());

        Api.Response shared = reader.get("/api/v1/threads/" + thread + "?shared=true");
        assertEquals(api().get("/api/v1/threads/" + thread).body(), shared.body(), "the bytes every guest gets");
        assertEquals("private, no-cache", shared.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(false, shared.at("posts.0.reactions.0.mine"));
        Api.Response mine = reader.get("/api/v1/threads/" + thread + "/me");
        assertEquals(true, mine.at("canReply"));
        assertEquals(List.of("like"), mine.at("posts.0.mine"));
        assertEquals(false, mine.at("posts.0.canEdit"));
        assertEquals(true, mine.at("posts.1.canEdit"), "their own reply");
        assertEquals(reply, ((Number) mine.at("posts.1.id")).longValue());
        assertEquals(401, api().get("/api/v1/threads/" + thread + "/me").status());

        // A thread guests may not read comes whole to a member who may, even when asked for the shared page.
        Api insider = api().registered(TestMembers.uniqueName("ins"));
        long group = fixtures.group("shared-insiders", insider);
        long secret = fixtures.category("Shared secret", Map.of("membersSee", false, "membersReply", false,
                "membersStart", false, "everyoneSee", false, "groupRights",
                List.of(Map.of("groupId", group, "see", true, "reply", true, "start", true))));
        long hidden = ForumFixtures.thread(insider, secret, "Members only", "Inside", List.of());
        Api.Response whole = insider.get("/api/v1/threads/" + hidden + "?shared=true");
        assertEquals(true, whole.at("canReply"));
        assertEquals(404, reader.get("/api/v1/threads/" + hidden + "?shared=true").status());
        assertEquals(404, reader.get("/api/v1/threads/" + hidden + "/me").status());
    }

    @Test
    void aRushOnAColdPageBuildsItOnceAndEveryGuestGetsTheSameBytes() throws Exception {
        Api author = api().registered(TestMembers.uniqueName("rush"));
        long thread = ForumFixtures.thread(author, open, "Status: outage resolved", "All systems are back", List.of());
        String path = "/t/" + thread + "/status-outage-resolved";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(24);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Page>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return guest(path, "Accept-Encoding", "gzip", "Accept-Language", "en");
                }));
            }
            start.countDown();
            java.util.Set<String> etags = new java.util.HashSet<>();
            for (java.util.concurrent.Future<Page> answer : answers) {
                Page page = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(200, page.status());
                assertTrue(page.body().contains("All systems are back"));
                etags.add(page.header("ETag"));
            }
            assertEquals(1, etags.size(), "one build, the same bytes for everyone: " + etags);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void robotsTxtIsTheDefaultUntilAnAdminChangesIt() throws Exception {
        String robots = guest("/robots.txt").body();
        assertTrue(robots.contains("Disallow: /admin") && robots.contains("Sitemap: "), robots);
        Api member = api().registered(TestMembers.uniqueName("robot"));
        assertEquals(403, member.put("/api/v1/admin/robots", Map.of("text", "User-agent: *\nDisallow: /")).status());
        assertEquals(401, api().get("/api/v1/admin/robots").status());
        assertEquals(200, admin.put("/api/v1/admin/robots", Map.of("text", "User-agent: *\nDisallow: /private\n")).status());
        await().atMost(Duration.ofSeconds(5)).until(() -> guest("/robots.txt").body().contains("Disallow: /private"));
        assertEquals(422, admin.put("/api/v1/admin/robots", Map.of("text", "x".repeat(20_001))).status());
        admin.put("/api/v1/admin/robots", Map.of("text", ""));
        await().atMost(Duration.ofSeconds(5)).until(() -> guest("/robots.txt").body().contains("Disallow: /admin"));
    }
}
