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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Time to first response and response rate, checked against figures worked out here from the threads the test
 * writes (open threads ranked last, as "never answered"), not by the code under test.
 */
@MicronautTest(transactional = false)
class ResponsivenessTest extends IntegrationTest {

    @Inject
    ActivityFacts facts;

    private static long id(String username) {
        return Long.parseLong(TestDatabase.queryString("SELECT id FROM members WHERE username = '" + username + "'"));
    }

    /** The nearest-rank percentile with open threads as "infinitely late" (Long.MAX_VALUE), null when it is one. */
    private static Long expected(List<Long> minutesOrOpen, double p) {
        List<Long> sorted = new ArrayList<>(minutesOrOpen);
        sorted.sort(null);
        long value = sorted.get((int) Math.ceil(p * sorted.size()) - 1);
        return value == Long.MAX_VALUE ? null : value;
    }

    @Test
    void openThreadsCountAsOpenInTheMedianAndP90AndTheRate() {
        String a = TestMembers.uniqueName("asker");
        String b = TestMembers.uniqueName("helper");
        api().registered(a);
        api().registered(b);
        Api admin = ForumFixtures.newAdmin(server.getURI());
        long staff = Long.parseLong(TestDatabase.queryString("SELECT id FROM members WHERE role = 'ADMIN' ORDER BY id DESC "
                + "LIMIT 1"));
        long asker = id(a);
        long helper = id(b);
        Instant t0 = Instant.parse("2001-03-10T10:00:00Z");
        long base = 900_000_000L + (System.nanoTime() % 1_000_000) * 10;
        // Thread 1: answered after 30 min; 2: staff after 60, a member after 120; 3: after 30 hours; 4: only its
        // author replied; 5: nobody. Thread 6 is staff's (left out unless asked).
        for (int i = 1; i <= 5; i++) {
            facts.threadStarted(base + i, 1, asker, t0);
        }
        facts.threadStarted(base + 6, 1, staff, t0);
        facts.replied(base + 1, helper, t0.plus(Duration.ofMinutes(30)));
        facts.replied(base + 2, helper, t0.plus(Duration.ofMinutes(120)));
        facts.replied(base + 2, staff, t0.plus(Duration.ofMinutes(60)));
        facts.replied(base + 3, helper, t0.plus(Duration.ofHours(30)));
        facts.replied(base + 4, asker, t0.plus(Duration.ofMinutes(5)));
        facts.replied(base + 6, helper, t0.plus(Duration.ofMinutes(10)));

        List<Long> anyone = List.of(30L, 60L, 30L * 60, Long.MAX_VALUE, Long.MAX_VALUE);
        List<Long> byStaff = List.of(Long.MAX_VALUE, 60L, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
        Api.Response figures = admin.get("/api/v1/admin/analytics/responses?from=2001-03-10&to=2001-03-10");
        assertEquals(200, figures.status(), figures.body());
        assertEquals(5, ((Number) figures.at("threads")).intValue());
        assertEquals(2, ((Number) figures.at("answeredWithin24h")).intValue());
        assertEquals(0.4, ((Number) figures.at("responseRate")).doubleValue(), 1e-9);
        assertEquals(2, ((Number) figures.at("open")).intValue());
        assertEquals(expected(anyone, 0.5), ((Number) figures.at("medianMinutes")).longValue());
        assertNull(expected(anyone, 0.9));
        assertNull(figures.at("p90Minutes"), "the 90th percentile falls on open threads");
        assertNull(expected(byStaff, 0.5));
        assertNull(figures.at("medianStaffMinutes"));

        Api.Response withStaff = admin.get("/api/v1/admin/analytics/responses?from=2001-03-10&to=2001-03-10&withStaff=true");
        assertEquals(6, ((Number) withStaff.at("threads")).intValue());
        List<Long> all = List.of(30L, 60L, 30L * 60, Long.MAX_VALUE, Long.MAX_VALUE, 10L);
        assertEquals(expected(all, 0.5), ((Number) withStaff.at("medianMinutes")).longValue());

        assertEquals(403, api().registered(TestMembers.uniqueName("nosy"))
                .get("/api/v1/admin/analytics/responses?from=2001-03-10&to=2001-03-10").status());
        assertEquals(200, admin.get("/api/v1/admin/analytics/unanswered").status());
    }

    @Test
    void questionsSolvedAndFlagsWaitingAreCountedPerCategoryAndGroup() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        ForumFixtures forum = new ForumFixtures(admin);
        long questions = forum.category("Support questions", java.util.Map.of("kind", "QUESTIONS"));
        long talk = forum.category("Open talk");
        Api asker = api().registered(TestMembers.uniqueName("qa1"));
        Api other = api().registered(TestMembers.uniqueName("qa2"));
        Api helper = api().registered(TestMembers.uniqueName("qa3"));
        long group = forum.group("askers", asker);
        // Three questions (two by a member of the group), one discussion; one question solved, one solved then
        // withdrawn: 1 of 3 solved, 1 of 2 in the group.
        long q1 = ForumFixtures.thread(asker, questions, "How do I reset?", "Steps please", List.of());
        long q2 = ForumFixtures.thread(asker, questions, "Where is the invoice?", "Cannot find it", List.of());
        long q3 = ForumFixtures.thread(other, questions, "Is it compatible?", "With version 2", List.of());
        ForumFixtures.thread(other, talk, "Hello all", "Nice to meet you", List.of());
        long a1 = ForumFixtures.reply(helper, q1, "Hold the button ten seconds");
        long a2 = ForumFixtures.reply(helper, q2, "In your account page");
        assertEquals(204, asker.post("/api/v1/threads/" + q1 + "/accepted-answer", java.util.Map.of("postId", a1)).status());
        assertEquals(204, asker.post("/api/v1/threads/" + q2 + "/accepted-answer", java.util.Map.of("postId", a2)).status());
        assertEquals(204, asker.delete("/api/v1/threads/" + q2 + "/accepted-answer").status());
        // Two posts of the questions category flagged; a moderator decides on one.
        long flagged = ((Number) other.get("/api/v1/threads/" + q3).at("posts.0.id")).longValue();
        assertEquals(204, other.post("/api/v1/posts/" + a1 + "/flags", java.util.Map.of("reason", "SPAM")).status());
        assertEquals(204, helper.post("/api/v1/posts/" + flagged + "/flags", java.util.Map.of("reason", "OFF_TOPIC")).status());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "2".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM analytics_flag_reviews WHERE category_id = " + questions)));
        long item = Long.parseLong(TestDatabase.queryString("SELECT id FROM review_items WHERE status = 'OPEN' "
                + "AND post_id = " + a1));
        assertEquals(200, admin.post("/api/v1/admin/review/actions", java.util.Map.of("ids", List.of(item),
                "action", "APPROVE")).status());
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String path = "/api/v1/admin/analytics/responses?from=" + today + "&to=" + today + "&category=" + questions;
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            Api.Response r = admin.get(path);
            return ((Number) r.at("questions")).intValue() == 3 && ((Number) r.at("solved")).intValue() == 1
                    && ((Number) r.at("flagsOpen")).intValue() == 1;
        });
        Api.Response figures = admin.get(path);
        assertEquals(3, ((Number) figures.at("threads")).intValue(), "only the questions category");
        assertEquals(1.0 / 3, ((Number) figures.at("solvedRate")).doubleValue(), 1e-9);
        assertEquals(2, ((Number) figures.at("flaggedPosts")).intValue());
        // Nearest rank of 2 flags: the first, decided within the minute.
        assertEquals(0L, ((Number) figures.at("medianFlagMinutes")).longValue());

        Api.Response inGroup = admin.get(path + "&group=" + group);
        assertEquals(2, ((Number) inGroup.at("questions")).intValue(), "the group's askers only");
        assertEquals(0.5, ((Number) inGroup.at("solvedRate")).doubleValue(), 1e-9);
        Api.Response talkOnly = admin.get(path.replace("category=" + questions, "category=" + talk));
        assertEquals(0, ((Number) talkOnly.at("questions")).intValue());
        assertNull(talkOnly.at("solvedRate"));
        assertEquals(0, ((Number) talkOnly.at("flaggedPosts")).intValue());
    }
}
