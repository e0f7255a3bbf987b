package io.ruche.events;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.mail.TestSmtp;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.MovableClock;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event mails: the invitation a calendar adds, the update that replaces it (same UID, higher SEQUENCE), the
 * cancellation that removes it, each as the text/calendar part calendar programs read; reminders once, on time.
 */
@MicronautTest(transactional = false)
class EventMailTest extends IntegrationTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final TestSmtp smtp = new TestSmtp();

    @Inject
    MovableClock clock;

    @Inject
    EventReminders reminders;

    private Api admin;
    private long category;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(smtp.properties());
        properties.put("ruche.test.movable-clock", "true");
        return properties;
    }

    @BeforeAll
    void start() {
        smtp.start();
        admin = ForumFixtures.newAdmin(server.getURI());
        category = new ForumFixtures(admin).category("Webinars");
    }

    @AfterAll
    void stop() {
        smtp.stop();
    }

    private long published(String title, LocalDateTime start) {
        Map<String, Object> body = EventRegistrationTest.event(title, start, Map.of("categoryId", category));
        long id = ((Number) admin.post("/api/v1/admin/events", body).at("id")).longValue();
        assertEquals(200, admin.post("/api/v1/admin/events/" + id + "/publish", null).status());
        return id;
    }

    private MimeMessage awaitMail(String address, String subjectPart) {
        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.to(address).stream().anyMatch(m -> subject(m)
                .contains(subjectPart)));
        return smtp.to(address).stream().filter(m -> subject(m).contains(subjectPart)).reduce((a, b) -> b)
                .orElseThrow();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            return "";
        }
    }

    /** The text/calendar alternative of a mail, with its Content-Type. */
    private static String[] calendarPart(MimeMessage message) throws Exception {
        MimeMultipart mixed = (MimeMultipart) message.getContent();
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            BodyPart part = alternative.getBodyPart(i);
            if (part.isMimeType("text/calendar")) {
                Object content = part.getContent();
                String text = content instanceof String s ? s
                        : new String(((java.io.InputStream) content).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return new String[] {part.getContentType(), text};
            }
        }
        throw new AssertionError("no text/calendar part");
    }

    private static VEvent event(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        return calendar.<VEvent>getComponents("VEVENT").get(0);
    }

    private static String value(VEvent e, String property) {
        return e.getProperty(property).map(Property::getValue).orElse(null);
    }

    @Test
    void theInvitationIsUpdatedInPlaceThenCancelled() throws Exception {
        LocalDateTime start = LocalDateTime.now(PARIS).plusDays(10).withHour(18).truncatedTo(ChronoUnit.HOURS);
        long id = published("Invoices webinar", start);
        String name = TestMembers.uniqueName("invitee");
        Api member = api().registered(name);
        member.post("/api/v1/events/" + id + "/registration", Map.of());

        String[] invite = calendarPart(awaitMail(name + "@example.test", "You are registered"));
        assertTrue(invite[0].toLowerCase().contains("method=request"), invite[0]);
        VEvent first = event(invite[1]);
        String uid = TestDatabase.queryString("SELECT uid FROM events WHERE id = " + id);
        assertEquals(uid, value(first, "UID"));
        assertEquals("0", value(first, "SEQUENCE"));
        assertEquals("mailto:" + name + "@example.test", value(first, "ATTENDEE"));
        assertEquals("mailto:community@example.test", value(first, "ORGANIZER"));

        Map<String, Object> moved = EventRegistrationTest.event("Invoices webinar", start.plusHours(1),
                Map.of("categoryId", category));
        assertEquals(200, admin.put("/api/v1/admin/events/" + id, moved).status());
        String[] update = calendarPart(awaitMail(name + "@example.test", "Updated"));
        VEvent second = event(update[1]);
        assertEquals(uid, value(second, "UID"));
        assertEquals("1", value(second, "SEQUENCE"));
        assertTrue(value(second, "DTSTART").endsWith("T190000"), value(second, "DTSTART"));

        assertEquals(200, admin.post("/api/v1/admin/events/" + id + "/cancel", Map.of("reason", "Speaker ill"))
                .status());
        String[] cancel = calendarPart(awaitMail(name + "@example.test", "Cancelled"));
        assertTrue(cancel[0].toLowerCase().contains("method=cancel"), cancel[0]);
        VEvent third = event(cancel[1]);
        assertEquals(uid, value(third, "UID"));
        assertEquals("2", value(third, "SEQUENCE"));
        assertEquals("CANCELLED", value(third, "STATUS"));
    }

    @Test
    void invitationsAndTheirUpdatesSpeakEachRecipientsLanguage() throws Exception {
        LocalDateTime start = LocalDateTime.now(PARIS).plusDays(11).withHour(17).truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> texts = Map.of("categoryId", category, "titleFr", "Atelier factures",
                "descriptionFr", "Apportez vos questions.");
        Map<String, Object> body = EventRegistrationTest.event("Invoices workshop", start, texts);
        long id = ((Number) admin.post("/api/v1/admin/events", body).at("id")).longValue();
        assertEquals(200, admin.post("/api/v1/admin/events/" + id + "/publish", null).status());
        String french = TestMembers.uniqueName("francais");
        Api frenchMember = api().registered(french);
        assertEquals(200, frenchMember.patch("/api/v1/members/" + french, Map.of("locale", "fr")).status());
        String english = TestMembers.uniqueName("english");
        Api englishMember = api().registered(english);
        frenchMember.post("/api/v1/events/" + id + "/registration", Map.of());
        englishMember.post("/api/v1/events/" + id + "/registration", Map.of());

        MimeMessage frInvite = awaitMail(french + "@example.test", "Atelier factures");
        assertTrue(subject(frInvite).startsWith("Vous êtes inscrit"), subject(frInvite));
        assertEquals("Atelier factures", value(event(calendarPart(frInvite)[1]), "SUMMARY"));
        MimeMessage enInvite = awaitMail(english + "@example.test", "You are registered");
        assertTrue(subject(enInvite).contains("Invoices workshop"), subject(enInvite));
        assertEquals("Invoices workshop", value(event(calendarPart(enInvite)[1]), "SUMMARY"));

        Map<String, Object> retitled = new HashMap<>(texts);
        retitled.put("titleEn", "Invoices workshop, live");
        assertEquals(200, admin.put("/api/v1/admin/events/" + id, EventRegistrationTest.event("Invoices workshop",
                start, retitled)).status());
        VEvent enUpdate = event(calendarPart(awaitMail(english + "@example.test", "Updated"))[1]);
        assertEquals("Invoices workshop, live", value(enUpdate, "SUMMARY"));
        assertEquals("1", value(enUpdate, "SEQUENCE"));
        VEvent frUpdate = event(calendarPart(awaitMail(french + "@example.test", "Modifié"))[1]);
        assertEquals("Atelier factures", value(frUpdate, "SUMMARY"));
        assertEquals("1", value(frUpdate, "SEQUENCE"));
    }

    private static String remindersOf(String name, long event) {
        return TestDatabase.queryString("SELECT COUNT(*) FROM event_mails m JOIN members u ON u.id = m.member_id "
                + "WHERE u.username = '" + name + "' AND m.event_id = " + event + " AND m.mail_key LIKE 'remind:%'");
    }

    @Test
    void remindersGoOnceEachAtTheirTime() {
        long id = published("Product launch", LocalDateTime.now(PARIS).plusHours(30));
        String name = TestMembers.uniqueName("reminded");
        api().registered(name).post("/api/v1/events/" + id + "/registration", Map.of());

        reminders.sendDue();
        assertEquals("0", remindersOf(name, id), "30 hours before: nothing yet");
        clock.advance(Duration.ofHours(6).plusMinutes(5));
        reminders.sendDue();
        reminders.sendDue();
        assertEquals("1", remindersOf(name, id), "the 24-hour reminder, once");
        clock.advance(Duration.ofHours(23));
        reminders.sendDue();
        assertEquals("2", remindersOf(name, id), "then the 1-hour one");
        awaitMail(name + "@example.test", "Reminder");
        clock.advance(Duration.ofHours(2));
        reminders.sendDue();
        assertEquals("2", remindersOf(name, id), "none after the start");
    }

    private static String templateTo(String name, long event) {
        return TestDatabase.queryString("SELECT GROUP_CONCAT(m.template ORDER BY m.id) FROM mails m JOIN members u "
                + "ON u.id = m.member_id WHERE u.username = '" + name + "' AND m.template IN ('event.thanks', 'event.missed')");
    }

    @Test
    void theRecordingThanksAttendeesAndTellsNoShowsWhereToWatch() {
        long id = published("Launch review", LocalDateTime.now(PARIS).plusMinutes(5));
        String came = TestMembers.uniqueName("came");
        String missed = TestMembers.uniqueName("missed");
        Api cameApi = api().registered(came);
        cameApi.post("/api/v1/events/" + id + "/registration", Map.of());
        api().registered(missed).post("/api/v1/events/" + id + "/registration", Map.of());
        assertEquals(200, cameApi.post("/api/v1/events/" + id + "/join", null).status());

        Map<String, Object> recording = Map.of("recordingUrl", "https://video.example/launch", "visibility", "REGISTRANTS");
        assertEquals(200, admin.put("/api/v1/events/" + id + "/recording", recording).status());
        await().atMost(Duration.ofSeconds(20)).until(() -> "event.thanks".equals(templateTo(came, id))
                && "event.missed".equals(templateTo(missed, id)));
        assertEquals(200, admin.put("/api/v1/events/" + id + "/recording", recording).status());
        assertEquals("event.thanks", templateTo(came, id), "shared once, mailed once");
        assertEquals("https://video.example/launch", cameApi.get("/api/v1/events/" + id).at("recordingUrl"));
    }
}
