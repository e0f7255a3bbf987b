package io.ruche.badges;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The automatic badges, earned through what members do on the forum: each at its threshold and not below. */
@MicronautTest(transactional = false)
class BadgeRulesTest extends IntegrationTest {

    @jakarta.inject.Inject
    BadgeNightly nightly;

    private ForumFixtures fixtures;
    private long category;
    private long questions;

    @BeforeAll
    void forum() {
        fixtures = new ForumFixtures(ForumFixtures.newAdmin(server.getURI()));
        category = fixtures.category("Badges talk");
        questions = fixtures.category("Badges questions", Map.of("kind", "QUESTIONS"));
    }

    @Test
    void aFirstPostEarnsFirstPostOnce() {
        String name = TestMembers.uniqueName("starter");
        Api member = api().registered(name);
        long thread = ForumFixtures.thread(member, category, "My first thread here", "Hello all", List.of());
        awaitGrants(name, "first-post", 1);
        ForumFixtures.reply(member, thread, "And a reply of mine");
        awaitQuiet();
        assertEquals(1, grants(name, "first-post"));
        assertEquals("2", TestDatabase.queryString("SELECT posts FROM badge_member_stats WHERE member_id = " + id(name)));
    }

    @Test
    void anAcceptedAnswerEarnsSolvedWithALinkToTheAnswer() {
        Api asker = api().registered(TestMembers.uniqueName("asker"));
        String helperName = TestMembers.uniqueName("helper");
        Api helper = api().registered(helperName);
        long thread = ForumFixtures.thread(asker, questions, "How do I export invoices?", "Where?", List.of());
        long answer = ForumFixtures.reply(helper, thread, "Settings, then Export.");
        assertEquals(0, grants(helperName, "solved"));
        assertEquals(204, asker.post("/api/v1/threads/" + thread + "/accepted-answer", Map.of("postId", answer))
                .status());
        awaitGrants(helperName, "solved", 1);
        Api.Response badges = api().get("/api/v1/members/" + helperName + "/badges");
        String url = (String) badges.jsonList().stream().filter(b -> "solved".equals(((Map<?, ?>) b.get("badge")).get("slug")))
                .map(b -> ((Map<?, ?>) b.get("earnedBy")).get("url")).findFirst().orElseThrow();
        assertTrue(url.startsWith("/t/" + thread + "/") && url.endsWith("#post-2"), url);

        // The helper is told, once, with a link to the badge.
        String badgeId = TestDatabase.queryString("SELECT id FROM badges WHERE slug = 'solved'");
        await().atMost(Duration.ofSeconds(10)).until(() -> helper.get("/api/v1/notifications").body()
                .contains("\"url\":\"/badges/" + badgeId + "\""));
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM notifications WHERE kind = 'BADGE' AND "
                + "member_id = " + id(helperName) + " AND detail = '" + badgeId + "'"));
    }

    @Test
    void theEarnedByLinkIsHiddenFromReadersWhoCannotSeeTheThread() {
        Api insider = api().registered(TestMembers.uniqueName("insider"));
        String helperName = TestMembers.uniqueName("privhelper");
        Api helper = api().registered(helperName);
        long group = fixtures.group("customers", insider, helper);
        long closed = fixtures.category("Customers' questions", Map.of("kind", "QUESTIONS", "everyoneSee", false,
                "membersSee", false, "membersReply", false, "membersStart", false, "groupRights",
                List.of(Map.of("groupId", group, "see", true, "reply", true, "start", true))));
        long thread = ForumFixtures.thread(insider, closed, "Secret roadmap question", "When?", List.of());
        long answer = ForumFixtures.reply(helper, thread, "Next quarter.");
        assertEquals(204, insider.post("/api/v1/threads/" + thread + "/accepted-answer", Map.of("postId", answer))
                .status());
        awaitGrants(helperName, "solved", 1);

        Map<?, ?> asGuest = solved(api(), helperName);
        assertNull(asGuest.get("earnedBy"), "a guest sees the badge, not the private thread");
        String outsiderView = api().registered(TestMembers.uniqueName("outsider")).get("/api/v1/members/" + helperName
                + "/badges").body();
        assertTrue(!outsiderView.contains("Secret roadmap"), outsiderView);
        assertEquals("Secret roadmap question", ((Map<?, ?>) solved(insider, helperName).get("earnedBy"))
                .get("threadTitle"));
        String badgeId = TestDatabase.queryString("SELECT id FROM badges WHERE slug = 'solved'");
        assertTrue(!api().get("/api/v1/badges/" + badgeId + "/holders?limit=100").body().contains("Secret roadmap"));
    }

    @Test
    void likesCountOncePerMemberAndUpToTheGiversDailyCap() {
        String authorName = TestMembers.uniqueName("liked");
        Api author = api().registered(authorName);
        Api giver = api().registered(TestMembers.uniqueName("giver"));
        long thread = ForumFixtures.thread(author, category, "Many small tips", "Tip one", List.of());
        List<Long> replies = new java.util.ArrayList<>();
        for (int i = 2; i <= 7; i++) {
            replies.add(ForumFixtures.reply(author, thread, "Tip number " + i));
        }
        for (long reply : replies) {
            assertEquals(200, giver.post("/api/v1/posts/" + reply + "/reactions/like", null).status());
        }
        // Unliking and liking again is the same like.
        assertEquals(200, giver.delete("/api/v1/posts/" + replies.get(0) + "/reactions/like").status());
        assertEquals(200, giver.post("/api/v1/posts/" + replies.get(0) + "/reactions/like", null).status());
        awaitQuiet();
        long giverId = id(giver);
        assertEquals("5", TestDatabase.queryString("SELECT COUNT(*) FROM badge_post_likes WHERE giver_id = " + giverId),
                "the test cap is 5 likes a day per giver");
        assertEquals("1", TestDatabase.queryString("SELECT likers FROM badge_member_stats WHERE member_id = "
                + id(authorName)), "one giver is one liker, however many likes");
        awaitGrants(authorName, "first-reply-liked", 1);
    }

    @Test
    void appreciatedComesWithTheTenthDistinctLikerNotTheNinth() {
        String authorName = TestMembers.uniqueName("appreciated");
        Api author = api().registered(authorName);
        long thread = ForumFixtures.thread(author, category, "A helpful checklist", "Step one, step two", List.of());
        long first = Long.parseLong(TestDatabase.queryString("SELECT id FROM posts WHERE thread_id = " + thread));
        for (int i = 0; i < 9; i++) {
            api().registered(TestMembers.uniqueName("fan")).post("/api/v1/posts/" + first + "/reactions/like", null);
        }
        awaitQuiet();
        assertEquals("9", TestDatabase.queryString("SELECT likers FROM badge_member_stats WHERE member_id = "
                + id(authorName)));
        assertEquals(0, grants(authorName, "appreciated"));
        api().registered(TestMembers.uniqueName("fan")).post("/api/v1/posts/" + first + "/reactions/like", null);
        awaitGrants(authorName, "appreciated", 1);
    }

    @Test
    void aDeliveryThatArrivesTwiceGrantsOnce() {
        Api asker = api().registered(TestMembers.uniqueName("asker"));
        String helperName = TestMembers.uniqueName("twice");
        Api helper = api().registered(helperName);
        long thread = ForumFixtures.thread(asker, questions, "Twice accepted?", "Hmm", List.of());
        long answer = ForumFixtures.reply(helper, thread, "Once.");
        assertEquals(204, asker.post("/api/v1/threads/" + thread + "/accepted-answer", Map.of("postId", answer))
                .status());
        awaitGrants(helperName, "solved", 1);
        String delivery = "{\"v\":1,\"event\":{\"threadId\":" + thread + ",\"postId\":" + answer + ",\"actorId\":0}}";
        TestDatabase.execute("INSERT INTO jobs (kind, lane, payload, run_at, created_at) VALUES ("
                + "'event.badges.answer-accepted', 'default', '" + delivery + "', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
        awaitQuiet();
        assertEquals(1, grants(helperName, "solved"));
        assertEquals("1", TestDatabase.queryString("SELECT accepted_answers FROM badge_member_stats WHERE member_id = "
                + id(helperName)));
    }

    @Test
    void aYearOfMembershipWithAPostEarnsAnAnniversaryOncePerYear() {
        String name = TestMembers.uniqueName("veteran");
        Api member = api().registered(name);
        ForumFixtures.thread(member, category, "Still here", "A year on", List.of());
        String quiet = TestMembers.uniqueName("quiet");
        api().registered(quiet);
        TestDatabase.execute("UPDATE members SET created_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 YEAR) "
                + "WHERE username IN ('" + name + "', '" + quiet + "')");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        nightly.run(today);
        nightly.run(today);
        assertEquals(1, grants(name, "anniversary"));
        assertEquals(0, grants(quiet, "anniversary"), "a year without a post earns nothing");
        assertEquals("year:1", TestDatabase.queryString("SELECT g.grant_key FROM badge_grants g JOIN badges b ON "
                + "b.id = g.badge_id WHERE b.slug = 'anniversary' AND g.member_id = " + id(name)));
    }

    private Map<?, ?> solved(Api reader, String username) {
        return reader.get("/api/v1/members/" + username + "/badges").jsonList().stream()
                .filter(b -> "solved".equals(((Map<?, ?>) b.get("badge")).get("slug"))).findFirst().orElseThrow();
    }

    private static long grants(String username, String slug) {
        return Long.parseLong(TestDatabase.queryString("SELECT COUNT(*) FROM badge_grants g JOIN badges b ON "
                + "b.id = g.badge_id JOIN members m ON m.id = g.member_id WHERE b.slug = '" + slug
                + "' AND m.username = '" + username + "'"));
    }

    private static void awaitGrants(String username, String slug, long count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> grants(username, slug) == count);
    }

    /** Until no badge delivery is waiting. */
    private static void awaitQuiet() {
        await().atMost(Duration.ofSeconds(10)).until(() -> "0".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM jobs WHERE kind LIKE 'event.badges.%' AND failed_at IS NULL")));
    }

    private static long id(String username) {
        return Long.parseLong(TestDatabase.queryString("SELECT id FROM members WHERE username = '" + username + "'"));
    }

    private static long id(Api member) {
        return id((String) member.get("/api/v1/session").at("member.username"));
    }
}
