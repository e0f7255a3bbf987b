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
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Searches become facts through search's domain event: the top terms and what members looked for in vain. */
@MicronautTest(transactional = false)
class SearchTermsTest extends IntegrationTest {

    @Inject
    AnalyticsSettings settings;

    @Test
    void searchesThatFindNothingAreListedForTheManager() {
        String missing = "zqxv" + TestMembers.uniqueName("m").replace("_", "");
        Api member = api().registered(TestMembers.uniqueName("seeker"));
        assertEquals(200, member.get("/api/v1/search?q=" + missing).status());
        assertEquals(200, api().get("/api/v1/search?q=" + missing.toUpperCase()).status());
        assertEquals(200, api().get("/api/v1/search?q=" + missing + "&page=2").status(), "a next page is no new search");
        await().atMost(Duration.ofSeconds(15)).until(() -> "2".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM analytics_facts WHERE kind = 'SEARCH' AND detail = '" + missing + "'")));

        Api admin = ForumFixtures.newAdmin(server.getURI());
        LocalDate today = Instant.now().atZone(settings.zone()).toLocalDate();
        Api.Response report = admin.get("/api/v1/admin/analytics/searches?from=" + today + "&to=" + today);
        assertEquals(200, report.status(), report.body());
        List<Map<String, Object>> missed = ((List<?>) report.at("noResult")).stream()
                .map(o -> (Map<String, Object>) o).toList();
        assertTrue(missed.stream().anyMatch(t -> missing.equals(t.get("terms"))
                && ((Number) t.get("withoutResult")).intValue() == 2), report.body());
        assertEquals(403, member.get("/api/v1/admin/analytics/searches?from=" + today + "&to=" + today).status());
    }
}
