package io.ruche.analytics;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Facts from domain events and daily rollups: counted once, staff apart, per category, and a closed figure that a
 * later moderation does not rewrite. Expected figures come from what the test itself did, not from the same SQL.
 */
@MicronautTest(transactional = false)
class RollupsTest extends IntegrationTest {

    @Inject
    Rollups rollups;

    @Inject
    ActivityFacts facts;

    @Inject
    AnalyticsSettings settings;

    private static String figure(String metric, long category, boolean withStaff, LocalDate day) {
        return TestDatabase.queryString("SELECT value FROM analytics_daily WHERE metric = '" + metric
                + "' AND category_id = " + category + " AND group_id = 0 AND with_staff = " + withStaff + " AND day = '"
                + day + "'");
    }

    @Test
    void threadsAndRepliesOfACategoryAreCountedOnceWithStaffApartAndStayWhenAPostIsDeleted() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        long category = new ForumFixtures(admin).category("Analytics talk");
        List<Api> members = List.of(api().registered(TestMembers.uniqueName("a1")),
                api().registered(TestMembers.uniqueName("a2")));
        // What the test does, counted here in Java: members start 2 threads and write 3 replies; staff 1 and 1.
        long first = ForumFixtures.thread(members.get(0), category, "First idea", "Body one", List.of());
        ForumFixtures.thread(members.get(1), category, "Second idea", "Body two", List.of());
        long reply = ForumFixtures.reply(members.get(1), first, "A reply");
        ForumFixtures.reply(members.get(0), first, "Another reply");
        ForumFixtures.reply(members.get(1), first, "A third reply");
        ForumFixtures.thread(admin, category, "Staff note", "From the team", List.of());
        ForumFixtures.reply(admin, first, "Staff reply");
        int memberThreads = 2;
        int memberReplies = 3;

        await().atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(memberThreads + memberReplies + 2)
                .equals(TestDatabase.queryString("SELECT COUNT(*) FROM analytics_facts WHERE category_id = " + category)));
        ZoneId zone = settings.zone();
        rollups.runDue();
        LocalDate today = Instant.now().atZone(zone).toLocalDate();
        assertEquals(String.valueOf(memberThreads), figure("THREADS", category, false, today));
        assertEquals(String.valueOf(memberThreads + 1), figure("THREADS", category, true, today), "staff shown apart");
        assertEquals(String.valueOf(memberReplies), figure("REPLIES", category, false, today));

        // The busiest thread of the day, counted here: three member replies (staff apart).
        Api.Response highlights = admin.get("/api/v1/admin/analytics/highlights?from=" + today + "&to=" + today
                + "&category=" + category);
        assertEquals(200, highlights.status(), highlights.body());
        java.util.List<?> threads = (java.util.List<?>) highlights.at("threads");
        assertTrue(threads.stream().map(o -> (java.util.Map<?, ?>) o).anyMatch(t -> "First idea".equals(t.get("name"))
                && ((Number) t.get("count")).intValue() == memberReplies
                && ((String) t.get("link")).startsWith("/t/" + first + "/")), highlights.body());

        // A delivery that runs again counts nothing more.
        assertFalse(facts.record(ActivityFacts.Kind.REPLY, "post:" + reply, null, category, first, Instant.now()));

        // Moderation deletes a reply: the day's activity stays what it was.
        assertEquals(204, admin.delete("/api/v1/posts/" + reply).status());
        rollups.runDue();
        assertEquals(String.valueOf(memberReplies), figure("REPLIES", category, false, today));
    }

    @Test
    void theOverviewReadsRollupsForStaffOnlyAndComparesWithThePreviousPeriod() {
        rollups.runDue();
        Api admin = ForumFixtures.newAdmin(server.getURI());
        LocalDate today = Instant.now().atZone(settings.zone()).toLocalDate();
        String path = "/api/v1/admin/analytics/overview?from=" + today.minusDays(6) + "&to=" + today;
        Api.Response overview = admin.get(path);
        assertEquals(200, overview.status(), overview.body());
        assertEquals(7, ((List<?>) overview.at("figures.0.series")).size());
        assertTrue(overview.body().contains("\"definitionFr\""));
        assertTrue(overview.at("asOf") != null, "each figure says when it was computed");
        assertEquals(401, api().get(path).status());
        assertEquals(403, api().registered(TestMembers.uniqueName("curious")).get(path).status());
        assertEquals(422, admin.get("/api/v1/admin/analytics/overview?from=2026-02-10&to=2026-01-01").status());
        // Every report and its CSV: staff only.
        String range = "?from=" + today.minusDays(6) + "&to=" + today;
        List<String> reports = new java.util.ArrayList<>(List.of("/overview" + range, "/responses" + range,
                "/unanswered", "/cohorts?from=" + today.toString().substring(0, 7), "/at-risk", "/searches" + range,
                "/highlights" + range, "/health" + range, "/weekly-mail", "/filters"));
        for (String report : List.of("overview", "responses", "unanswered", "cohorts", "at-risk", "searches",
                "highlights", "health")) {
            reports.add("/export/" + report + range);
        }
        Api member = api().registered(TestMembers.uniqueName("peeker"));
        for (String report : reports) {
            String url = "/api/v1/admin/analytics" + report;
            assertEquals(401, api().get(url).status(), url);
            assertEquals(403, member.get(url).status(), url);
            Api.Response ok = admin.get(url);
            assertEquals(200, ok.status(), url + " " + ok.body());
            if (report.startsWith("/export/")) {
                assertTrue(ok.body().startsWith("\uFEFF"), url);
            }
        }

        // Whether moderators see analytics is the site's choice; admins always do.
        Api moderator = ForumFixtures.newModerator(server.getURI());
        assertEquals(200, moderator.get(path).status());
        java.util.Map<String, Object> settings = new java.util.HashMap<>(admin.get("/api/v1/admin/settings").json());
        settings.put("moderatorsSeeAnalytics", false);
        try {
            assertEquals(200, admin.put("/api/v1/admin/settings", settings).status());
            assertEquals(403, moderator.get(path).status());
            assertEquals(403, moderator.get("/api/v1/admin/analytics/export/overview?from=" + today + "&to=" + today)
                    .status());
            assertEquals(403, moderator.post("/api/v1/admin/analytics/at-risk/1/message", java.util.Map.of("subject",
                    "Hi", "body", "Hello")).status());
            assertEquals(200, admin.get(path).status());
            settings.put("timeZone", "Mars/Olympus");
            assertEquals(422, admin.put("/api/v1/admin/settings", settings).status());
        } finally {
            settings.put("moderatorsSeeAnalytics", true);
            settings.put("timeZone", "UTC");
            admin.put("/api/v1/admin/settings", settings);
        }
    }
}
