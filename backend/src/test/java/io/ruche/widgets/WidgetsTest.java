package io.ruche.widgets;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Widgets for the brand's sites: what a guest may see and nothing more, no cookie in either direction, framed only by
 * the allowed origins, an entity tag that answers 304 until the content changes, and a loader under 10 KB gzipped.
 */
@MicronautTest(transactional = false)
class WidgetsTest extends IntegrationTest {

    private static String header(Api.Response r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void latestThreadsShowPublicContentOnlyWithNoCookieAndFollowChanges() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        ForumFixtures forum = new ForumFixtures(admin);
        Api insider = api().registered(TestMembers.uniqueName("insider"));
        long customers = forum.group("customers", insider);
        long open = forum.category("Widget support");
        long closed = forum.category("Widget customers only", Map.of("everyoneSee", false, "membersSee", false,
                "membersReply", false, "membersStart", false, "groupRights", List.of(Map.of("groupId", customers,
                        "see", true, "reply", true, "start", true))));
        String openTitle = "How to export " + TestMembers.uniqueName("w");
        String secretTitle = "Secret roadmap " + TestMembers.uniqueName("w");
        ForumFixtures.thread(insider, open, openTitle, "Where is the export button?", List.of());
        ForumFixtures.thread(insider, closed, secretTitle, "Only for customers", List.of());
        String openSlug = forum.slugOf(open);
        String closedSlug = forum.slugOf(closed);

        // A browser that carries the forum's cookies (a signed-in insider) still gets the guest's view, and no cookie.
        Api browser = api().withCookiesOf(insider);
        Api.Response all = browser.get("/embed/latest-threads?lang=fr&limit=10");
        assertEquals(200, all.status(), all.body());
        assertTrue(all.body().contains("Dernières discussions"), all.body());
        assertFalse(all.body().contains(secretTitle), "a private category's thread never reaches a widget");
        assertTrue(header(all, "Content-Type").startsWith("text/html"));
        assertEquals(null, header(all, "Set-Cookie"), "widgets set no cookie");
        assertEquals(null, header(all, "X-Frame-Options"));
        assertTrue(header(all, "Content-Security-Policy").contains("frame-ancestors 'self'"));
        assertTrue(all.body().contains("target=\"_blank\" rel=\"noopener\""), "links open the forum in a new tab");
        Api.Response secret = api().get("/embed/latest-threads?category=" + closedSlug);
        assertEquals(200, secret.status());
        assertFalse(secret.body().contains(secretTitle), "asking for the private category shows nothing either");
        assertTrue(api().get("/embed/latest-threads?category=" + openSlug).body().contains(openTitle));

        // An entity tag: 304 while nothing changes; a new thread in the category changes the widget within seconds.
        Api.Response first = api().get("/embed/latest-threads?category=" + openSlug);
        String etag = header(first, "ETag");
        assertTrue(etag != null && header(first, "Cache-Control").contains("max-age=60"));
        assertEquals(304, api().header("If-None-Match", etag).get("/embed/latest-threads?category=" + openSlug).status());
        String newer = "Import from CSV " + TestMembers.uniqueName("w");
        ForumFixtures.thread(insider, open, newer, "Is there an import?", List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> api().get("/embed/latest-threads?category=" + openSlug)
                .body().contains(newer));
        assertEquals(200, api().header("If-None-Match", etag).get("/embed/latest-threads?category=" + openSlug).status());
    }

    @Test
    void onlyAllowedOriginsFrameWidgetsAndHearTheirHeight() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        String origin = "https://www." + TestMembers.uniqueName("brand").replace('_', '-').toLowerCase() + ".example";
        Api.Response added = admin.post("/api/v1/admin/widgets/origins", Map.of("origin", origin.toUpperCase()
                + ":443/support/"));
        assertEquals(201, added.status(), added.body());
        assertEquals(origin, added.at("origin"), "kept as an origin: scheme, host, port only when it is not the default");
        assertEquals(422, admin.post("/api/v1/admin/widgets/origins", Map.of("origin", "javascript:alert(1)")).status());
        assertEquals(422, admin.post("/api/v1/admin/widgets/origins", Map.of("origin", "ftp://files.example")).status());

