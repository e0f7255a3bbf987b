package io.ruche.badges;

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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trust levels: earned by activity, set and locked by staff, lost only after a grace period, enforced by the API. */
@MicronautTest(transactional = false)
class TrustLevelsTest extends IntegrationTest {

    @Inject
    TrustLevels trust;

    private Api admin;
    private Api moderator;
    private long category;
    private Map<String, Object> defaults;

    @BeforeAll
    void setUp() {
        admin = ForumFixtures.newAdmin(server.getURI());
        moderator = ForumFixtures.newModerator(server.getURI());
        category = new ForumFixtures(admin).category("Trust talk");
        defaults = admin.get("/api/v1/admin/trust").json();
    }

    @AfterAll
    void restoreThresholds() {
        admin.put("/api/v1/admin/trust", defaults);
    }

    private static String id(String username) {
        return TestDatabase.queryString("SELECT id FROM members WHERE username = '" + username + "'");
    }

    private Api newcomer(String name) {
        Api api = api().registered(name);
        TestDatabase.execute("UPDATE members SET approved_posts = 0 WHERE username = '" + name + "'");
        return api;
    }

    @Test
    void aLevelZeroLinkWaitsAndALevelTwoLinkDoesNot() {
        String name = TestMembers.uniqueName("linker");
        Api member = newcomer(name);
        long thread = ForumFixtures.thread(moderator, category, "Share your tools", "Links welcome", List.of());
        Api.Response held = member.post("/api/v1/threads/" + thread + "/posts",
                Map.of("body", "I use https://tools.example.com daily"));
        assertEquals(202, held.status(), "a newcomer's link waits for a moderator");
        assertEquals(0, ((Number) moderator.get("/api/v1/admin/members/" + name + "/trust").at("level")).intValue());

        Api.Response set = moderator.put("/api/v1/admin/members/" + name + "/trust", Map.of("level", 2, "locked", true));
        assertEquals(200, set.status(), set.body());
        Api.Response published = member.post("/api/v1/threads/" + thread + "/posts",
                Map.of("body", "And https://other.example.com for the rest"));
        assertEquals(201, published.status(), "at level 2 the link is published at once");
        assertTrue(admin.get("/api/v1/admin/audit?limit=50").body().contains("level 2 (locked)"));
        assertEquals(403, member.put("/api/v1/admin/members/" + name + "/trust", Map.of("level", 4, "locked", true))
                .status());
        assertEquals(403, moderator.put("/api/v1/admin/members/" + name + "/trust", Map.of("level", 4, "locked", true))
                .status(), "level 4 is for admins to give");
    }

