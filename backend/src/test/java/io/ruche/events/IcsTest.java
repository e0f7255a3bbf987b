package io.ruche.events;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The iCalendar Ruche writes, read back by ical4j as a calendar program would. */
class IcsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Ics.Entry entry(LocalDateTime start, int sequence, boolean cancelled) {
        return new Ics.Entry("event-7@ruche.test", sequence, "Webinaire : exporter vos factures, pas à pas",
                "Une heure pour tout comprendre ; questions bienvenues.\nLien dans le forum. " + "é".repeat(60),
                "En ligne", "https://forum.example/events/7-webinaire", start, start.plusHours(1), PARIS,
                Instant.parse("2026-10-01T08:00:00Z"), "Camille, Ruche", "events@forum.example", "Noah",
                "noah@example.test", cancelled);
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElse(null);
    }

    @Test
    void wallClockTimesStayInTheirZoneAcrossADaylightSavingChange() throws Exception {
        // 20 October is summer time in Paris (UTC+2), 3 November is winter time (UTC+1): both at 18:00 local.
        String ics = Ics.calendar("PUBLISH", "Ruche", List.of(entry(LocalDateTime.of(2026, 10, 20, 18, 0), 0, false),
                new Ics.Entry("event-8@ruche.test", 0, "Suite", "", "", null, LocalDateTime.of(2026, 11, 3, 18, 0),
                        LocalDateTime.of(2026, 11, 3, 19, 0), PARIS, Instant.parse("2026-10-01T08:00:00Z"), "Ruche",
                        "events@forum.example", null, null, false)));
        Calendar calendar = parse(ics);
        assertEquals("PUBLISH", calendar.getProperty("METHOD").map(Property::getValue).orElseThrow());
        VTimeZone zone = calendar.<VTimeZone>getComponents("VTIMEZONE").get(0);
        assertEquals("Europe/Paris", zone.getProperty("TZID").map(Property::getValue).orElseThrow());
        assertEquals(1, zone.getComponents("DAYLIGHT").size());
        assertTrue(ics.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"), "the yearly change, as calendars write it");

        List<VEvent> events = calendar.getComponents("VEVENT");
        ZonedDateTime october = start(events.get(0));
        ZonedDateTime november = start(events.get(1));
        assertEquals(LocalDateTime.of(2026, 10, 20, 18, 0), october.toLocalDateTime());
        assertEquals(LocalDateTime.of(2026, 11, 3, 18, 0), november.toLocalDateTime());
        assertEquals(Instant.parse("2026-10-20T16:00:00Z"), october.toInstant());
        assertEquals(Instant.parse("2026-11-03T17:00:00Z"), november.toInstant());
        assertTrue(ics.contains("DTSTART;TZID=Europe/Paris:20261020T180000\r\n"), "wall-clock time with its zone");
    }

    @SuppressWarnings("unchecked")
    private static ZonedDateTime start(VEvent event) {
        Temporal date = ((DtStart<Temporal>) event.getProperty("DTSTART").orElseThrow()).getDate();
        return (ZonedDateTime) date;
    }

    @Test
    void anInvitationAnUpdateAndACancellationShareTheirUidAndRaiseTheSequence() throws Exception {
        VEvent invite = parse(Ics.calendar("REQUEST", "Ruche", List.of(entry(LocalDateTime.of(2026, 12, 10, 18, 0),
                0, false)))).<VEvent>getComponents("VEVENT").get(0);
        VEvent update = parse(Ics.calendar("REQUEST", "Ruche", List.of(entry(LocalDateTime.of(2026, 12, 10, 19, 0),
                1, false)))).<VEvent>getComponents("VEVENT").get(0);
        Calendar cancel = parse(Ics.calendar("CANCEL", "Ruche", List.of(entry(LocalDateTime.of(2026, 12, 10, 19, 0),
                2, true))));
        VEvent cancelled = cancel.<VEvent>getComponents("VEVENT").get(0);

        assertEquals("event-7@ruche.test", value(invite, "UID"));
        assertEquals(value(invite, "UID"), value(update, "UID"));
        assertEquals(value(invite, "UID"), value(cancelled, "UID"));
        assertEquals("0", value(invite, "SEQUENCE"));
        assertEquals("1", value(update, "SEQUENCE"));
        assertEquals("2", value(cancelled, "SEQUENCE"));
        assertEquals("CANCEL", cancel.getProperty("METHOD").map(Property::getValue).orElseThrow());
        assertEquals("CANCELLED", value(cancelled, "STATUS"));
        assertEquals("mailto:events@forum.example", value(invite, "ORGANIZER"));
        assertEquals("mailto:noah@example.test", value(invite, "ATTENDEE"));
        assertEquals("Webinaire : exporter vos factures, pas à pas", value(invite, "SUMMARY"));
        assertTrue(value(invite, "DESCRIPTION").startsWith("Une heure pour tout comprendre ; questions bienvenues.\n"),
                "escaped text and folded lines read back whole");
        assertTrue(value(invite, "DESCRIPTION").endsWith("é".repeat(60)));
    }
}
