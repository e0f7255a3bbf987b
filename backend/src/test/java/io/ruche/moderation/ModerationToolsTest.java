package io.ruche.moderation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Watched words, crisis mode, thread tools, bans and registration rules, through the API. */
@MicronautTest(transactional = false)
class ModerationToolsTest extends IntegrationTest {

    private ForumFixtures fixtures;
    private Api admin;
    private Api moderator;
    private long category;

    @BeforeAll
    void setUp() {
        admin = ForumFixtures.newAdmin(server.getURI());
        fixtures = new ForumFixtures(admin);
        moderator = ForumFixtures.newModerator(server.getURI());
        category = fixtures.category("Tools");
    }

    /** These scenarios change forum-wide rules: put them back for the others. */
    @AfterEach
    void restore() {
        TestDatabase.execute("DELETE FROM watched_words", "DELETE FROM bans",
                "UPDATE site_settings SET crisis_on = FALSE, registration = 'OPEN' WHERE id = 1");
    }

    @Test
    void watchedWordsCensorBlockAndAreTriedBeforeSaving() {
        Api.Response tried = moderator.post("/api/v1/admin/watched-words/test", Map.of("sample", "Quelle ARNAQUE",
                "rule", Map.of("pattern", "arnaque", "kind", "PLAIN", "action", "CENSOR")));
        assertEquals("Quelle ■■■■■■■", tried.at("text"));
        Api.Response slow = moderator.post("/api/v1/admin/watched-words", Map.of("pattern", "(a+)+b", "kind", "REGEX",
                "action", "BLOCK"));
        assertEquals(422, slow.status());
        assertEquals("validation.watchedWord.slowRegex", slow.at("errors.0.code"));
        assertEquals(422, moderator.post("/api/v1/admin/watched-words", Map.of("pattern", "x")).status(),
                "kind and action are required");
        moderator.post("/api/v1/admin/watched-words", Map.of("pattern", "arnaque", "kind", "PLAIN", "action", "CENSOR"));
        moderator.post("/api/v1/admin/watched-words", Map.of("pattern", "casino*", "kind", "WILDCARD", "action", "BLOCK"));
        Api member = api().registered(TestMembers.uniqueName("ww"));
        Api.Response blocked = member.post("/api/v1/threads", Map.of("categoryId", category,
                "title", "Best Casinos online", "body", "Come"));
        assertEquals(422, blocked.status());
        assertEquals("title", blocked.at("errors.0.field"));
        long thread = ForumFixtures.thread(member, category, "Attention", "C'est une arnaque évidente", List.of());
        assertTrue(member.get("/api/v1/threads/" + thread).at("posts.0.html").toString().contains("■■■■■■■"));
        assertTrue(moderator.get("/api/v1/admin/audit?action=watchedWord.add").body().contains("arnaque"));
        Api.Response name = api().post("/api/v1/accounts", Map.of("username", "casinoking", "email",
                "ck@example.test", "password", TestMembers.PASSWORD));
        assertEquals(422, name.status(), "usernames are checked too");
    }

