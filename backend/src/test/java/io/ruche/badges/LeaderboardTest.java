package io.ruche.badges;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Points for the leaderboard and the way to one's next badges. */
@MicronautTest(transactional = false)
class LeaderboardTest extends IntegrationTest {

    @Test
    void anAcceptedAnswerPutsItsAuthorOnTheBoardAndStaffStayOff() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        long questions = new ForumFixtures(admin).category("Board questions", Map.of("kind", "QUESTIONS"));
        Api asker = api().registered(TestMembers.uniqueName("asker"));
        String helperName = TestMembers.uniqueName("leader");
        Api helper = api().registered(helperName);
        long thread = ForumFixtures.thread(asker, questions, "Which plan?", "For five people", List.of());
        long answer = ForumFixtures.reply(helper, thread, "The Team plan.");
        ForumFixtures.reply(admin, thread, "Staff agrees with the Team plan.");
        assertEquals(204, asker.post("/api/v1/threads/" + thread + "/accepted-answer", Map.of("postId", answer))
                .status());
        // 1 point for the reply, 10 for the accepted answer (defaults).
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/api/v1/leaderboard?period=week").body()
                .contains("\"username\":\"" + helperName + "\",\"displayName\":\"" + helperName + "\",\"avatarUrl\":\"/api/v1/members/"
                        + helperName + "/avatar.svg\",\"points\":11"));
        String board = api().get("/api/v1/leaderboard?period=year").body();
        String adminName = (String) admin.get("/api/v1/session").at("member.username");
        assertFalse(board.contains(adminName), "staff are left off by default");
        assertEquals(422, api().get("/api/v1/leaderboard?period=decade").status());
        assertEquals(403, helper.put("/api/v1/admin/badges/settings", Map.of("post", 1, "like", 2, "answer", 10,
                "staffOnBoard", true)).status());
    }

    @Test
    void aMemberSeesHowFarTheyAreFromTheirNextBadges() {
        String name = TestMembers.uniqueName("climber");
        Api member = api().registered(name);
        ForumFixtures.thread(member, new ForumFixtures(ForumFixtures.newAdmin(server.getURI())).category("Climb"),
                "My first steps", "Hello", List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM badge_grants g JOIN badges b ON b.id = g.badge_id JOIN members m ON m.id = "
                        + "g.member_id WHERE b.slug = 'first-post' AND m.username = '" + name + "'")));
        Api.Response progress = member.get("/api/v1/me/badge-progress");
        assertEquals(200, progress.status(), progress.body());
        String body = progress.body();
        assertTrue(body.contains("\"slug\":\"prolific\"") && body.contains("\"current\":1,\"target\":100"), body);
        assertFalse(body.contains("\"slug\":\"first-post\""), "a badge already held is not shown as a goal");
        assertTrue(body.contains("\"slug\":\"solved\""), body);
        assertEquals(401, api().get("/api/v1/me/badge-progress").status());
    }

    @Test
    void aMemberWhoseLikesJumpedThisWeekIsListedForStaff() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        long category = new ForumFixtures(admin).category("Jumps");
        String suddenName = TestMembers.uniqueName("sudden");
        String steadyName = TestMembers.uniqueName("steady");
        Api sudden = api().registered(suddenName);
        Api steady = api().registered(steadyName);
        long suddenPost = Long.parseLong(TestDatabase.queryString("SELECT id FROM posts WHERE thread_id = "
                + ForumFixtures.thread(sudden, category, "Viral tip", "Wow", List.of())));
        long steadyPost = Long.parseLong(TestDatabase.queryString("SELECT id FROM posts WHERE thread_id = "
                + ForumFixtures.thread(steady, category, "Steady tip", "Fine", List.of())));
        for (int i = 0; i < 10; i++) {
            Api fan = api().registered(TestMembers.uniqueName("fan"));
            fan.post("/api/v1/posts/" + suddenPost + "/reactions/like", null);
            fan.post("/api/v1/posts/" + steadyPost + "/reactions/like", null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "10".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM badge_post_likes WHERE post_id = " + steadyPost)));
        // The steady member had as many likes every week before: nothing unusual for them.
        for (int week = 1; week <= 12; week++) {
            for (int i = 0; i < 10; i++) {
                TestDatabase.execute("INSERT INTO badge_post_likes (post_id, giver_id, receiver_id, created_at) VALUES ("
                        + steadyPost + ", " + (-(week * 100L + i)) + ", " + id(steadyName)
                        + ", DATE_SUB(UTC_TIMESTAMP(6), INTERVAL " + (week * 7 + 1) + " DAY))");
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/v1/admin/badges/jumps").body()
                .contains("\"username\":\"" + suddenName + "\""));
        assertFalse(admin.get("/api/v1/admin/badges/jumps").body().contains(steadyName));
        assertEquals(403, sudden.get("/api/v1/admin/badges/jumps").status());
    }

    private static String id(String username) {
        return TestDatabase.queryString("SELECT id FROM members WHERE username = '" + username + "'");
    }
}
