package io.ruche.browser;

import io.ruche.support.Api;
import io.ruche.support.TestMembers;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events in a browser: a member registers for a webinar, finds it in "my events" and downloads its calendar file;
 * staff move it to another hour and the member's invitation is updated (same UID, higher SEQUENCE); staff cancel it
 * and the member receives the cancellation. Once in English, once in French.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventJourneyIT {

    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "en", Map.of("registered", "You are registered", "updated", "Updated", "cancelled", "Cancelled"),
            "fr", Map.of("registered", "Vous êtes inscrit", "updated", "Modifié", "cancelled", "Annulé"));

    private RucheProcess ruche;
    private BrowserSession browser;
    private Api admin;
    private long category;

    @BeforeAll
    void forum() throws Exception {
        ruche = RucheProcess.shared();
        browser = new BrowserSession(ruche.base());
        admin = new Api(ruche.base()).signedIn(RucheProcess.ADMIN_EMAIL, RucheProcess.ADMIN_PASSWORD);
        Api.Response created = admin.post("/api/v1/categories", Map.of("name", "Webinar talk", "kind", "DISCUSSION"));
        assertEquals(201, created.status(), created.body());
        category = ((Number) created.at("id")).longValue();
    }

    @AfterEach
    void closeBrowser(TestInfo test) throws Exception {
        browser.close("events-" + test.getDisplayName());
    }

    /** A webinar titled in English (the plain title) and in French. */
    private static Map<String, Object> webinar(String title, String titleFr, LocalDateTime start, long category) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "description", "One hour on **invoices**.",
                "kind", "WEBINAR", "startsLocal", start.toString(), "endsLocal", start.plusHours(1).toString(),
                "zone", "Europe/Paris", "joinUrl", "https://meet.example/invoices", "visibility", "EVERYONE",
                "autoPromote", false, "capacity", 50));
        body.put("categoryId", category);
        body.put("titleFr", titleFr);
        body.put("descriptionFr", "Une heure sur les **factures**.");
        return body;
    }

    private static VEvent vevent(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        return calendar.<VEvent>getComponents("VEVENT").get(0);
    }

    private static String value(VEvent event, String name) {
        return event.getProperty(name).map(Property::getValue).orElse(null);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "fr"})
    void aMemberRegistersAndTheirCalendarFollowsEveryChange(String language) throws Exception {
        Map<String, String> words = WORDS.get(language);
        LocalDateTime start = LocalDateTime.now(ZoneId.of("Europe/Paris")).plusDays(12).withHour(18)
                .truncatedTo(ChronoUnit.HOURS);
        String unique = TestMembers.uniqueName("w");
        String title = "Invoices webinar " + language + " " + unique;
        String titleFr = "Webinaire factures " + language + " " + unique;
        // The member reads, downloads and receives the event in their language.
        String shown = "fr".equals(language) ? titleFr : title;
        Api.Response created = admin.post("/api/v1/admin/events", webinar(title, titleFr, start, category));
        assertEquals(201, created.status(), created.body());
        long id = ((Number) created.at("id")).longValue();
        assertEquals(200, admin.post("/api/v1/admin/events/" + id + "/publish", null).status());

        String member = TestMembers.uniqueName("attendee");
        // The member signs up in the journey's language, so the mails speak it too.
        Api.Response signedUp = new Api(ruche.base()).post("/api/v1/accounts", Map.of("username", member,
                "email", member + "@example.test", "password", TestMembers.PASSWORD, "locale", language));
        assertTrue(signedUp.status() == 201 || signedUp.status() == 202, signedUp.body());
        ruche.verifyEmail(member + "@example.test");
        Path downloads = Files.createTempDirectory("ruche-ics-" + language);
        ForumPages pages = browser.signedIn(language, member, downloads);

        ForumPages.EventPage event = pages.event(id).register();
        assertEquals(shown, event.title());
        assertTrue(event.myStatus().contains(words.get("registered")), event.myStatus());
        assertTrue(event.when().contains("Europe/Paris"), event.when());
        assertTrue(pages.myEvents().contains(shown), "listed in my events");

        VEvent downloaded = vevent(pages.event(id).downloadIcs(downloads));
        String uid = value(downloaded, "UID");
        assertEquals(shown, value(downloaded, "SUMMARY"));
        assertEquals("0", value(downloaded, "SEQUENCE"));

        // Staff move it one hour later: the member's invitation is updated in place.
        assertEquals(200, admin.put("/api/v1/admin/events/" + id, webinar(title, titleFr, start.plusHours(1), category))
                .status());
        String[] update = ruche.calendarMail(member + "@example.test", words.get("updated"));
        assertTrue(update[0].toLowerCase().contains("method=request"), update[0]);
        VEvent updated = vevent(update[1]);
        assertEquals(uid, value(updated, "UID"));
        assertEquals("1", value(updated, "SEQUENCE"));
        assertTrue(value(updated, "DTSTART").endsWith("T190000"), value(updated, "DTSTART"));
        assertEquals(shown, value(updated, "SUMMARY"));

        // Staff cancel it: the member receives the cancellation of the same entry.
        assertEquals(200, admin.post("/api/v1/admin/events/" + id + "/cancel", Map.of("reason", "Speaker ill"))
                .status());
        String[] cancel = ruche.calendarMail(member + "@example.test", words.get("cancelled"));
        assertTrue(cancel[0].toLowerCase().contains("method=cancel"), cancel[0]);
        VEvent cancelled = vevent(cancel[1]);
        assertEquals(uid, value(cancelled, "UID"));
        assertEquals("2", value(cancelled, "SEQUENCE"));
        pages.event(id);
    }
}