        await().atMost(Duration.ofSeconds(10)).until(() -> header(api().get("/embed/search"), "Content-Security-Policy")
                .contains(origin));
        Api.Response framed = api().get("/embed/search?origin=" + origin);
        assertTrue(framed.body().contains("data-parent-origin=\"" + origin + "\""), "an allowed host hears the height");
        Api.Response stranger = api().get("/embed/search?origin=https://evil.example");
        assertFalse(stranger.body().contains("data-parent-origin"), "another site is told nothing");
        assertFalse(header(stranger, "Content-Security-Policy").contains("evil.example"));
        // The forum's own pages keep refusing to be framed.
        Api.Response page = api().get("/");
        assertEquals("SAMEORIGIN", header(page, "X-Frame-Options"));
        assertTrue(header(page, "Content-Security-Policy").contains("frame-ancestors 'self';"));

        // Access: administrators only.
        String path = "/api/v1/admin/widgets/origins";
        assertEquals(401, api().get(path).status());
        assertEquals(403, api().registered(TestMembers.uniqueName("w")).get(path).status());
        assertEquals(403, ForumFixtures.newModerator(server.getURI()).post(path, Map.of("origin", "https://x.example"))
                .status());
        assertTrue(admin.get(path).body().contains(origin));
        assertEquals(204, admin.delete(path + "?origin=" + origin).status());
        assertEquals(404, admin.delete(path + "?origin=" + origin).status());
    }

    @Test
    void everyWidgetRendersInBothLanguagesAndTheLoaderIsSmall() throws Exception {
        for (String type : List.of("latest-threads", "events", "figures", "search", "contributors")) {
            for (String lang : List.of("en", "fr")) {
                Api.Response r = api().get("/embed/" + type + "?lang=" + lang + "&theme=dark&accent=%23ff0066&radius=4"
                        + "&font=Georgia");
                assertEquals(200, r.status(), type + " " + r.body());
                assertTrue(r.body().contains("<html lang=\"" + lang + "\" data-theme=\"dark\""), r.body());
                assertTrue(r.body().contains("--ruche-color-accent:#ff0066"), "the embed's accent colour");
                assertEquals(null, header(r, "Set-Cookie"));
            }
        }
        Api.Response hostile = api().get("/embed/figures?accent=red;%7Dbody%7Bdisplay:none&font=%3Cscript%3E");
        assertFalse(hostile.body().contains("display:none") || hostile.body().contains("<script>"),
                "overrides are checked, never copied into the page");
        assertEquals(404, api().get("/embed/nothing").status());

        Api.Response loader = api().get("/embed.js");
        assertEquals(200, loader.status());
        assertEquals(null, header(loader, "Set-Cookie"));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(loader.body().getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(gz.size() < 10 * 1024, "embed.js gzipped: " + gz.size() + " bytes");
        assertEquals(200, api().get("/embed-frame.js").status());
        assertEquals(200, api().get("/embed-widget.css").status());
    }

    @Test
    void impressionsAndClicksAreCountedPerWidgetAndSiteWithoutCookies() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        String origin = "https://shop." + TestMembers.uniqueName("brand").replace('_', '-').toLowerCase() + ".example";
        assertEquals(201, admin.post("/api/v1/admin/widgets/origins", Map.of("origin", origin)).status());
        String host = java.net.URI.create(origin).getHost();
        await().atMost(Duration.ofSeconds(10)).until(() -> header(api().get("/embed/search"), "Content-Security-Policy")
                .contains(origin));
        // The widget page posts as a browser's beacon does: text, no cookie, no CSRF token.
        Api widget = api().withoutCsrf().header("Content-Type", "text/plain").header("User-Agent", "Mozilla/5.0 Widget");
        for (int i = 0; i < 3; i++) {
            assertEquals(204, widget.postRaw("/embed/signal", "{\"widget\":\"events\",\"event\":\"impression\","
                    + "\"host\":\"" + origin + "\"}").status());
        }
        Api.Response click = widget.postRaw("/embed/signal", "{\"widget\":\"events\",\"event\":\"click\",\"host\":\""
                + origin + "\"}");
        assertEquals(204, click.status());
        assertEquals(null, header(click, "Set-Cookie"));
        // Not counted: privacy signals, an unknown widget, nonsense.
        assertEquals(204, api().withoutCsrf().header("DNT", "1").header("User-Agent", "Mozilla/5.0").postRaw("/embed/signal",
                "{\"widget\":\"events\",\"event\":\"impression\",\"host\":\"" + origin + "\"}").status());
        assertEquals(204, widget.postRaw("/embed/signal", "{\"widget\":\"nothing\",\"event\":\"impression\"}").status());
        assertEquals(204, widget.postRaw("/embed/signal", "not json").status());

        List<Map<String, Object>> traffic = admin.get("/api/v1/admin/widgets/traffic").jsonList();
        Map<String, Object> row = traffic.stream().filter(r -> host.equals(r.get("host"))).findFirst().orElseThrow();
        assertEquals("events", row.get("widget"));
        assertEquals(3, ((Number) row.get("impressions")).intValue());
        assertEquals(1, ((Number) row.get("clicks")).intValue());
        assertEquals(401, api().get("/api/v1/admin/widgets/traffic").status());
        assertEquals(403, api().registered(TestMembers.uniqueName("w")).get("/api/v1/admin/widgets/traffic").status());
    }

    @Test
    void aThreadsAcceptedAnswerEmbedsByWidgetAndByOEmbedWhenGuestsMayReadIt() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        ForumFixtures forum = new ForumFixtures(admin);
        Api asker = api().registered(TestMembers.uniqueName("ask"));
        Api helper = api().registered(TestMembers.uniqueName("help"));
        long questions = forum.category("Widget questions", Map.of("kind", "QUESTIONS"));
        long hidden = forum.category("Widget staff room", Map.of("everyoneSee", false, "membersSee", false,
                "membersReply", false, "membersStart", false));
        String title = "How do I reset my badge " + TestMembers.uniqueName("q");
        long thread = ForumFixtures.thread(asker, questions, title, "It is stuck.", List.of());
        long answer = ForumFixtures.reply(helper, thread, "Hold **reset** for ten seconds.");
        assertEquals(204, asker.post("/api/v1/threads/" + thread + "/accepted-answer", Map.of("postId", answer)).status());
        long secret = ForumFixtures.thread(admin, hidden, "Staff only plan", "Not for guests", List.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> api().get("/embed/answer?lang=en&thread=" + thread).body()
                .contains("<strong>reset</strong>"));
        Api.Response widget = api().get("/embed/answer?lang=en&thread=" + thread);
        assertTrue(widget.body().contains(title) && widget.body().contains("Accepted answer by"), widget.body());
        assertFalse(api().get("/embed/answer?thread=" + secret).body().contains("Staff only plan"));

        Api.Response oembed = api().get("/oembed?format=json&url=" + server.getURI() + "/t/" + thread + "/x");
        assertEquals(200, oembed.status(), oembed.body());
        assertEquals("rich", oembed.at("type"));
        assertEquals(title, oembed.at("title"));
        assertTrue(((String) oembed.at("html")).contains("/embed/answer?thread=" + thread));
        assertEquals(404, api().get("/oembed?url=" + server.getURI() + "/t/" + secret + "/x").status());
        assertEquals(404, api().get("/oembed?url=https://elsewhere.example/t/" + thread).status());
        assertEquals(501, api().get("/oembed?format=xml&url=/t/" + thread).status());

        String page = api().header("Accept", "text/html").get("/t/" + thread + "/x").body();
        assertTrue(page.contains("type=\"application/json+oembed\""), "thread pages say where their oEmbed is");
        assertFalse(api().header("Accept", "text/html").get("/t/" + secret + "/x").body().contains("json+oembed"));
    }
}
