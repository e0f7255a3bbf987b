package io.ruche.analytics;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.Concurrently;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Analytics' write paths with real threads at once: the same fact delivered by several workers counts once, page
 * views from many browsers are all counted with no error, and two nodes rolling the same day take turns and agree.
 */
@MicronautTest(transactional = false)
class AnalyticsConcurrencyTest extends IntegrationTest {

    @Inject
    ActivityFacts facts;

    @Inject
    Rollups rollups;

    private static <T> List<T> atOnce(int threads, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return work.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameFactAtOnceCountsOnceAndTwoRollsOfADayAgree() throws Exception {
        String name = TestMembers.uniqueName("twice");
        api().registered(name);
        long member = Long.parseLong(TestDatabase.queryString("SELECT id FROM members WHERE username = '" + name + "'"));
        Instant at = Instant.parse("2003-06-10T12:00:00Z");
        List<Boolean> inserted = atOnce(8, () -> facts.record(ActivityFacts.Kind.REPLY, "race:" + member, member,
                77_000_001L, null, at));
        assertEquals(1, inserted.stream().filter(b -> b).count(), "one worker records it, the others see it done");

        LocalDate day = LocalDate.of(2003, 6, 10);
        atOnce(4, () -> {
            rollups.roll(day, ZoneOffset.UTC, LocalDate.now(ZoneOffset.UTC));
            return true;
        });
        assertEquals("1", TestDatabase.queryString("SELECT value FROM analytics_daily WHERE day = '2003-06-10' AND "
                + "metric = 'REPLIES' AND category_id = 77000001 AND group_id = 0 AND NOT with_staff"));
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM analytics_daily WHERE day = '2003-06-10' AND "
                + "metric = 'ACTIVE_MEMBERS' AND category_id = 0 AND group_id = 0 AND NOT with_staff"));
    }

    @Test
    void pageViewsFromManyBrowsersAtOnceAreAllCounted() throws Exception {
        String referrer = "https://" + TestMembers.uniqueName("burst").replace('_', '-') + ".example/";
        String host = java.net.URI.create(referrer).getHost();
        List<Api> browsers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Api guest = api().header("User-Agent", "Mozilla/5.0 Burst " + i);
            guest.get("/api/v1/session"); // the CSRF cookie, as the app has it before its first beacon
            browsers.add(guest);
        }
        List<Api.Response> answers = Concurrently.atOnce(browsers, b -> b.post("/api/v1/analytics/view",
                Map.of("referrer", referrer, "embed", false)));
        assertTrue(answers.stream().allMatch(r -> r.status() == 204), answers.toString());
        assertEquals("16", TestDatabase.queryString("SELECT COUNT(*) FROM analytics_facts WHERE kind = 'PAGE_VIEW' "
                + "AND referrer_host = '" + host + "'"));
        assertEquals("16", TestDatabase.queryString("SELECT COUNT(DISTINCT visitor) FROM analytics_facts WHERE "
                + "kind = 'PAGE_VIEW' AND referrer_host = '" + host + "'"), "sixteen browsers, sixteen visitors");

        // Where they came from, in the day's rollup the dashboard reads.
        rollups.runDue();
        Api admin = io.ruche.support.ForumFixtures.newAdmin(server.getURI());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Api.Response highlights = admin.get("/api/v1/admin/analytics/highlights?from=" + today + "&to=" + today);
        assertTrue(((List<?>) highlights.at("referrers")).stream().map(r -> (Map<?, ?>) r).anyMatch(r ->
                host.equals(r.get("name")) && ((Number) r.get("count")).intValue() == 16), highlights.body());
    }
}
