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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staff make badges without SQL: a template rule, a dry run, switching it on (a backfill), grants by hand. */
@MicronautTest(transactional = false)
class BadgeAdminTest extends IntegrationTest {

    private Api admin;
    private Api moderator;
    private ForumFixtures fixtures;

    @BeforeAll
    void staff() {
        admin = ForumFixtures.newAdmin(server.getURI());
        moderator = ForumFixtures.newModerator(server.getURI());
        fixtures = new ForumFixtures(admin);
    }

    private static Map<String, Object> badge(String name, Object rule) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("nameEn", name, "nameFr", name + " (fr)",
                "descriptionEn", "Posted twice in the product category", "descriptionFr", "A posté deux fois",
                "icon", "star", "tier", "SILVER", "group", "CONTRIBUTION", "allowTitle", false));
        if (rule != null) {
            body.put("rule", rule);
        }
        return body;
    }

    @Test
    void onlyStaffManageBadgesAndTryRules() {
        Map<String, Object> rule = Map.of("conditions", List.of(Map.of("kind", "POSTS", "n", 1)));
        Api member = api().registered(TestMembers.uniqueName("member"));
        assertEquals(401, api().post("/api/v1/admin/badges/dry-run", rule).status());
        assertEquals(403, member.post("/api/v1/admin/badges/dry-run", rule).status());
        assertEquals(403, member.post("/api/v1/admin/badges", badge("Sneaky", null)).status());
        assertEquals(403, member.get("/api/v1/admin/badges").status());
        assertEquals(200, moderator.post("/api/v1/admin/badges/dry-run", rule).status());
        assertEquals(422, moderator.post("/api/v1/admin/badges/dry-run", Map.of("conditions", List.of())).status(),
                "a rule without a condition is refused with a reason");
        assertEquals(403, moderator.post("/api/v1/admin/badges/nightly", null).status(), "the nightly pass is for admins");
        assertEquals(200, admin.post("/api/v1/admin/badges/nightly", null).status());
    }

    @Test
    void aTemplateBadgeIsTriedThenSwitchedOnAndBackfilled() {
        long category = fixtures.category("Product feedback " + TestMembers.uniqueName("c"));
        String twiceA = TestMembers.uniqueName("twicea");
        String twiceB = TestMembers.uniqueName("twiceb");
        String once = TestMembers.uniqueName("once");
        for (String name : List.of(twiceA, twiceB, once)) {
            Api member = api().registered(name);
            long thread = ForumFixtures.thread(member, category, "Idea from " + name, "First", List.of());
            if (!name.equals(once)) {
                ForumFixtures.reply(member, thread, "Second");
            }
        }
        Map<String, Object> rule = Map.of("conditions", List.of(Map.of("kind", "POSTS_IN_CATEGORY", "n", 2,
                "categoryId", category)));
        // Their posts are counted before the badge exists, so what follows is the backfill's work alone.
        await().atMost(Duration.ofSeconds(15)).until(() -> "5".equals(TestDatabase.queryString(
                "SELECT SUM(s.posts) FROM badge_member_stats s JOIN members m ON m.id = s.member_id "
                        + "WHERE m.username IN ('" + twiceA + "', '" + twiceB + "', '" + once + "')")));

        Api.Response dry = moderator.post("/api/v1/admin/badges/dry-run", rule);
        assertEquals(200, dry.status(), dry.body());
        assertEquals(2, ((Number) dry.at("wouldGrant")).intValue());
        assertEquals(List.of(twiceA, twiceB), dry.at("examples"));

        Api.Response created = admin.post("/api/v1/admin/badges", badge("Feedback giver", rule));
        assertEquals(201, created.status(), created.body());
        long id = ((Number) created.at("id")).longValue();
        assertEquals(false, created.at("enabled"), "a new badge waits until it is switched on");
        assertEquals(404, api().get("/api/v1/badges/" + id).status(), "members do not see it before");

        assertEquals(200, admin.put("/api/v1/admin/badges/" + id + "/enabled", Map.of("on", true)).status());
        await().atMost(Duration.ofSeconds(15)).until(() -> admin.get("/api/v1/admin/badges/" + id + "/backfills")
                .body().contains("\"finishedAt\":\"") );
        Api.Response progress = admin.get("/api/v1/admin/badges/" + id + "/backfills");
        assertEquals(2, ((Number) progress.at("0.granted")).intValue());
        assertEquals(progress.at("0.total"), progress.at("0.done"), "every member was looked at");
        assertEquals("2", TestDatabase.queryString("SELECT COUNT(*) FROM badge_grants WHERE badge_id = " + id));
        assertEquals(2, ((Number) api().get("/api/v1/badges/" + id).at("badge.holders")).intValue());
        await().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM notifications n JOIN members m ON m.id = n.member_id WHERE n.kind = 'BADGE' "
                        + "AND n.group_key = 'badges-backfill' AND m.username = '" + twiceA + "'")));
        assertTrue(TestDatabase.queryString("SELECT COUNT(*) FROM audit_log WHERE action = 'badge.enable' AND "
                + "target_id = " + id).equals("1"));

        // Switched on, the rule also works as members act: the member one post short earns it with the next one.
        Api onceMember = api().signedIn(once, TestMembers.PASSWORD);
        long thread = ForumFixtures.thread(onceMember, category, "Another idea from " + once, "Second", List.of());
        await().atMost(Duration.ofSeconds(15)).until(() -> "3".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM badge_grants WHERE badge_id = " + id)));
        assertEquals(String.valueOf(thread), TestDatabase.queryString("SELECT g.thread_id FROM badge_grants g "
                + "JOIN members m ON m.id = g.member_id WHERE g.badge_id = " + id + " AND m.username = '" + once + "'"),
                "kept with the thread that earned it");
    }

    @Test
    void aGroupBadgeIsCaughtUpByTheNightlyPass() {
        Api member = api().registered(TestMembers.uniqueName("grouped"));
        long group = fixtures.group("Beta testers");
        Map<String, Object> rule = Map.of("conditions", List.of(Map.of("kind", "GROUP_MEMBER", "groupId", group)));
        long id = ((Number) admin.post("/api/v1/admin/badges", badge("Beta tester", rule)).at("id")).longValue();
        assertEquals(200, admin.put("/api/v1/admin/badges/" + id + "/enabled", Map.of("on", true)).status());
        await().atMost(Duration.ofSeconds(15)).until(() -> admin.get("/api/v1/admin/badges/" + id + "/backfills")
                .body().contains("\"finishedAt\":\""));
        assertEquals("0", TestDatabase.queryString("SELECT COUNT(*) FROM badge_grants WHERE badge_id = " + id));

        String username = (String) member.get("/api/v1/session").at("member.username");
        assertTrue(admin.put("/api/v1/groups/" + group + "/members/" + username, null).status() < 300);
        assertEquals(200, admin.post("/api/v1/admin/badges/nightly", null).status());
        await().atMost(Duration.ofSeconds(15)).until(() -> "1".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM badge_grants WHERE badge_id = " + id)));
    }

    @Test
    void staffGrantFromAListAndRevokeWithAReason() {
        String alice = TestMembers.uniqueName("alice");
        String bob = TestMembers.uniqueName("bob");
        api().registered(alice);
        api().registered(bob);
        long ambassador = Long.parseLong(TestDatabase.queryString("SELECT id FROM badges WHERE slug = 'ambassador'"));
        Api.Response result = moderator.post("/api/v1/admin/badges/" + ambassador + "/grants", Map.of(
                "usernames", List.of("username,email", alice + ",alice@example.test", "@" + bob, "nobody_here"),
                "reason", "Spoke at the user conference"));
        assertEquals(200, result.status(), result.body());
        assertEquals(2, ((Number) result.at("granted")).intValue());
        assertEquals(List.of("nobody_here"), result.at("unknown"));
        Api.Response again = moderator.post("/api/v1/admin/badges/" + ambassador + "/grants", Map.of(
                "usernames", List.of(alice), "reason", "Twice"));
        assertEquals(1, ((Number) again.at("alreadyHeld")).intValue());

        long grant = Long.parseLong(TestDatabase.queryString("SELECT g.id FROM badge_grants g JOIN members m ON "
                + "m.id = g.member_id WHERE g.badge_id = " + ambassador + " AND m.username = '" + bob + "'"));
        assertEquals(403, api().registered(TestMembers.uniqueName("m")).delete("/api/v1/admin/badges/grants/"
                + grant).status());
        assertEquals(204, moderator.deleteWithBody("/api/v1/admin/badges/grants/" + grant,
                Map.of("reason", "Granted by mistake")).status());
        assertEquals("0", TestDatabase.queryString("SELECT COUNT(*) FROM badge_grants WHERE id = " + grant));
        assertTrue(admin.get("/api/v1/admin/audit?limit=100").body().contains("Granted by mistake"));
    }

    @Test
    void aMemberShowsABadgeTheyHoldAsTheirTitle() {
        String name = TestMembers.uniqueName("titled");
        Api member = api().registered(name);
        long ambassador = Long.parseLong(TestDatabase.queryString("SELECT id FROM badges WHERE slug = 'ambassador'"));
        long expert = Long.parseLong(TestDatabase.queryString("SELECT id FROM badges WHERE slug = 'expert'"));
        long solved = Long.parseLong(TestDatabase.queryString("SELECT id FROM badges WHERE slug = 'solved'"));
        assertEquals(422, member.put("/api/v1/me/title", Map.of("badgeId", ambassador)).status(), "not held yet");
        moderator.post("/api/v1/admin/badges/" + ambassador + "/grants", Map.of("usernames", List.of(name),
                "reason", "Community champion"));
        assertEquals(204, member.put("/api/v1/me/title", Map.of("badgeId", ambassador)).status());
        assertEquals(422, member.put("/api/v1/me/title", Map.of("badgeId", expert)).status());
        assertEquals(422, member.put("/api/v1/me/title", Map.of("badgeId", solved)).status(), "not a title badge");
        Api.Response titles = api().get("/api/v1/badges/titles?usernames=" + name + ",nobody_at_all");
        assertEquals(200, titles.status(), titles.body());
        assertEquals("Brand ambassador", titles.at("0.name.en"));
        assertEquals(1, titles.jsonList().size());
        assertEquals(401, api().put("/api/v1/me/title", Map.of("badgeId", ambassador)).status());
        java.util.HashMap<String, Object> none = new java.util.HashMap<>();
        none.put("badgeId", null);
        assertEquals(204, member.put("/api/v1/me/title", none).status());
        assertEquals("[]", api().get("/api/v1/badges/titles?usernames=" + name).body());
    }
}
