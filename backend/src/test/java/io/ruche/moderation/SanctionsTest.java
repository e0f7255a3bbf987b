package io.ruche.moderation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.MovableClock;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sanctions take effect at once and end by themselves: the clock moves, nobody sleeps. */
@MicronautTest(transactional = false)
class SanctionsTest extends IntegrationTest {

    @Inject
    MovableClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("ruche.test.movable-clock", "true");
        return properties;
    }

    /** Work this context scheduled in its future would wait days in the shared queue: it belongs to this test. */
    @org.junit.jupiter.api.AfterAll
    void dropFutureJobs() {
        TestDatabase.execute("DELETE FROM jobs WHERE run_at > DATE_ADD(UTC_TIMESTAMP(6), INTERVAL 1 HOUR) "
                + "OR created_at > DATE_ADD(UTC_TIMESTAMP(6), INTERVAL 1 HOUR)");
    }

    @Test
    void silenceAndSuspensionApplyThenExpireOnTime() {
        Api moderator = ForumFixtures.newModerator(server.getURI());
        long category = new ForumFixtures(ForumFixtures.newAdmin(server.getURI())).category("Sanctions");
        String name = TestMembers.uniqueName("rude");
        Api member = api().registered(name);
        long thread = ForumFixtures.thread(member, category, "Before", "All fine", List.of());

        Api.Response silenced = moderator.post("/api/v1/admin/members/" + name + "/sanctions",
                Map.of("kind", "SILENCE", "reason", "Insults in the support category", "hours", 24));
        assertEquals(200, silenced.status(), silenced.body());
        Api.Response refused = member.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "Still here"));
        assertEquals(403, refused.status());
        assertEquals("problem.silenced", refused.at("code"));
        long firstPost = ((Number) member.get("/api/v1/threads/" + thread).at("posts.0.id")).longValue();
        Api fan = api().registered(TestMembers.uniqueName("fan"));
        long fanThread = ForumFixtures.thread(fan, category, "Fan", "Hello", List.of());
        long fanPost = ((Number) fan.get("/api/v1/threads/" + fanThread).at("posts.0.id")).longValue();
        assertEquals(403, member.post("/api/v1/posts/" + fanPost + "/reactions/like", null).status(), "no reactions");
        assertEquals(403, member.post("/api/v1/posts/" + fanPost + "/flags", Map.of("reason", "SPAM")).status(),
                "no flags");
        assertTrue(firstPost > 0);
        assertTrue(member.get("/api/v1/notifications").body().contains("Insults in the support category"),
                "the member is told why");

        clock.advance(Duration.ofHours(25));
        assertEquals(201, member.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "Back")).status(),
                "the silence ended by itself");

        moderator.post("/api/v1/admin/members/" + name + "/sanctions",
                Map.of("kind", "SUSPENSION", "reason", "Spam wave", "hours", 48));
        assertEquals(false, member.get("/api/v1/session").at("authenticated"), "sessions end at once");
        Api.Response signIn = api().post("/api/v1/session", Map.of("login", name, "password", TestMembers.PASSWORD));
        assertEquals(403, signIn.status());
        assertEquals("problem.suspended", signIn.at("code"));
        assertTrue(TestDatabase.queryString("SELECT COUNT(*) FROM mails m JOIN members u ON u.id = m.member_id "
                + "WHERE u.username = '" + name + "'") != null);

        clock.advance(Duration.ofHours(49));
        api().signedIn(name, TestMembers.PASSWORD);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) (List<?>) moderator
                .get("/api/v1/admin/members/" + name + "/sanctions").jsonList();
        assertEquals(2, history.size());
        assertTrue(history.stream().noneMatch(s -> Boolean.TRUE.equals(s.get("active"))), "both over");
        assertTrue(moderator.get("/api/v1/admin/audit?action=sanction.suspension").body().contains(name));
    }

    @Test
    void moderatorsCannotSanctionStaffOrThemselves() {
        Api moderator = ForumFixtures.newModerator(server.getURI());
        String self = (String) moderator.get("/api/v1/session").at("member.username");
        assertEquals(400, moderator.post("/api/v1/admin/members/" + self + "/sanctions",
                Map.of("kind", "WARNING", "reason", "x")).status());
        String other = (String) ForumFixtures.newModerator(server.getURI()).get("/api/v1/session").at("member.username");
        assertEquals(403, moderator.post("/api/v1/admin/members/" + other + "/sanctions",
                Map.of("kind", "SILENCE", "reason", "x", "hours", 1)).status());
        Api member = api().registered(TestMembers.uniqueName("m"));
        assertEquals(403, member.post("/api/v1/admin/members/" + other + "/sanctions",
                Map.of("kind", "WARNING", "reason", "x")).status());
    }
}
