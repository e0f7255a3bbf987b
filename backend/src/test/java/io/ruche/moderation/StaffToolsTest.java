package io.ruche.moderation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staff tools a moderator can trust, through the API: a merged thread's old address redirects, thread tools leave
 * notes and can be undone, authors hear when their posts move or are approved or rejected, the queue shows flaggers'
 * accuracy and agree / disagree / ignore, quotes and grouped reactions notify truthfully, the audit log reads in
 * words with links, filters and CSV, and the dashboard counts what waits.
 */
@MicronautTest(transactional = false)
@SuppressWarnings("unchecked")
class StaffToolsTest extends IntegrationTest {

    private Api moderator;
    private long category;
    private long other;

    @BeforeAll
    void setUp() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        ForumFixtures fixtures = new ForumFixtures(admin);
        moderator = ForumFixtures.newModerator(server.getURI());
        category = fixtures.category("Staff tools");
        other = fixtures.category("Elsewhere");
    }

    private record Person(String name, Api api) {
    }

    private Person person(String prefix) {
        String name = TestMembers.uniqueName(prefix);
        Api api = api().registered(name);
        api.put("/api/v1/notifications/preferences", Map.of("channels", Map.of("BADGE", "OFF")));
        return new Person(name, api);
    }

    private static List<Map<String, Object>> notes(Api api, long thread) {
        return (List<Map<String, Object>>) api.get("/api/v1/threads/" + thread).at("notes");
    }

    private static List<Map<String, Object>> notifications(Api api) {
        return (List<Map<String, Object>>) api.get("/api/v1/notifications").at("items");
    }

    private static Map<String, Object> awaitNotification(Api api, String kind) {
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications(api).stream()
                .anyMatch(n -> kind.equals(n.get("kind"))));
        return notifications(api).stream().filter(n -> kind.equals(n.get("kind"))).findFirst().orElseThrow();
    }

    private static long postId(Api api, long thread, int index) {
        return ((Number) api.get("/api/v1/threads/" + thread).at("posts." + index + ".id")).longValue();
    }

    @Test
    void aMergedThreadsAddressRedirectsToWhereItsPostsWent() {
        Person alice = person("ma");
        Person bob = person("mb");
        long into = ForumFixtures.thread(alice.api(), category, "Printer drivers for Linux", "Which ones work?", List.of());
        long merged = ForumFixtures.thread(bob.api(), category, "Linux printer help", "Same question here", List.of());
        ForumFixtures.reply(bob.api(), merged, "Anyone?");

        List<Map<String, Object>> targets = moderator.get("/api/v1/threads/" + merged + "/merge-targets?q=printer")
                .jsonList();
        assertTrue(targets.stream().anyMatch(t -> ((Number) t.get("id")).longValue() == into), targets.toString());
        assertTrue(targets.stream().noneMatch(t -> ((Number) t.get("id")).longValue() == merged), "not itself");
        assertEquals(1, moderator.get("/api/v1/threads/" + merged + "/merge-targets?q=%23" + into).jsonList().size());
        assertEquals(403, bob.api().get("/api/v1/threads/" + merged + "/merge-targets?q=printer").status());

        assertEquals(204, moderator.post("/api/v1/threads/" + merged + "/merge", Map.of("into", into)).status());
        Api.Response api = bob.api().get("/api/v1/threads/" + merged);
        assertEquals(301, api.status());
        assertTrue(api.headers().firstValue("Location").orElseThrow().startsWith("/api/v1/threads/" + into));
        Api.Response page = api().header("Accept", "text/html").get("/t/" + merged + "/linux-printer-help");
        assertEquals(301, page.status(), "readers, bookmarks and search engines follow it");
        assertEquals("/t/" + into + "/printer-drivers-for-linux#post-2", page.headers().firstValue("Location").orElseThrow());

        Map<String, Object> note = notes(alice.api(), into).get(0);
        assertEquals("MERGE_IN", note.get("action"));
        assertEquals(2, ((Number) note.get("postCount")).intValue());
        assertEquals("Linux printer help", note.get("otherTitle"));
        assertEquals(1, ((Number) note.get("afterPosition")).intValue(), "shown where the merged posts begin");
        assertNotNull(note.get("actor"));
        Map<String, Object> told = awaitNotification(bob.api(), "POST_MOVED");
        assertEquals("MERGE", told.get("detail"));
        assertTrue(notifications(moderator).stream().noneMatch(n -> "POST_MOVED".equals(n.get("kind"))));

        // Merged again: the first address follows the chain in one hop.
        long last = ForumFixtures.thread(alice.api(), category, "All printer questions", "One place", List.of());
        assertEquals(204, moderator.post("/api/v1/threads/" + into + "/merge", Map.of("into", last)).status());
        assertEquals("/t/" + last + "/all-printer-questions#post-3", api().header("Accept", "text/html")
                .get("/t/" + merged).headers().firstValue("Location").orElseThrow());

        Map<String, Object> entry = moderator.get("/api/v1/admin/audit?action=thread.merge&limit=1").jsonList("items")
                .get(0);
        assertEquals("All printer questions", entry.get("subject"), "the merge names the thread the posts went to");
        assertEquals("/t/" + last + "/all-printer-questions", entry.get("link"));
        assertEquals("Threads merged", entry.get("label"));
    }

    @Test
    void aSplitLeavesNotesInBothThreadsAndTellsTheAuthors() {
        Person starter = person("sa");
        Person r1 = person("sb");
        Person r2 = person("sc");
        long thread = ForumFixtures.thread(starter.api(), category, "Coffee machines", "Which one?", List.of());
        ForumFixtures.reply(r1.api(), thread, "The red one");
        long off1 = ForumFixtures.reply(r2.api(), thread, "By the way, tea?");
        long off2 = ForumFixtures.reply(r1.api(), thread, "Green tea!");
        Api.Response split = moderator.post("/api/v1/threads/" + thread + "/split", Map.of("postIds", List.of(off1, off2),
                "title", "Tea corner", "categoryId", other));
        assertEquals(201, split.status(), split.body());
        long created = ((Number) split.at("threadId")).longValue();

        Map<String, Object> out = notes(starter.api(), thread).get(0);
        assertEquals("SPLIT_OUT", out.get("action"));
        assertEquals(2, ((Number) out.get("postCount")).intValue());
        assertEquals(created, ((Number) out.get("otherThreadId")).longValue());
        assertEquals("Tea corner", out.get("otherTitle"));
        assertEquals(2, ((Number) out.get("afterPosition")).intValue(), "where the posts were");
        Map<String, Object> in = notes(starter.api(), created).get(0);
        assertEquals("SPLIT_IN", in.get("action"));
        assertEquals(thread, ((Number) in.get("otherThreadId")).longValue());
        assertEquals(0, ((Number) in.get("afterPosition")).intValue(), "at the top of the new thread");

        assertEquals("SPLIT", awaitNotification(r1.api(), "POST_MOVED").get("detail"));
        Map<String, Object> told = awaitNotification(r2.api(), "POST_MOVED");
        assertEquals(created, ((Number) ((Map<String, Object>) told.get("thread")).get("id")).longValue());
        assertTrue(notifications(starter.api()).stream().noneMatch(n -> "POST_MOVED".equals(n.get("kind"))),
                "the starter's post stayed");
    }

    @Test
    void moveAndPinLeaveNotesAndAreUndone() {
        Person author = person("mv");
        long thread = ForumFixtures.thread(author.api(), category, "Wrong place", "Oops", List.of());
        assertEquals(200, moderator.patch("/api/v1/threads/" + thread, Map.of("categoryId", other)).status());
        Map<String, Object> moved = notes(author.api(), thread).get(0);
        assertEquals("MOVE", moved.get("action"));
        assertEquals(category, ((Number) ((Map<String, Object>) moved.get("fromCategory")).get("id")).longValue());
        assertEquals(other, ((Number) ((Map<String, Object>) moved.get("toCategory")).get("id")).longValue());
        assertEquals("MOVE", awaitNotification(author.api(), "POST_MOVED").get("detail"));

        // Move back (the note's undo), pin then unpin: each a note, each in the audit log with its subject and link.
        assertEquals(200, moderator.patch("/api/v1/threads/" + thread, Map.of("categoryId", category)).status());
        assertEquals(category, ((Number) author.api().get("/api/v1/threads/" + thread).at("thread.category.id")).longValue());
        moderator.patch("/api/v1/threads/" + thread, Map.of("pinned", true));
        moderator.patch("/api/v1/threads/" + thread, Map.of("pinned", true));
        moderator.patch("/api/v1/threads/" + thread, Map.of("pinned", false));
        assertEquals(false, author.api().get("/api/v1/threads/" + thread).at("thread.pinned"));
        assertEquals(List.of("MOVE", "MOVE", "PIN", "UNPIN"), notes(author.api(), thread).stream()
                .map(n -> n.get("action")).toList(), "pinning a pinned thread again writes nothing");
        List<Map<String, Object>> audit = moderator.get("/api/v1/admin/audit?limit=100").jsonList("items").stream()
                .filter(e -> "thread".equals(e.get("targetType")) && e.get("targetId") != null
                        && ((Number) e.get("targetId")).longValue() == thread).toList();
        assertEquals(List.of("thread.unpin", "thread.pin", "thread.move", "thread.move"),
                audit.stream().map(e -> e.get("action")).toList());
        assertTrue(audit.stream().allMatch(e -> "Wrong place".equals(e.get("subject"))
                && ("/t/" + thread + "/wrong-place").equals(e.get("link"))));

        // Slow mode, close and reopen are noted too.
        moderator.put("/api/v1/threads/" + thread + "/slow-mode", Map.of("seconds", 300));
        moderator.put("/api/v1/threads/" + thread + "/close", Map.of("note", "Done"));
        moderator.delete("/api/v1/threads/" + thread + "/close");
        List<Map<String, Object>> all = notes(author.api(), thread);
        assertEquals(List.of("SLOW_MODE", "CLOSE", "REOPEN"), all.subList(4, 7).stream().map(n -> n.get("action")).toList());
        assertEquals(300, ((Number) all.get(4).get("amount")).intValue());
    }

    private Map<String, Object> item(long postOrThread, String key) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) moderator.get("/api/v1/admin/review?limit=50")
                .at("items");
        return items.stream().filter(i -> i.get(key) != null && ((Number) i.get(key)).longValue() == postOrThread)
                .findFirst().orElseThrow(() -> new AssertionError("no item for " + key + " " + postOrThread));
    }

    private static Api.Response act(Api api, Object itemId, String action, String reason) {
        return api.post("/api/v1/admin/review/actions", reason == null ? Map.of("ids", List.of(itemId), "action", action)
                : Map.of("ids", List.of(itemId), "action", action, "reason", reason));
    }

    @Test
    void theQueueShowsFlaggersAccuracyAndAgreeDisagreeIgnoreTellTheTruth() {
        Person author = person("qa");
        Person flagger = person("qf");
        long thread = ForumFixtures.thread(author.api(), category, "Queue context", "The first post", List.of());
        ForumFixtures.reply(author.api(), thread, "A **kind** reply");
        long rude = ForumFixtures.reply(author.api(), thread, "A rude reply <script>alert(1)</script>");
        long fine = ForumFixtures.reply(author.api(), thread, "A fine reply");
        long meh = ForumFixtures.reply(author.api(), thread, "A so-so reply");

        flagger.api().post("/api/v1/posts/" + rude + "/flags", Map.of("reason", "INAPPROPRIATE"));
        Map<String, Object> first = item(rude, "postId");
        assertFalse(((String) first.get("html")).contains("<script"), "sanitized, as members see it");
        Map<String, Object> context = (Map<String, Object>) first.get("context");
        assertEquals(2, ((Number) context.get("position")).intValue(), "the post before it");
        assertTrue(((String) context.get("html")).contains("<strong>kind</strong>"));
        Map<String, Object> flaggedBy = ((List<Map<String, Object>>) first.get("flaggers")).get(0);
        assertEquals(flagger.name(), flaggedBy.get("username"));
        assertEquals(0, ((Number) flaggedBy.get("upheld")).intValue());

        assertEquals(422, act(moderator, first.get("id"), "REJECT", "no").status(), "reject is for held posts");
        assertEquals(200, act(moderator, first.get("id"), "AGREE", null).status());
        assertEquals("STAFF", author.api().get("/api/v1/threads/" + thread).at("posts.2.hiddenBy"),
                "hidden by the moderators, not 'while they review it'");

        flagger.api().post("/api/v1/posts/" + fine + "/flags", Map.of("reason", "SPAM"));
        Map<String, Object> second = item(fine, "postId");
        Map<String, Object> record = ((List<Map<String, Object>>) second.get("flaggers")).get(0);
        assertEquals(1, ((Number) record.get("upheld")).intValue(), "the flagger's past flag was upheld");
        assertEquals(200, act(moderator, second.get("id"), "DISAGREE", null).status());
        assertNull(author.api().get("/api/v1/threads/" + thread).at("posts.3.hiddenBy"));
        assertEquals("0", TestDatabase.queryString("SELECT flag_count FROM posts WHERE id = " + fine), "flags cleared");

        flagger.api().post("/api/v1/posts/" + meh + "/flags", Map.of("reason", "OFF_TOPIC"));
        Map<String, Object> third = item(meh, "postId");
        record = ((List<Map<String, Object>>) third.get("flaggers")).get(0);
        assertEquals(1, ((Number) record.get("upheld")).intValue());
        assertEquals(1, ((Number) record.get("rejected")).intValue(), "and one was rejected");
        assertEquals(200, act(moderator, third.get("id"), "IGNORE", null).status());
        assertEquals("IGNORED", TestDatabase.queryString("SELECT outcome FROM flags WHERE post_id = " + meh));

        String labels = moderator.language("fr").get("/api/v1/admin/audit?limit=10").body();
        assertTrue(labels.contains("Signalements confirmés (masqué)") && labels.contains("Signalements rejetés (conservé)"),
                labels);
    }

    @Test
    void heldPostsAreApprovedOrRejectedWithAReasonTheAuthorHears() {
        Person newcomer = person("hn");
        TestDatabase.execute("UPDATE members SET approved_posts = 0 WHERE username = '" + newcomer.name() + "'");
        long thread = ForumFixtures.thread(moderator, category, "Share links", "Go", List.of());
        assertEquals(202, newcomer.api().post("/api/v1/threads/" + thread + "/posts",
                Map.of("body", "See https://one.example.com")).status());
        assertEquals(202, newcomer.api().post("/api/v1/threads/" + thread + "/posts",
                Map.of("body", "And https://two.example.com")).status());
        List<Map<String, Object>> items = ((List<Map<String, Object>>) moderator.get("/api/v1/admin/review?limit=50")
                .at("items")).stream().filter(i -> i.get("threadId") != null
                && ((Number) i.get("threadId")).longValue() == thread).toList();
        assertEquals(2, items.size());
        assertTrue(((String) items.get(0).get("html")).contains("<a"), "rendered as it would publish");
        assertEquals(422, act(moderator, items.get(1).get("id"), "REJECT", null).status(), "a reason is required");
        assertEquals(422, act(moderator, items.get(1).get("id"), "AGREE", null).status());
        assertEquals(200, act(moderator, items.get(0).get("id"), "APPROVE", null).status());
        assertEquals(200, act(moderator, items.get(1).get("id"), "REJECT", "Links to unknown shops are not allowed")
                .status());

        Map<String, Object> approved = awaitNotification(newcomer.api(), "POST_APPROVED");
        assertEquals(thread, ((Number) ((Map<String, Object>) approved.get("thread")).get("id")).longValue());
        Map<String, Object> rejected = awaitNotification(newcomer.api(), "POST_REJECTED");
        assertEquals("Links to unknown shops are not allowed", rejected.get("detail"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !"0".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM mails m JOIN members u ON u.id = m.member_id WHERE u.username = '"
                        + newcomer.name() + "' AND m.template = 'notification.post_rejected'")));
    }

    @Test
    void aQuoteNotifiesAsAQuoteAndReactionsOfEveryKindGroup() {
        Person alice = person("qa");
        Person bob = person("qb");
        long thread = ForumFixtures.thread(alice.api(), category, "Quotes", "Well said, I think", List.of());
        long first = postId(alice.api(), thread, 0);
        Api.Response reply = bob.api().post("/api/v1/threads/" + thread + "/posts", Map.of("body",
                "> @" + alice.name() + " wrote:\n>\n> Well said, I think\n\nI agree.", "replyTo", first));
        assertEquals(201, reply.status(), reply.body());
        Map<String, Object> quoted = awaitNotification(alice.api(), "QUOTE");
        assertEquals(bob.name(), ((Map<String, Object>) quoted.get("actor")).get("username"));
        assertTrue(notifications(alice.api()).stream().noneMatch(n -> "MENTION".equals(n.get("kind"))));

        Person carol = person("qc");
        Person dave = person("qd");
        bob.api().post("/api/v1/posts/" + first + "/reactions/like", null);
        bob.api().post("/api/v1/posts/" + first + "/reactions/heart", null);
        carol.api().post("/api/v1/posts/" + first + "/reactions/laugh", null);
        dave.api().post("/api/v1/posts/" + first + "/reactions/heart", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> "0".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM jobs WHERE lane = 'notify' AND attempts = 0 AND failed_at IS NULL "
                        + "AND run_at <= UTC_TIMESTAMP(6)")));
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications(alice.api()).stream()
                .filter(n -> "REACTION".equals(n.get("kind"))).mapToInt(n -> ((Number) n.get("othersCount")).intValue())
                .sum() == 2);
        List<Map<String, Object>> reactions = notifications(alice.api()).stream()
                .filter(n -> "REACTION".equals(n.get("kind"))).toList();
        assertEquals(1, reactions.size(), "one notification for the post, whatever the reactions: " + reactions);
        assertEquals(2, ((Number) reactions.get(0).get("othersCount")).intValue(), "three people, bob counted once");
    }

    @Test
    void theAuditLogFiltersByActionActorAndDatesAndExportsCsv() {
        long thread = ForumFixtures.thread(moderator, category, "Audited \"quotes\"", "x", List.of());
        moderator.patch("/api/v1/threads/" + thread, Map.of("locked", true));
        String me = (String) moderator.get("/api/v1/session").at("member.username");

        List<Map<String, Object>> actions = moderator.language("fr").get("/api/v1/admin/audit/actions").jsonList();
        Map<String, Object> lock = actions.stream().filter(a -> "thread.lock".equals(a.get("code"))).findFirst()
                .orElseThrow();
        assertEquals("Sujet verrouillé", lock.get("label"));

        String today = LocalDate.now(java.time.ZoneId.of("Pacific/Kiritimati")).toString();
        List<Map<String, Object>> found = moderator.get("/api/v1/admin/audit?action=thread.lock&actor=" + me
                + "&from=" + today + "&to=" + today + "&zone=Pacific/Kiritimati").jsonList("items");
        assertTrue(found.stream().anyMatch(e -> e.get("targetId") != null
                && ((Number) e.get("targetId")).longValue() == thread), found.toString());
        assertTrue(moderator.get("/api/v1/admin/audit?action=thread.lock&from=2001-01-01&to=2001-01-02")
                .jsonList("items").isEmpty());
        Api.Response bad = moderator.get("/api/v1/admin/audit?from=2026-13-01");
        assertEquals(422, bad.status());
        assertEquals("from", bad.at("errors.0.field"));
        assertEquals(422, moderator.get("/api/v1/admin/audit?from=2026-02-01&to=2026-01-01").status());
        assertEquals(422, moderator.get("/api/v1/admin/audit?zone=Mars/Olympus").status());

        Api.Response csv = moderator.get("/api/v1/admin/audit/export?action=thread.lock&lang=fr&zone=Europe/Paris");
        assertEquals(200, csv.status());
        assertTrue(csv.body().startsWith("\uFEFF\"Quand\",\"Qui\",\"Action\""), csv.body());
        assertTrue(csv.body().contains("\"Sujet verrouillé\",\"thread.lock\",\"Audited \"\"quotes\"\"\""), csv.body());
        assertTrue(csv.body().contains("/t/" + thread + "/"));

        Api member = api().registered(TestMembers.uniqueName("au"));
        for (String path : List.of("/api/v1/admin/audit/actions", "/api/v1/admin/audit/export", "/api/v1/admin/dashboard")) {
            assertEquals(403, member.get(path).status(), path);
            assertEquals(401, api().get(path).status(), path);
        }
    }

    @Test
    void theDashboardCountsWhatWaitsByKindAndThirtyDays() {
        Person author = person("dw");
        Person flagger = person("df");
        long thread = ForumFixtures.thread(author.api(), category, "Dashboard", "Flag me", List.of());
        flagger.api().post("/api/v1/posts/" + postId(author.api(), thread, 0) + "/flags", Map.of("reason", "SPAM"));
        Map<String, Object> counts = moderator.get("/api/v1/admin/dashboard?zone=Europe/Paris").json();
        List<Map<String, Object>> waiting = (List<Map<String, Object>>) counts.get("waitingByKind");
        assertTrue(waiting.stream().anyMatch(w -> "FLAGGED".equals(w.get("reason"))
                && ((Number) w.get("count")).intValue() >= 1 && w.get("oldest") != null), waiting.toString());
        assertTrue(((Number) counts.get("flagsToday")).intValue() >= 1);
        assertTrue(((Number) counts.get("flagsWeek")).intValue() >= ((Number) counts.get("flagsToday")).intValue());
        List<Map<String, Object>> series = (List<Map<String, Object>>) counts.get("series");
        assertEquals(List.of("flags", "members", "decisions"), series.stream().map(s -> s.get("metric")).toList());
        for (Map<String, Object> s : series) {
            assertEquals(30, ((List<?>) s.get("values")).size());
        }
        List<?> flags = (List<?>) series.get(0).get("values");
        assertEquals(((Number) counts.get("flagsToday")).intValue(), ((Number) flags.get(29)).intValue());
    }

    @Test
    void crisisModeReachesOpenPagesThroughTheLiveStream() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        long before = Long.parseLong(TestDatabase.queryString(
                "SELECT COUNT(*) FROM live_events WHERE topic = 'site' AND type = 'crisis'"));
        assertEquals(200, admin.put("/api/v1/admin/crisis", Map.of("on", true, "message", "Outage", "categoryIds",
                List.of(), "slowSeconds", 0)).status());
        admin.put("/api/v1/admin/crisis", Map.of("on", false, "message", "", "categoryIds", List.of(), "slowSeconds", 0));
        assertEquals(before + 2, Long.parseLong(TestDatabase.queryString(
                "SELECT COUNT(*) FROM live_events WHERE topic = 'site' AND type = 'crisis'")));
    }
}
