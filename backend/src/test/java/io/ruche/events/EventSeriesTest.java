package io.ruche.events;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Series: expanded in the event's zone (the wall-clock time never drifts), registered whole, edited from a date on. */
@MicronautTest(transactional = false)
class EventSeriesTest extends IntegrationTest {

    private Api admin;
    private long category;

    @BeforeAll
    void setUp() {
        admin = ForumFixtures.newAdmin(server.getURI());
        category = new ForumFixtures(admin).category("Office hours");
    }

    @Test
    void aWeeklySeriesAcrossTheDaylightSavingChangeKeepsItsLocalTime() {
        int year = LocalDateTime.now().getYear() + 1;
        // Europe/Paris leaves summer time on the last Sunday of October: two dates before, two after.
        LocalDateTime first = LocalDateTime.of(year, 10, 1, 18, 0);
        while (first.getDayOfWeek() != java.time.DayOfWeek.TUESDAY) {
            first = first.plusDays(1);
        }
        first = first.plusWeeks(2); // mid-October
        Map<String, Object> body = new HashMap<>(EventRegistrationTest.event("Office hours", first,
                Map.of("categoryId", category, "capacity", 2)));
        body.put("recurrence", Map.of("frequency", "WEEKLY", "count", 4));
        Api.Response created = admin.post("/api/v1/admin/events", body);
        assertEquals(201, created.status(), created.body());
        long id = ((Number) created.at("id")).longValue();
        Object series = created.at("seriesId");
        String local = TestDatabase.queryString("SELECT GROUP_CONCAT(DATE_FORMAT(starts_local, '%H:%i') ORDER BY "
                + "starts_at) FROM events WHERE series_id = " + series);
        assertEquals("18:00,18:00,18:00,18:00", local);
        String utcHours = TestDatabase.queryString("SELECT GROUP_CONCAT(DATE_FORMAT(starts_at, '%H') ORDER BY "
                + "starts_at) FROM events WHERE series_id = " + series);
        assertTrue(utcHours.startsWith("16,") && utcHours.endsWith(",17"), "UTC follows the zone: " + utcHours);

        assertEquals(200, admin.post("/api/v1/admin/events/" + id + "/publish", null).status());
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(DISTINCT thread_id) FROM events WHERE series_id = "
                + series + " AND status = 'PUBLISHED'"), "one discussion for the series");

        Api member = api().registered(TestMembers.uniqueName("regular"));
        Api.Response registered = member.post("/api/v1/events/" + id + "/registration", Map.of("wholeSeries", true));
        assertEquals(200, registered.status(), registered.body());
        assertEquals("4", TestDatabase.queryString("SELECT COUNT(*) FROM event_registrations r JOIN events e ON "
                + "e.id = r.event_id WHERE e.series_id = " + series + " AND r.status = 'REGISTERED'"));
        List<?> occurrences = (List<?>) registered.at("occurrences");
        assertEquals(4, occurrences.size());

        // From the third date on, the series moves to 19:00; the first two stay, and the moved ones are updated.
        Object third = member.get("/api/v1/events/" + id).at("occurrences.2.id");
        Map<String, Object> moved = new HashMap<>(EventRegistrationTest.event("Office hours",
                LocalDateTime.parse((String) member.get("/api/v1/events/" + id).at("occurrences.2.startsLocal"))
                        .withHour(19), Map.of("categoryId", category, "capacity", 2)));
        assertEquals(200, admin.put("/api/v1/admin/events/" + third + "?scope=following", moved).status());
        assertEquals("18:00,18:00,19:00,19:00", TestDatabase.queryString("SELECT GROUP_CONCAT(DATE_FORMAT("
                + "starts_local, '%H:%i') ORDER BY starts_at) FROM events WHERE series_id = " + series));
        assertEquals("0,0,1,1", TestDatabase.queryString("SELECT GROUP_CONCAT(sequence ORDER BY starts_at) FROM events "
                + "WHERE series_id = " + series), "only the moved dates tell calendars of a change");
    }

    @Test
    void aMonthlySeriesOnThe31stSkipsShortMonths() {
        int year = LocalDateTime.now().getYear() + 1;
        Map<String, Object> body = new HashMap<>(EventRegistrationTest.event("Month end review",
                LocalDateTime.of(year, 1, 31, 10, 0), Map.of("categoryId", category)));
        body.put("recurrence", Map.of("frequency", "MONTHLY", "count", 3));
        Object series = admin.post("/api/v1/admin/events", body).at("seriesId");
        assertEquals(year + "-01-31," + year + "-03-31," + year + "-05-31", TestDatabase.queryString(
                "SELECT GROUP_CONCAT(DATE(starts_local) ORDER BY starts_at) FROM events WHERE series_id = " + series));
        Map<String, Object> endless = new HashMap<>(body);
        endless.put("recurrence", Map.of("frequency", "WEEKLY"));
        assertEquals(422, admin.post("/api/v1/admin/events", endless).status(), "a series says when it ends");
    }
}
