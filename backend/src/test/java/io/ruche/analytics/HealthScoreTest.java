package io.ruche.analytics;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The health score follows its published formula, worked out here from the figures the test lays down. */
@MicronautTest(transactional = false)
class HealthScoreTest extends IntegrationTest {

    private static void figure(LocalDate day, String metric, long value) {
        TestDatabase.execute("REPLACE INTO analytics_daily (day, metric, category_id, with_staff, value, as_of) VALUES ('"
                + day + "', '" + metric + "', 0, FALSE, " + value + ", UTC_TIMESTAMP(6))");
    }

    @Test
    void theScoreIsItsFormula() {
        LocalDate from = LocalDate.of(2003, 6, 2);
        LocalDate to = from.plusDays(6);
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            figure(d, "ACTIVE_MEMBERS", 10);      // 10 a day
            figure(d, "THREADS", 2);              // 14 threads
            figure(d, "REPLIES", 4);              // 28 replies
        }
        figure(to, "ACTIVE_28D", 100);            // stickiness 0.1
        figure(from, "NEW_CONTRIBUTORS", 3);      // 3 now
        figure(from.minusDays(7), "NEW_CONTRIBUTORS", 6); // 6 the week before
        figure(from, "FLAGS", 2);                 // 2 flags for 42 posts
        // No thread in analytics_threads for that week: responsiveness 0.

        double activity = Math.min(1, (10.0 / 100) / 0.25);          // 0.4
        double growth = Math.min(1, 3.0 / 6);                         // 0.5
        double moderation = Math.max(0, 1 - Math.min(1, 10 * 2.0 / 42));
        int expected = (int) Math.round(100 * (0.3 * activity + 0.3 * 0 + 0.2 * growth + 0.2 * moderation));

        Api admin = ForumFixtures.newAdmin(server.getURI());
        Api.Response score = admin.get("/api/v1/admin/analytics/health?from=" + from + "&to=" + to);
        assertEquals(200, score.status(), score.body());
        assertEquals(expected, ((Number) score.at("score")).intValue());
        assertEquals(0.4, ((Number) score.at("components.activity")).doubleValue(), 1e-9);
        assertTrue(((String) score.at("formulaFr")).startsWith("score = 100 × (0,3 × activité"));
    }
}