    @Test
    void crisisModeHoldsPostsSlowsMembersAndShowsABanner() {
        Api member = api().registered(TestMembers.uniqueName("calm"));
        long thread = ForumFixtures.thread(member, category, "Outage", "Is it down?", List.of());
        Api.Response on = moderator.put("/api/v1/admin/crisis", Map.of("on", true, "message", "We are on it",
                "categoryIds", List.of(), "slowSeconds", 600));
        assertEquals(200, on.status(), on.body());
        assertEquals(true, api().get("/api/v1/crisis").at("on"));
        assertEquals("We are on it", api().get("/api/v1/crisis").at("message"));
        assertEquals(429, member.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "Again")).status(),
                "slow mode for everyone: the author posted a moment ago");
        Api other = api().registered(TestMembers.uniqueName("worried"));
        Api.Response held = other.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "Still down"));
        assertEquals(202, held.status(), held.body());
        assertEquals("CRISIS", held.at("reason"));
        assertEquals(201, moderator.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "Fix in progress"))
                .status(), "staff keep talking");
        assertTrue(moderator.get("/api/v1/admin/audit?action=crisis.on").body().contains("We are on it"));
        moderator.put("/api/v1/admin/crisis", Map.of("on", false, "message", "", "categoryIds", List.of(),
                "slowSeconds", 0));
        assertEquals(false, api().get("/api/v1/crisis").at("on"));
    }

    @Test
    void slowModeCloseOfficialMergeAndSplit() {
        Api member = api().registered(TestMembers.uniqueName("tt"));
        long a = ForumFixtures.thread(member, category, "First half", "one", List.of());
        ForumFixtures.reply(member, a, "two");
        assertEquals(204, moderator.put("/api/v1/threads/" + a + "/slow-mode", Map.of("seconds", 600)).status());
        Api.Response slow = member.post("/api/v1/threads/" + a + "/posts", Map.of("body", "three"));
        assertEquals(429, slow.status(), "one post per member per 10 minutes");
        long retryAfter = Long.parseLong(slow.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 500 && retryAfter <= 600, "exactly when: " + retryAfter);
        assertTrue(((String) slow.at("detail")).matches(".*try again in (9|10) minutes\\.$"), (String) slow.at("detail"));
        moderator.put("/api/v1/threads/" + a + "/slow-mode", Map.of("seconds", 0));

        long b = ForumFixtures.thread(member, category, "Second half", "four", List.of());
        long staffPost = ForumFixtures.reply(moderator, b, "Official answer");
        assertEquals(204, moderator.put("/api/v1/posts/" + staffPost + "/official", Map.of("official", true)).status());
        assertEquals(true, member.get("/api/v1/threads/" + b).at("posts.1.official"));
        long memberPost = ForumFixtures.reply(member, b, "me too");
        assertEquals(400, moderator.put("/api/v1/posts/" + memberPost + "/official", Map.of("official", true)).status());

        assertEquals(204, moderator.post("/api/v1/threads/" + b + "/merge", Map.of("into", a)).status());
        Api.Response gone = member.get("/api/v1/threads/" + b);
        assertEquals(301, gone.status(), "the merged thread's address leads to where its posts went");
        assertTrue(gone.headers().firstValue("Location").orElseThrow().startsWith("/api/v1/threads/" + a + "?"));
        List<?> merged = (List<?>) member.get("/api/v1/threads/" + a).at("posts");
        assertEquals(5, merged.size());
        assertEquals(4, ((Number) member.get("/api/v1/threads/" + a).at("thread.replies")).intValue());

        long second = ((Number) member.get("/api/v1/threads/" + a).at("posts.1.id")).longValue();
        long third = ((Number) member.get("/api/v1/threads/" + a).at("posts.2.id")).longValue();
        Api.Response split = moderator.post("/api/v1/threads/" + a + "/split", Map.of("postIds", List.of(second, third),
                "title", "Split off", "categoryId", category));
        assertEquals(201, split.status(), split.body());
        long created = ((Number) split.at("threadId")).longValue();
        assertEquals(2, ((List<?>) member.get("/api/v1/threads/" + created).at("posts")).size());
        assertEquals(3, ((List<?>) member.get("/api/v1/threads/" + a).at("posts")).size());
        assertEquals(201, member.post("/api/v1/threads/" + a + "/posts", Map.of("body", "after the split")).status(),
                "positions stay free after a split");

        assertEquals(204, moderator.put("/api/v1/threads/" + a + "/close", Map.of("note", "Answered, thanks all"))
                .status());
        assertEquals("Answered, thanks all", member.get("/api/v1/threads/" + a).at("staffNote"));
        assertEquals(403, member.post("/api/v1/threads/" + a + "/posts", Map.of("body", "x")).status());
        assertEquals(403, member.put("/api/v1/threads/" + a + "/close", Map.of("note", "x")).status());
        String audit = moderator.get("/api/v1/admin/audit?limit=100").body();
        for (String action : List.of("thread.slowMode", "post.official", "thread.merge", "thread.split", "thread.close")) {
            assertTrue(audit.contains(action), action);
        }
    }

    @Test
    void bansClosedRegistrationInvitationsAndTheHoneypot() {
        assertEquals(200, admin.post("/api/v1/admin/bans", Map.of("kind", "EMAIL_DOMAIN", "value", "spam.example",
                "reason", "wave")).status());
        Map<String, Object> body = new HashMap<>(Map.of("username", TestMembers.uniqueName("sp"),
                "email", "x@mail.spam.example", "password", TestMembers.PASSWORD));
        assertEquals("problem.banned", api().post("/api/v1/accounts", body).at("code"));
        assertEquals(403, moderator.post("/api/v1/admin/bans", Map.of("kind", "EMAIL", "value", "a@b.cd")).status());

        body.put("email", TestMembers.uniqueName("h") + "@example.test");
        body.put("website", "http://buy.example");
        assertEquals("problem.registrationRefused", api().post("/api/v1/accounts", body).at("code"));
        body.remove("website");
        body.put("formShownAt", System.currentTimeMillis());
        assertEquals("problem.registrationRefused", api().post("/api/v1/accounts", body).at("code"), "too fast");
        body.remove("formShownAt");

        assertEquals(422, admin.put("/api/v1/admin/settings", Map.of("name", "x")).status(), "incomplete settings");
        Map<String, Object> settings = new HashMap<>(admin.get("/api/v1/admin/settings").json());
        settings.put("registration", "CLOSED");
        assertEquals(200, admin.put("/api/v1/admin/settings", settings).status());
        assertEquals("problem.registrationClosed", api().post("/api/v1/accounts", body).at("code"));
        settings.put("registration", "INVITE");
        admin.put("/api/v1/admin/settings", settings);
        assertEquals("problem.inviteRequired", api().post("/api/v1/accounts", body).at("code"));
        String url = (String) admin.post("/api/v1/admin/invites", Map.of("email", "")).at("url");
        body.put("invite", url.substring(url.indexOf("invite=") + 7));
        assertEquals(202, api().post("/api/v1/accounts", body).status());
        body.put("username", TestMembers.uniqueName("again"));
        body.put("email", TestMembers.uniqueName("again") + "@example.test");
        assertEquals("problem.inviteInvalid", api().post("/api/v1/accounts", body).at("code"), "single use");
        assertFalse(admin.get("/api/v1/admin/invites").body().isEmpty());
    }
}
