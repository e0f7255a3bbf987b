package io.ruche.guidelines;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guidelines: everyone reads them, admins edit them, members who read them to the end earn a badge once. */
@MicronautTest(transactional = false)
class GuidelinesTest extends IntegrationTest {

    @Test
    void aMemberWhoReadsToTheEndEarnsTheBadgeOnce() {
        Api.Response guest = api().get("/api/v1/guidelines");
        assertEquals(200, guest.status());
        assertEquals("en", guest.at("texts.0.language"));
        assertEquals("fr", guest.at("texts.1.language"));
        assertTrue(((String) guest.at("texts.1.html")).contains("<h2>Bienvenue</h2>"), guest.body());
        assertEquals(false, guest.at("read"));
        assertEquals(401, api().post("/api/v1/guidelines/read", Map.of()).status());

        String name = TestMembers.uniqueName("reader");
        Api member = api().registered(name);
        Api.Response first = member.post("/api/v1/guidelines/read", Map.of());
        assertEquals(200, first.status(), first.body());
        Api.Response again = member.post("/api/v1/guidelines/read", Map.of());
        assertEquals(first.at("readAt"), again.at("readAt"), "read once, remembered once");
        assertEquals(true, member.get("/api/v1/guidelines").at("read"));

        String memberId = TestDatabase.queryString("SELECT id FROM members WHERE username = '" + name + "'");
        await().atMost(Duration.ofSeconds(15)).until(() -> "1".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM badge_grants g JOIN badges b ON b.id = g.badge_id WHERE b.slug = 'guidelines' "
                        + "AND g.member_id = " + memberId)));
        assertTrue(member.get("/api/v1/members/" + name + "/badges").body().contains("\"slug\":\"guidelines\""));
    }

    @Test
    void onlyAdminsEditAndTheTextIsSanitized() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        Api moderator = ForumFixtures.newModerator(server.getURI());
        Api member = api().registered(TestMembers.uniqueName("rules"));
        Map<String, Object> body = Map.of("body", "## Be kind\n\nNo insults. <script>alert(1)</script>");

        assertEquals(401, api().put("/api/v1/admin/guidelines/en", body).status());
        assertEquals(403, member.put("/api/v1/admin/guidelines/en", body).status());
        assertEquals(403, moderator.put("/api/v1/admin/guidelines/en", body).status());
        assertEquals(404, admin.put("/api/v1/admin/guidelines/de", body).status());
        assertEquals(422, admin.put("/api/v1/admin/guidelines/en", Map.of("body", " ")).status());
        Api.Response tooLong = admin.put("/api/v1/admin/guidelines/en", Map.of("body", "x".repeat(30_001)));
        assertEquals(422, tooLong.status());
        assertTrue(tooLong.body().contains("30,000"), tooLong.body());

        String before = (String) api().get("/api/v1/guidelines").at("texts.0.source");
        try {
            Api.Response saved = admin.put("/api/v1/admin/guidelines/en", body);
            assertEquals(200, saved.status(), saved.body());
            String html = (String) api().get("/api/v1/guidelines").at("texts.0.html");
            assertTrue(html.contains("<h2>Be kind</h2>"), html);
            assertFalse(html.contains("<script"), html);
            assertNotNull(TestDatabase.queryString("SELECT id FROM audit_log WHERE action = 'guidelines.edit'"));
        } finally {
            admin.put("/api/v1/admin/guidelines/en", Map.of("body", before));
        }
    }
}