    @Test
    void activityPromotesUnlessTheLevelIsLocked() {
        assertEquals(200, admin.put("/api/v1/admin/trust", Map.ofEntries(Map.entry("tl2Days", 1),
                Map.entry("tl2Replies", 1), Map.entry("tl2LikesGiven", 0), Map.entry("tl2Likers", 1),
                Map.entry("tl3Days", 50), Map.entry("tl3Replies", 10), Map.entry("tl3LikesGiven", 30),
                Map.entry("tl3Likers", 20), Map.entry("tl3FlagsAgainst", 0), Map.entry("graceDays", 14))).status());
        String name = TestMembers.uniqueName("climber");
        String lockedName = TestMembers.uniqueName("locked");
        Api climber = api().registered(name);
        Api locked = api().registered(lockedName);
        assertEquals(200, moderator.put("/api/v1/admin/members/" + lockedName + "/trust",
                Map.of("level", 1, "locked", true)).status());
        long thread = ForumFixtures.thread(admin, category, "Say hello", "Welcome", List.of());
        long reply = ForumFixtures.reply(climber, thread, "Hello from me");
        long lockedReply = ForumFixtures.reply(locked, thread, "Hello from me too");
        Api fan = api().registered(TestMembers.uniqueName("fan"));
        fan.post("/api/v1/posts/" + reply + "/reactions/like", null);
        fan.post("/api/v1/posts/" + lockedReply + "/reactions/like", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> "2".equals(TestDatabase.queryString(
                "SELECT trust_level FROM members WHERE username = '" + name + "'")));
        await().atMost(Duration.ofSeconds(10)).until(() -> climber.get("/api/v1/notifications").body()
                .contains("\"kind\":\"TRUST_LEVEL\",\"actor\":null,\"othersCount\":0,\"detail\":\"1:2:promoted\""));
        await().atMost(Duration.ofSeconds(5)).until(() -> "0".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM jobs WHERE kind LIKE 'event.badges.%' AND failed_at IS NULL")));
        assertEquals("1", TestDatabase.queryString("SELECT trust_level FROM members WHERE username = '" + lockedName
                + "'"), "a locked level does not move");
        admin.put("/api/v1/admin/trust", defaults);
    }

    @Test
    void aRegularKeepsLevelThreeThroughTheGracePeriodAndIsToldWhy() {
        String name = TestMembers.uniqueName("regular");
        Api member = api().registered(name);
        TestDatabase.execute("UPDATE members SET trust_level = 3 WHERE username = '" + name + "'");
        trust.evaluate(Long.parseLong(id(name)));
        assertEquals("3", TestDatabase.queryString("SELECT trust_level FROM members WHERE username = '" + name + "'"),
                "falling below starts the grace period, it does not demote");
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM members WHERE username = '" + name
                + "' AND trust_below_since IS NOT NULL"));
        await().atMost(Duration.ofSeconds(10)).until(() -> member.get("/api/v1/notifications").body()
                .contains("3:3:warning:14:days,replies,likesGiven,likers"));

