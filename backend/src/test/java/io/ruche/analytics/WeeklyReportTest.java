package io.ruche.analytics;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The weekly KPI mail goes to staff who asked for it, once per week, with the figures and the lists to act on. */
@MicronautTest(transactional = false)
class WeeklyReportTest extends IntegrationTest {

    @Inject
    WeeklyReport report;

    @Test
    void staffWhoAskedGetItOncePerWeek() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        String adminId = TestDatabase.queryString("SELECT id FROM members WHERE role = 'ADMIN' ORDER BY id DESC LIMIT 1");
        assertEquals(false, admin.get("/api/v1/admin/analytics/weekly-mail").at("on"));
        assertEquals(true, admin.put("/api/v1/admin/analytics/weekly-mail", Map.of("on", true)).at("on"));
        Api member = api().registered(TestMembers.uniqueName("nosy"));
        assertEquals(403, member.put("/api/v1/admin/analytics/weekly-mail", Map.of("on", true)).status());

        LocalDate monday = LocalDate.of(2030, 1, 7);
        report.send(monday);
        report.send(monday.plusDays(2));
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM mails WHERE template = 'analytics.weekly' "
                + "AND member_id = " + adminId), "once for the week");
        String subject = TestDatabase.queryString("SELECT subject FROM mails WHERE template = 'analytics.weekly' "
                + "AND member_id = " + adminId);
        assertTrue(subject.contains("2029-12-31") && subject.contains("2030-01-06"), subject);
        assertTrue(TestDatabase.queryString("SELECT text_body FROM mails WHERE template = 'analytics.weekly' AND "
                + "member_id = " + adminId).contains("/admin/analytics"));

        admin.put("/api/v1/admin/analytics/weekly-mail", Map.of("on", false));
        report.send(monday.plusDays(7));
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM mails WHERE template = 'analytics.weekly' "
                + "AND member_id = " + adminId), "nothing once switched off");
    }
}
