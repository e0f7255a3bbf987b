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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cohorts and contributors at risk, from activity the test writes and counts itself. */
@MicronautTest(transactional = false)
class RetentionTest extends IntegrationTest {

    @Inject
    ActivityFacts facts;

    @Inject
    Rollups rollups;

    private long member(String prefix) {
        String name = TestMembers.uniqueName(prefix);
        api().registered(name);
        return Long.parseLong(TestDatabase.queryString("SELECT id FROM members WHERE username = '" + name + "'"));
    }

    @Test
    void cohortsCountWhoIsStillActiveEachMonth() {
        ZoneId utc = ZoneId.of("UTC");
        // Three members sign up in January 2002; two are active in January, one in February.
        long[] ids = {member("jan1"), member("jan2"), member("jan3")};
        Instant january = Instant.parse("2002-01-05T10:00:00Z");
        for (long id : ids) {
            facts.firstSteps(id, january, null);
        }
        facts.record(ActivityFacts.Kind.REPLY, "test-post:" + ids[0] + ":1", ids[0], null, null, january.plus(Duration.ofDays(1)));
        facts.record(ActivityFacts.Kind.REPLY, "test-post:" + ids[1] + ":1", ids[1], null, null, january.plus(Duration.ofDays(2)));
        facts.record(ActivityFacts.Kind.REACTION, "test-r:" + ids[1] + ":2", ids[1], null, null,
                Instant.parse("2002-02-10T10:00:00Z"));
        rollups.roll(LocalDate.of(2002, 1, 31), utc, LocalDate.now());
        rollups.roll(LocalDate.of(2002, 2, 28), utc, LocalDate.now());

        Api admin = ForumFixtures.newAdmin(server.getURI());
        Api.Response cohorts = admin.get("/api/v1/admin/analytics/cohorts?from=2002-01");
        assertEquals(200, cohorts.status(), cohorts.body());
        assertEquals("2002-01", cohorts.at("0.cohortMonth"));
        assertEquals(3, ((Number) cohorts.at("0.size")).intValue());
        assertEquals(2, ((Number) cohorts.at("0.months.0.active")).intValue(), "January: two of three");
        assertEquals(1, ((Number) cohorts.at("0.months.1.active")).intValue(), "February: one of three");
        assertEquals(1 / 3.0, ((Number) cohorts.at("0.months.1.share")).doubleValue(), 1e-9);
        assertEquals(422, admin.get("/api/v1/admin/analytics/cohorts?from=January").status());
        assertEquals(403, api().registered(TestMembers.uniqueName("peek")).get("/api/v1/admin/analytics/cohorts?from=2002-01")
                .status());
    }

    @Test
    void aTopContributorSilentForThreeWeeksIsAtRiskAndAQuietOneIsNot() {
        long busy = member("busy");
        long recent = member("recent");
        Instant threeWeeksAgo = Instant.now().minus(Duration.ofDays(21));
        for (int i = 0; i < 400; i++) {
            facts.record(ActivityFacts.Kind.REPLY, "risk:" + busy + ":" + i, busy, null, null,
                    threeWeeksAgo.minus(Duration.ofHours(i)));
        }
        facts.record(ActivityFacts.Kind.REPLY, "risk:" + recent + ":0", recent, null, null,
                Instant.now().minus(Duration.ofDays(20)));
        Api admin = ForumFixtures.newAdmin(server.getURI());
        Api.Response atRisk = admin.get("/api/v1/admin/analytics/at-risk");
        assertEquals(200, atRisk.status(), atRisk.body());
        List<Map<String, Object>> list = atRisk.jsonList();
        assertTrue(list.stream().anyMatch(m -> ((Number) m.get("memberId")).longValue() == busy
                && ((Number) m.get("silentDays")).intValue() == 21), atRisk.body());
        assertFalse(list.stream().anyMatch(m -> ((Number) m.get("memberId")).longValue() == recent),
                "one reply does not make a top contributor");

        // The manager writes to them from the list: a mail in the member's inbox, the list says who wrote and when.
        String path = "/api/v1/admin/analytics/at-risk/" + busy + "/message";
        Map<String, Object> message = Map.of("subject", "We miss your answers", "body",
                "Hello!\n\nYour answers helped many members. Anything we could do better?");
        assertEquals(401, api().post(path, message).status());
        assertEquals(403, api().registered(TestMembers.uniqueName("meddler")).post(path, message).status());
        assertEquals(422, admin.post(path, Map.of("subject", " ", "body", "Hi")).status());
        assertEquals(404, admin.post("/api/v1/admin/analytics/at-risk/999999999/message", message).status());
        assertEquals(204, admin.post(path, message).status());
        assertEquals("We miss your answers", TestDatabase.queryString("SELECT subject FROM mails WHERE member_id = "
                + busy + " AND template = 'analytics.reach-out'"));
        assertTrue(TestDatabase.queryString("SELECT text_body FROM mails WHERE member_id = " + busy
                + " AND template = 'analytics.reach-out'").contains("Anything we could do better?"));
        Map<String, Object> entry = admin.get("/api/v1/admin/analytics/at-risk").jsonList().stream()
                .filter(m -> ((Number) m.get("memberId")).longValue() == busy).findFirst().orElseThrow();
        assertTrue(entry.get("contactedAt") != null && entry.get("contactedBy") != null, entry.toString());
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM audit_log WHERE action = 'member.reachOut' "
                + "AND target_id = " + busy));
    }
}