        // Fifteen days later, still below: the nightly pass demotes, and says why.
        TestDatabase.execute("UPDATE members SET trust_below_since = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 15 DAY) "
                + "WHERE username = '" + name + "'");
        trust.runNightly();
        assertEquals("2", TestDatabase.queryString("SELECT trust_level FROM members WHERE username = '" + name + "'"));
        await().atMost(Duration.ofSeconds(10)).until(() -> member.get("/api/v1/notifications").body()
                .contains("3:2:demoted:days,replies,likesGiven,likers"));
    }

    @Test
    void invitingOpensAtLevelTwo() {
        String name = TestMembers.uniqueName("inviter");
        Api member = api().registered(name);
        Api.Response refused = member.post("/api/v1/invites", Map.of("email", "friend@example.test"));
        assertEquals(403, refused.status());
        assertTrue(refused.body().contains("trust level 2"), refused.body());
        assertEquals(200, moderator.put("/api/v1/admin/members/" + name + "/trust", Map.of("level", 2, "locked", false))
                .status());
        Api.Response created = member.post("/api/v1/invites", Map.of("email", "friend@example.test"));
        assertEquals(201, created.status(), created.body());
        assertTrue(((String) created.at("url")).contains("/sign-up?invite="));
        assertEquals(401, api().post("/api/v1/invites", Map.of("email", "x@example.test")).status());
    }

    @Test
    void aRegularMayRetitleOthersThreadsAndAMemberMayNot() {
        Api author = api().registered(TestMembers.uniqueName("author"));
        String regularName = TestMembers.uniqueName("regular");
        Api regular = api().registered(regularName);
        Api member = api().registered(TestMembers.uniqueName("member"));
        TestDatabase.execute("UPDATE members SET trust_level = 3 WHERE username = '" + regularName + "'");
        long thread = ForumFixtures.thread(author, category, "halp pls export", "How do I export?", List.of());
        String t = "/api/v1/threads/" + thread;

        assertEquals(false, member.get(t).at("canEditTitle"));
        assertEquals(403, member.patch(t, Map.of("title", "Exporting invoices")).status());
        assertEquals(true, regular.get(t).at("canEditTitle"), "the page offers what level 3 may do");
        assertEquals(200, regular.patch(t, Map.of("title", "How do I export my invoices?")).status());
        assertEquals("How do I export my invoices?", api().get(t).at("thread.title"));
        assertEquals(403, regular.patch(t, Map.of("locked", true)).status(), "locking stays with staff");
        assertTrue(admin.get("/api/v1/admin/audit?limit=50").body().contains("How do I export my invoices?"));
    }

    @Test
    void aWikiPostOpensToLevelTwoEditorsAndOnlyStaffOrALevelThreeAuthorMakeOne() {
        String authorName = TestMembers.uniqueName("wikiauthor");
        Api author = api().registered(authorName);
        String editorName = TestMembers.uniqueName("wikieditor");
        Api editor = api().registered(editorName);
        Api newcomer = api().registered(TestMembers.uniqueName("wikinew"));
        TestDatabase.execute("UPDATE members SET trust_level = 2 WHERE username = '" + editorName + "'");
        long thread = ForumFixtures.thread(author, category, "Exports: the how-to", "Step 1: open settings.", List.of());
        long post = Long.parseLong(TestDatabase.queryString("SELECT id FROM posts WHERE thread_id = " + thread
                + " AND position = 1"));
        String p = "/api/v1/posts/" + post;
        String t = "/api/v1/threads/" + thread;
        Map<String, Object> improved = Map.of("body", "Step 1: open settings. Step 2: choose Export.");

        // Not a wiki yet: a level-2 member may not touch another's post.
        assertEquals(403, editor.patch(p, improved).status());
        // A level-0 author may not make their own post a wiki; told which level opens it.
        Api.Response early = author.put(p + "/wiki", Map.of("wiki", true));
        assertEquals(403, early.status());
        assertTrue(early.body().contains("trust level 3"), early.body());
        assertEquals(false, author.get(t).at("posts.0.canWiki"));
        assertEquals(403, editor.put(p + "/wiki", Map.of("wiki", true)).status(), "not their post");
        assertEquals(401, api().put(p + "/wiki", Map.of("wiki", true)).status());
        assertEquals(422, moderator.put(p + "/wiki", Map.of()).status());

        // Level 3 makes their own post a wiki; the page says so and offers the edit to level 2, not to level 0.
        TestDatabase.execute("UPDATE members SET trust_level = 3 WHERE username = '" + authorName + "'");
        assertEquals(true, author.get(t).at("posts.0.canWiki"));
        Api.Response made = author.put(p + "/wiki", Map.of("wiki", true));
        assertEquals(200, made.status(), made.body());
        assertEquals(true, made.at("wiki"));
        assertEquals(true, editor.get(t).at("posts.0.canEdit"));
        assertEquals(false, editor.get(t).at("posts.0.canDelete"), "a wiki editor edits; removing stays with the author");
        assertEquals(false, newcomer.get(t).at("posts.0.canEdit"));

        Api.Response refused = newcomer.patch(p, improved);
        assertEquals(403, refused.status());
        assertTrue(refused.body().contains("trust level 2"), refused.body());
        Api.Response edited = editor.patch(p, improved);
        assertEquals(200, edited.status(), edited.body());
        assertEquals("Step 1: open settings. Step 2: choose Export.", api().get(t).at("posts.0.source"));
        assertEquals("Step 1: open settings.", api().get(p + "/revisions").jsonList().get(0).get("source"),
                "the text it replaced is kept, with who replaced it");
        assertEquals(403, editor.delete(p).status());

        // Locked: closed to wiki editors too; staff stop the wiki, and level 2 loses the edit.
        assertEquals(200, moderator.patch(t, Map.of("locked", true)).status());
        assertEquals(403, editor.patch(p, Map.of("body", "Locked edit")).status());
        assertEquals(200, moderator.patch(t, Map.of("locked", false)).status());
        assertEquals(200, moderator.put(p + "/wiki", Map.of("wiki", false)).status());
        assertEquals(403, editor.patch(p, Map.of("body", "No longer a wiki")).status());
        assertTrue(admin.get("/api/v1/admin/audit?limit=50").body().contains("post.unwiki"));
    }
}
