package io.ruche.events;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.Concurrently;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events: staff publish them, members register, the waitlist never oversells, the join link opens at its time. */
@MicronautTest(transactional = false)
class EventRegistrationTest extends IntegrationTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Inject
    Registrations registrations;

    private Api admin;
    private long category;

    @BeforeAll
    void setUp() {
        admin = ForumFixtures.newAdmin(server.getURI());
        category = new ForumFixtures(admin).category("Events talk");
    }

    static Map<String, Object> event(String title, LocalDateTime start, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "description", "Come and **learn**.",
                "kind", "WEBINAR", "startsLocal", start.truncatedTo(ChronoUnit.MINUTES).toString(),
                "endsLocal", start.plusHours(1).truncatedTo(ChronoUnit.MINUTES).toString(), "zone", "Europe/Paris",
                "joinUrl", "https://meet.example/room-42", "visibility", "EVERYONE", "autoPromote", false));
        body.putAll(more);
        return body;
    }

    long published(Map<String, Object> body) {
        Map<String, Object> withCategory = new HashMap<>(body);
        withCategory.put("categoryId", category);
        Api.Response created = admin.post("/api/v1/admin/events", withCategory);
        assertEquals(201, created.status(), created.body());
        long id = ((Number) created.at("id")).longValue();
        Api.Response published = admin.post("/api/v1/admin/events/" + id + "/publish", null);
        assertEquals(200, published.status(), published.body());
        return id;
    }

    private List<Api> members(int count) {
        return IntStream.range(0, count).mapToObj(i -> api().registered(TestMembers.uniqueName("seat"))).toList();
    }

    private static String count(long event, String status) {
        return TestDatabase.queryString("SELECT COUNT(*) FROM event_registrations WHERE event_id = " + event
                + " AND status = '" + status + "'");
    }

    @Test
    void fiftyMembersForTenSeatsThenFiveCancelAtOnce() throws Exception {
        long event = published(event("Launch webinar", LocalDateTime.now(PARIS).plusDays(3), Map.of("capacity", 10,
                "offerHours", 12)));
        String path = "/api/v1/events/" + event + "/registration";
        List<Api> crowd = members(50);

        List<Api.Response> answers = Concurrently.atOnce(crowd, m -> m.post(path, Map.of()));

        answers.forEach(a -> assertEquals(200, a.status(), a.body()));
        assertEquals("10", count(event, "REGISTERED"));
        assertEquals("40", count(event, "WAITLISTED"));
        assertEquals("10", TestDatabase.queryString("SELECT seats_taken FROM events WHERE id = " + event));
        assertEquals("40", TestDatabase.queryString("SELECT COUNT(DISTINCT waitlist_seq) FROM event_registrations "
                + "WHERE event_id = " + event + " AND status = 'WAITLISTED'"), "one place each in the line");
        List<Integer> positions = new ArrayList<>();
        for (Api.Response a : answers) {
            if ("WAITLISTED".equals(a.at("mine.status"))) {
                positions.add(((Number) a.at("mine.waitlistPosition")).intValue());
            }
        }
        assertEquals(40, positions.stream().distinct().count(), "each member sees their own position");
        assertEquals(0, ((Number) admin.get("/api/v1/events/" + event).at("seatsLeft")).intValue());

        List<Api> seated = new ArrayList<>();
        for (int i = 0; i < crowd.size(); i++) {
            if ("REGISTERED".equals(answers.get(i).at("mine.status")) && seated.size() < 5) {
                seated.add(crowd.get(i));
            }
        }
        List<Api.Response> cancels = Concurrently.atOnce(seated, m -> m.delete(path));
        cancels.forEach(c -> assertEquals(200, c.status(), c.body()));

        assertEquals("5", count(event, "OFFERED"), "five seats freed, five offers");
        assertEquals("5", count(event, "REGISTERED"));
        assertEquals("35", count(event, "WAITLISTED"));
        assertEquals("10", TestDatabase.queryString("SELECT seats_taken FROM events WHERE id = " + event),
                "an offered seat is held, never given twice");
        assertEquals("5", TestDatabase.queryString("SELECT MAX(waitlist_seq) - MIN(waitlist_seq) + 1 FROM "
                + "event_registrations WHERE event_id = " + event + " AND status = 'OFFERED'"),
                "the offers went to the first five in line");
    }

    @Test
    void anOfferIsClaimedOrPassesOnWhenItExpires() {
        long event = published(event("Small workshop", LocalDateTime.now(PARIS).plusDays(5), Map.of("capacity", 1)));
        String path = "/api/v1/events/" + event + "/registration";
        List<Api> three = members(3);
        assertEquals("REGISTERED", three.get(0).post(path, Map.of()).at("mine.status"));
        Api.Response second = three.get(1).post(path, Map.of());
        assertEquals("WAITLISTED", second.at("mine.status"));
        assertEquals(1, ((Number) second.at("mine.waitlistPosition")).intValue());
        assertEquals(2, ((Number) three.get(2).post(path, Map.of()).at("mine.waitlistPosition")).intValue());
        assertEquals("WAITLISTED", three.get(1).post(path, Map.of()).at("mine.status"), "asking twice changes nothing");

        assertEquals(409, three.get(1).post(path + "/claim", null).status(), "no offer yet");
        three.get(0).delete(path);
        Api.Response offered = three.get(1).get("/api/v1/events/" + event);
        assertEquals("OFFERED", offered.at("mine.status"));
        assertTrue(offered.at("mine.offerExpiresAt") != null);
        assertEquals(1, ((Number) three.get(2).get("/api/v1/events/" + event).at("mine.waitlistPosition")).intValue());

        // The offer runs out: it passes to the next in line.
        TestDatabase.execute("UPDATE event_registrations SET offer_expires_at = '2020-01-01' WHERE event_id = " + event
                + " AND status = 'OFFERED'");
        registrations.expireOffers(event);
        assertEquals("EXPIRED", three.get(1).get("/api/v1/events/" + event).at("mine.status"));
        assertEquals(409, three.get(1).post(path + "/claim", null).status());
        assertEquals("OFFERED", three.get(2).get("/api/v1/events/" + event).at("mine.status"));
        Api.Response claimed = three.get(2).post(path + "/claim", null);
        assertEquals(200, claimed.status(), claimed.body());
        assertEquals("REGISTERED", claimed.at("mine.status"));
        assertEquals("1", TestDatabase.queryString("SELECT seats_taken FROM events WHERE id = " + event));
    }

    @Test
    void guestsCountAgainstCapacityAndRequiredQuestionsAreAsked() {
        long event = published(event("Meet-up", LocalDateTime.now(PARIS).plusDays(7), Map.of("capacity", 3,
                "maxGuests", 2, "kind", "IN_PERSON", "location", "12 rue de la Paix, Paris",
                "questions", List.of(Map.of("label", "Dietary needs?", "required", true)))));
        String path = "/api/v1/events/" + event + "/registration";
        List<Api> two = members(2);
        assertEquals(422, two.get(0).post(path, Map.of("guests", 2)).status(), "the required question");
        assertEquals(422, two.get(0).post(path, Map.of("guests", 3, "answers", List.of("None"))).status());
        Api.Response first = two.get(0).post(path, Map.of("guests", 2, "answers", List.of("None")));
        assertEquals("REGISTERED", first.at("mine.status"), first.body());
        assertEquals(0, ((Number) first.at("seatsLeft")).intValue(), "one member and two guests: three seats");
        assertEquals("WAITLISTED", two.get(1).post(path, Map.of("answers", List.of("Vegan"))).at("mine.status"));
        assertTrue(admin.get("/api/v1/events/" + event + "/registrants.csv").body().contains("Dietary needs?"));
    }

    @Test
    void theJoinLinkIsForRegistrantsFromItsWindowOn() {
        long soon = published(event("Live Q&A", LocalDateTime.now(PARIS).plusMinutes(10), Map.of("kind", "LIVE_QA")));
        long later = published(event("Next week", LocalDateTime.now(PARIS).plusDays(7), Map.of()));
        String joiner = TestMembers.uniqueName("joiner");
        Api member = api().registered(joiner);
        Api other = api().registered(TestMembers.uniqueName("lurker"));

        assertEquals(401, api().post("/api/v1/events/" + soon + "/join", null).status());
        assertEquals(403, other.post("/api/v1/events/" + soon + "/join", null).status(), "not registered");
        member.post("/api/v1/events/" + soon + "/registration", Map.of());
        member.post("/api/v1/events/" + later + "/registration", Map.of());
        assertEquals(true, member.get("/api/v1/events/" + soon).at("canJoin"));
        assertEquals(false, member.get("/api/v1/events/" + later).at("canJoin"));
        assertEquals(403, member.post("/api/v1/events/" + later + "/join", null).status(), "before the window");
        Api.Response joined = member.post("/api/v1/events/" + soon + "/join", null);
        assertEquals(200, joined.status(), joined.body());
        assertEquals("https://meet.example/room-42", joined.at("url"));
        assertEquals(1, ((Number) admin.get("/api/v1/events/" + soon + "/registrants").at("attended")).intValue());
        assertFalse(api().get("/api/v1/events/" + soon).body().contains("meet.example"), "guests never see the link");
        // Attending is a domain event: the badges subscriber grants "First event".
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> "1".equals(
                TestDatabase.queryString("SELECT COUNT(*) FROM badge_grants g JOIN badges b ON b.id = g.badge_id "
                        + "JOIN members m ON m.id = g.member_id WHERE b.slug = 'first-event' AND m.username = '"
                        + joiner + "'")));
        assertEquals(TestDatabase.queryString("SELECT thread_id FROM events WHERE id = " + soon),
                TestDatabase.queryString("SELECT g.thread_id FROM badge_grants g JOIN badges b ON b.id = g.badge_id "
                        + "JOIN members m ON m.id = g.member_id WHERE b.slug = 'first-event' AND m.username = '"
                        + joiner + "'"), "the grant links to the event's discussion");
        assertEquals(200, member.post("/api/v1/events/" + soon + "/join", null).status(), "joining again is fine");
        assertEquals("1", TestDatabase.queryString("SELECT events_attended FROM badge_member_stats s JOIN members m "
                + "ON m.id = s.member_id WHERE m.username = '" + joiner + "'"), "and counts once");
    }

    @Test
    void groupEventsAndDraftsAreInvisibleToOthers() {
        Api insider = api().registered(TestMembers.uniqueName("insider"));
        Api outsider = api().registered(TestMembers.uniqueName("outsider"));
        long group = new ForumFixtures(admin).group("Customers", insider);
        long event = published(event("Customer council", LocalDateTime.now(PARIS).plusDays(4),
                Map.of("visibility", "GROUPS", "groupIds", List.of(group))));
        Api.Response draft = admin.post("/api/v1/admin/events", event("Secret draft",
                LocalDateTime.now(PARIS).plusDays(4), Map.of()));
        long draftId = ((Number) draft.at("id")).longValue();

        assertEquals(200, insider.get("/api/v1/events/" + event).status());
        assertEquals(404, outsider.get("/api/v1/events/" + event).status());
        assertEquals(404, api().get("/api/v1/events/" + event).status());
        assertEquals(404, outsider.post("/api/v1/events/" + event + "/registration", Map.of()).status());
        assertEquals(404, insider.get("/api/v1/events/" + draftId).status(), "a draft is for staff");
        assertFalse(outsider.get("/api/v1/events").body().contains("Customer council"));
        assertTrue(insider.get("/api/v1/events").body().contains("Customer council"));
        assertTrue(insider.get("/api/v1/events?q=council").body().contains("Customer council"), "found by its title");
        assertFalse(outsider.get("/api/v1/events?q=council").body().contains("Customer council"), "not by others");
        assertFalse(api().get("/api/v1/events?q=council").body().contains("Customer council"));
        assertFalse(api().get("/events.ics").body().contains("Customer council"), "not in the public feed");
        assertFalse(api().get("/events.ics").body().contains("Secret draft"));
        assertEquals(403, insider.post("/api/v1/admin/events", event("Mine", LocalDateTime.now(PARIS), Map.of()))
                .status(), "members do not create events");
        assertEquals(403, insider.get("/api/v1/events/" + event + "/registrants").status());
        assertNull(insider.get("/api/v1/events/" + event).at("recordingUrl"));
        Map<String, Object> recording = Map.of("recordingUrl", "https://video.example/1", "visibility", "EVERYONE");
        assertEquals(403, insider.put("/api/v1/events/" + event + "/recording", recording).status(), "hosts and staff");
        assertEquals(401, api().put("/api/v1/events/" + event + "/recording", recording).status());
        assertEquals(401, api().get("/api/v1/events/" + event + "/registrants.csv").status());
        assertEquals(403, insider.post("/api/v1/events/" + event + "/attendance", Map.of("usernames", List.of("x")))
                .status());
    }

    @Test
    void calendarFeedsListWhatTheReaderMaySeeAndAPrivateFeedIsRevokedByANewOne() {
        long open = published(event("Open house", LocalDateTime.now(PARIS).plusDays(2), Map.of()));
        long members = published(event("Members evening", LocalDateTime.now(PARIS).plusDays(2),
                Map.of("visibility", "MEMBERS")));
        Api.Response feed = api().get("/events.ics");
        assertEquals(200, feed.status());
        assertTrue(feed.body().startsWith("BEGIN:VCALENDAR"), feed.body());
        assertTrue(feed.body().contains("SUMMARY:Open house"));
        assertFalse(feed.body().contains("Members evening"), "members-only events stay out of the public feed");
        assertTrue(api().get("/api/v1/events/" + open + "/event.ics").body().contains("METHOD:PUBLISH"));
        assertEquals(404, api().get("/api/v1/events/" + members + "/event.ics").status());

        Api member = api().registered(TestMembers.uniqueName("feeder"));
        member.post("/api/v1/events/" + members + "/registration", Map.of());
        assertEquals(401, api().post("/api/v1/me/event-feed", null).status());
        String first = (String) member.post("/api/v1/me/event-feed", null).at("url");
        String path = java.net.URI.create(first).getPath();
        assertTrue(api().get(path).body().contains("SUMMARY:Members evening"), "the private feed lists their events");
        String second = (String) member.post("/api/v1/me/event-feed", null).at("url");
        assertEquals(404, api().get(path).status(), "a new address revokes the old one");
        assertEquals(200, api().get(java.net.URI.create(second).getPath()).status());
    }

    @Test
    void hostsMarkAttendanceOrImportTheWebinarToolsCsvAndSeeTheShowUpRate() {
        long event = published(event("Imported webinar", LocalDateTime.now(PARIS).plusDays(1), Map.of()));
        String a = TestMembers.uniqueName("came");
        String b = TestMembers.uniqueName("also");
        String c = TestMembers.uniqueName("absent");
        for (String name : List.of(a, b, c)) {
            api().registered(name).post("/api/v1/events/" + event + "/registration", Map.of());
        }
        Api.Response marked = admin.post("/api/v1/events/" + event + "/attendance", Map.of("usernames", List.of(a, "nobody")));
        assertEquals(1, ((Number) marked.at("marked")).intValue(), "an unknown username marks nobody");

        Api csvClient = ForumFixtures.newAdmin(server.getURI()).header("Content-Type", "text/csv");
        String csv = "Name;E-mail;Minutes\r\nB;" + b.toUpperCase() + "@EXAMPLE.TEST;55\r\nA;" + a
                + "@example.test;60\r\nX;stranger@example.test;12\r\n";
        Api.Response imported = csvClient.postRaw("/api/v1/events/" + event + "/attendance.csv", csv);
        assertEquals(200, imported.status(), imported.body());
        assertEquals(1, ((Number) imported.at("marked")).intValue(), "b newly; a was already marked");
        assertEquals(List.of("stranger@example.test"), imported.at("unmatched"));

        Api.Response registrants = admin.get("/api/v1/events/" + event + "/registrants");
        assertEquals(2, ((Number) registrants.at("attended")).intValue());
        assertEquals(2 / 3.0, ((Number) registrants.at("showUpRate")).doubleValue(), 1e-9);
    }
}
