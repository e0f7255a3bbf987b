package io.ruche.analytics;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The page-view beacon: guests counted by a daily key with nothing about them stored, privacy signals respected. */
@MicronautTest(transactional = false)
class PageViewsTest extends IntegrationTest {

    private static String count(String where) {
        return TestDatabase.queryString("SELECT COUNT(*) FROM analytics_facts WHERE kind = 'PAGE_VIEW' AND " + where);
    }

    @Test
    void guestsAreOneDailyVisitorKeyAndPrivacySignalsAndBotsAreNotCounted() {
        String referrer = "https://" + TestMembers.uniqueName("ref").replace('_', '-') + ".example/post";
        String host = java.net.URI.create(referrer).getHost();
        Api guest = api().header("X-Forwarded-For", "203.0.113.77").header("User-Agent", "Mozilla/5.0 Test");
        assertEquals(204, guest.post("/api/v1/analytics/view", Map.of("referrer", referrer, "embed", false)).status());
        assertEquals(204, guest.post("/api/v1/analytics/view", Map.of("embed", false)).status());
        assertEquals("2", count("referrer_host = '" + host + "' OR (visitor = (SELECT visitor FROM analytics_facts "
                + "WHERE referrer_host = '" + host + "'))"), "the same guest, one key for the day");
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(DISTINCT visitor) FROM analytics_facts WHERE visitor = "
                + "(SELECT visitor FROM analytics_facts WHERE referrer_host = '" + host + "')"));
        assertEquals("0", TestDatabase.queryString("SELECT COUNT(*) FROM analytics_facts WHERE visitor LIKE '%203.0%' "
                + "OR referrer_host LIKE '%203.0%' OR fact_key LIKE '%203.0%'"), "the address is never stored");

        String before = count("TRUE");
        assertEquals(204, api().header("DNT", "1").post("/api/v1/analytics/view", Map.of("embed", false)).status());
        assertEquals(204, api().header("Sec-GPC", "1").post("/api/v1/analytics/view", Map.of("embed", false)).status());
        assertEquals(204, api().header("User-Agent", "Googlebot/2.1").post("/api/v1/analytics/view",
                Map.of("embed", false)).status());
        assertEquals(before, count("TRUE"), "Do Not Track, Global Privacy Control and bots are not counted");

        String name = TestMembers.uniqueName("viewer");
        Api member = api().registered(name).header("User-Agent", "Mozilla/5.0 Test");
        member.post("/api/v1/analytics/view", Map.of("embed", true));
        String memberId = TestDatabase.queryString("SELECT id FROM members WHERE username = '" + name + "'");
        assertEquals("1", count("member_id = " + memberId + " AND source = 'embed'"), "embeds are kept apart");
        assertNull(TestDatabase.queryString("SELECT visitor FROM analytics_facts WHERE kind = 'PAGE_VIEW' AND member_id = "
                + memberId), "members are counted by account, not by a key");
    }

    @jakarta.inject.Inject
    PageViews views;

    @Test
    void eachDayHasItsOwnRandomSaltForgottenTwoDaysLater() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String key = views.visitorKey("198.51.100.7", "Mozilla/5.0", today);
        assertEquals(key, views.visitorKey("198.51.100.7", "Mozilla/5.0", today), "the same guest, the same day");
        org.junit.jupiter.api.Assertions.assertNotEquals(key, views.visitorKey("198.51.100.7", "Mozilla/5.0",
                today.minusDays(3)), "another day, another key");
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM app_secrets WHERE name = 'analytics-visitors:"
                + today.minusDays(3) + "'"));
        views.forgetOldSalts();
        assertEquals("0", TestDatabase.queryString("SELECT COUNT(*) FROM app_secrets WHERE name = 'analytics-visitors:"
                + today.minusDays(3) + "'"), "a past day's salt is gone: its keys can be linked to nobody");
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM app_secrets WHERE name = 'analytics-visitors:"
                + today + "'"), "today's stays");
    }
}
