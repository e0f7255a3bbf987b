package io.ruche.moderation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Held posts, flags, the queue's actions and the audit log, through the API. */
@MicronautTest(transactional = false)
class ModerationFlowTest extends IntegrationTest {

    private ForumFixtures fixtures;
    private long category;
    private Api moderator;

    @BeforeAll
    void setUp() {
        fixtures = new ForumFixtures(ForumFixtures.newAdmin(server.getURI()));
        category = fixtures.category("Moderated");
        moderator = ForumFixtures.newModerator(server.getURI());
    }

    private Api newcomer() {
        String name = TestMembers.uniqueName("new");
        Api api = api().registered(name);
        TestDatabase.execute("UPDATE members SET approved_posts = 0 WHERE username = '" + name + "'");
        return api;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> queue(Api api) {
        return (List<Map<String, Object>>) api.get("/api/v1/admin/review?limit=50").at("items");
    }

    @Test
    void aNewcomersLinkWaitsForApprovalThenIsPublished() {
        Api author = newcomer();
        long thread = ForumFixtures.thread(moderator, category, "Links welcome", "Share your tools", List.of());
        Api.Response held = author.post("/api/v1/threads/" + thread + "/posts",
                Map.of("body", "Try https://tools.example.com"));
        assertEquals(202, held.status(), held.body());
        assertEquals("LINKS", held.at("reason"));
        assertEquals(1, ((List<?>) author.get("/api/v1/threads/" + thread).at("posts")).size(),
                "not in the thread yet");
        Api.Response pending = author.get("/api/v1/me/pending?thread=" + thread);
        assertTrue(pending.body().contains("tools.example.com"), "the author sees it waiting: " + pending.body());

        Map<String, Object> item = queue(moderator).stream().filter(i -> "LINKS".equals(i.get("reason"))
                && thread == ((Number) i.get("threadId")).longValue()).findFirst().orElseThrow();
        assertEquals(204, moderator.post("/api/v1/admin/review/" + item.get("id") + "/claim", null).status());
        Api other = ForumFixtures.newModerator(server.getURI());
        assertEquals(409, other.post("/api/v1/admin/review/" + item.get("id") + "/claim", null).status());
        Api.Response approved = moderator.post("/api/v1/admin/review/actions", Map.of("ids", List.of(item.get("id")),
                "action", "APPROVE"));
        assertEquals(200, approved.status(), approved.body());
        assertEquals(2, ((List<?>) author.get("/api/v1/threads/" + thread).at("posts")).size());
        assertTrue(moderator.get("/api/v1/admin/audit?action=review.approve").body().contains("review.approve"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void enoughFlagsFromTrustedMembersHideAPostUntilReviewed() {
        Api author = api().registered(TestMembers.uniqueName("loud"));
        long thread = ForumFixtures.thread(author, category, "Hot take", "Something rude", List.of());
        long post = ((Number) author.get("/api/v1/threads/" + thread).at("posts.0.id")).longValue();
        Api first = api().registered(TestMembers.uniqueName("f1"));
        assertEquals(204, first.post("/api/v1/posts/" + post + "/flags", Map.of("reason", "INAPPROPRIATE")).status());
        assertEquals(409, first.post("/api/v1/posts/" + post + "/flags", Map.of("reason", "SPAM")).status(),
                "once per member");
        assertEquals(403, author.post("/api/v1/posts/" + post + "/flags", Map.of("reason", "SPAM")).status());
        api().registered(TestMembers.uniqueName("f2")).post("/api/v1/posts/" + post + "/flags", Map.of("reason", "SPAM"));
        Api reader = api().registered(TestMembers.uniqueName("f3"));
        reader.post("/api/v1/posts/" + post + "/flags", Map.of("reason", "OTHER", "note", "Insults"));
        assertNull(reader.get("/api/v1/threads/" + thread).at("posts.0.html"), "hidden for readers");
        assertEquals(true, moderator.get("/api/v1/threads/" + thread).at("posts.0.hidden"));

        Map<String, Object> item = queue(moderator).stream().filter(i -> i.get("postId") != null
                && post == ((Number) i.get("postId")).longValue()).findFirst().orElseThrow();
        assertEquals(3, ((Map<?, ?>) item.get("flags")).values().stream().mapToInt(v -> ((Number) v).intValue()).sum());
        assertEquals("Insults", ((List<Map<String, Object>>) item.get("flaggers")).get(2).get("note"));
        assertEquals("FLAGS", item.get("hiddenBy"), "hidden by the flags, until reviewed");
        moderator.post("/api/v1/admin/review/actions", Map.of("ids", List.of(item.get("id")), "action", "APPROVE"));
        assertTrue(reader.get("/api/v1/threads/" + thread).at("posts.0.html").toString().contains("Something rude"));
        api().registered(TestMembers.uniqueName("f4")).post("/api/v1/posts/" + post + "/flags", Map.of("reason", "SPAM"));
        assertTrue(reader.get("/api/v1/threads/" + thread).at("posts.0.html") != null,
                "after approval the count starts again: one new flag does not hide it");
        assertTrue(moderator.get("/api/v1/admin/audit?action=post.hiddenByFlags").body().contains("3 flags"));
    }

    @Test
    void theConsoleRefusesGuestsAndMembers() {
        Api member = api().registered(TestMembers.uniqueName("plain"));
        for (String path : List.of("/api/v1/admin/review", "/api/v1/admin/audit", "/api/v1/admin/watched-words",
                "/api/v1/admin/dashboard", "/api/v1/admin/crisis", "/api/v1/admin/canned-replies")) {
            assertEquals(401, api().get(path).status(), path);
            assertEquals(403, member.get(path).status(), path);
            assertEquals(200, moderator.get(path).status(), path);
        }
        assertEquals(403, moderator.get("/api/v1/admin/settings").status(), "admin only");
        assertEquals(403, moderator.get("/api/v1/admin/bans").status(), "admin only");
    }
}
