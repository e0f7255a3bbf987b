package io.ruche.events;

import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes iCalendar (RFC 5545) with a scheduling METHOD (RFC 5546): each event as a VEVENT in its own zone (DTSTART
 * with TZID and the wall-clock time, never a fixed offset), that zone's VTIMEZONE built from the Java time-zone rules,
 * a stable UID and the SEQUENCE that tells calendar programs an update replaces what they hold.
 */
public final class Ics {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Ics() {
    }

    /** One VEVENT. {@code attendeeEmail}: the member a personal invitation is for (none in a public feed). */
    public record Entry(String uid, int sequence, String summary, String description, String location,
                        @Nullable String url, LocalDateTime startsLocal, LocalDateTime endsLocal, ZoneId zone,
                        Instant stamp, String organizerName, String organizerEmail, @Nullable String attendeeName,
                        @Nullable String attendeeEmail, boolean cancelled) {
    }

    /** A calendar of {@code entries}; {@code method} is PUBLISH (feeds, downloads), REQUEST or CANCEL (mails). */
    public static String calendar(String method, String name, List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Ruche//Events//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:" + method);
        line(out, "X-WR-CALNAME:" + text(name));
        Set<ZoneId> zones = new LinkedHashSet<>();
        entries.forEach(e -> zones.add(e.zone()));
        for (ZoneId zone : zones) {
            List<Entry> inZone = entries.stream().filter(e -> e.zone().equals(zone)).toList();
            int from = inZone.stream().mapToInt(e -> e.startsLocal().getYear()).min().orElse(1970) - 1;
            int to = inZone.stream().mapToInt(e -> e.endsLocal().getYear()).max().orElse(1970) + 1;
            timezone(out, zone, from, to);
        }
        for (Entry e : entries) {
            event(out, e, method);
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static void event(StringBuilder out, Entry e, String method) {
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + e.uid());
        line(out, "SEQUENCE:" + e.sequence());
        line(out, "DTSTAMP:" + UTC.format(e.stamp()));
        line(out, "DTSTART;TZID=" + e.zone().getId() + ":" + LOCAL.format(e.startsLocal()));
        line(out, "DTEND;TZID=" + e.zone().getId() + ":" + LOCAL.format(e.endsLocal()));
        line(out, "SUMMARY:" + text(e.summary()));
        if (!e.description().isBlank()) {
            line(out, "DESCRIPTION:" + text(e.description()));
        }
        if (!e.location().isBlank()) {
            line(out, "LOCATION:" + text(e.location()));
        }
        if (e.url() != null) {
            line(out, "URL:" + e.url());
        }
        line(out, "ORGANIZER;CN=" + param(e.organizerName()) + ":mailto:" + e.organizerEmail());
        if (e.attendeeEmail() != null) {
            line(out, "ATTENDEE;CN=" + param(e.attendeeName() == null ? e.attendeeEmail() : e.attendeeName())
                    + ";ROLE=REQ-PARTICIPANT;PARTSTAT=" + ("CANCEL".equals(method) ? "DECLINED" : "ACCEPTED")
                    + ";RSVP=FALSE:mailto:" + e.attendeeEmail());
        }
        line(out, "STATUS:" + (e.cancelled() || "CANCEL".equals(method) ? "CANCELLED" : "CONFIRMED"));
        line(out, "TRANSP:OPAQUE");
        line(out, "END:VEVENT");
    }

    /**
     * The zone's offsets and their changes around the events' years (RFC 5545, 3.6.5): changes that follow the zone's
     * current yearly rules as one STANDARD and one DAYLIGHT component with an RRULE (as calendar programs write them
     * and read them best), earlier one-off changes in the range as components of their own. Each DTSTART is the local
     * time just before the change.
     */
    private static void timezone(StringBuilder out, ZoneId zone, int fromYear, int toYear) {
        ZoneRules rules = zone.getRules();
        line(out, "BEGIN:VTIMEZONE");
        line(out, "TZID:" + zone.getId());
        Instant from = LocalDateTime.of(fromYear, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
        Instant to = LocalDateTime.of(toYear, 12, 31, 23, 59).toInstant(ZoneOffset.UTC);
        int rulesFrom = fromYear;
        boolean any = false;
        for (ZoneOffsetTransition t : rules.getTransitions()) {
            if (!t.getInstant().isBefore(from) && !t.getInstant().isAfter(to)) {
                observance(out, rules, t, null);
                any = true;
            }
            rulesFrom = Math.max(rulesFrom, t.getDateTimeAfter().getYear() + 1);
        }
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        if (!yearly.isEmpty() && rulesFrom <= toYear) {
            List<String> rrules = yearly.stream().map(Ics::rrule).toList();
            if (rrules.stream().allMatch(java.util.Objects::nonNull)) {
                for (int i = 0; i < yearly.size(); i++) {
                    observance(out, rules, yearly.get(i).createTransition(rulesFrom), rrules.get(i));
                }
            } else {
                for (int year = rulesFrom; year <= toYear; year++) {
                    for (ZoneOffsetTransitionRule rule : yearly) {
                        observance(out, rules, rule.createTransition(year), null);
                    }
                }
            }
            any = true;
        }
        if (!any) {
            ZoneOffset fixed = rules.getOffset(from);
            line(out, "BEGIN:STANDARD");
            line(out, "DTSTART:19700101T000000");
            line(out, "TZOFFSETFROM:" + offset(fixed));
            line(out, "TZOFFSETTO:" + offset(fixed));
            line(out, "END:STANDARD");
        }
        line(out, "END:VTIMEZONE");
    }

    private static void observance(StringBuilder out, ZoneRules rules, ZoneOffsetTransition t, @Nullable String rrule) {
        String kind = rules.isDaylightSavings(t.getInstant()) ? "DAYLIGHT" : "STANDARD";
        line(out, "BEGIN:" + kind);
        line(out, "DTSTART:" + LOCAL.format(t.getDateTimeBefore()));
        if (rrule != null) {
            line(out, "RRULE:" + rrule);
        }
        line(out, "TZOFFSETFROM:" + offset(t.getOffsetBefore()));
        line(out, "TZOFFSETTO:" + offset(t.getOffsetAfter()));
        line(out, "END:" + kind);
    }

    /** A yearly change as an RRULE ("last Sunday of March": BYMONTH=3;BYDAY=-1SU), or null when none fits. */
    private static @Nullable String rrule(ZoneOffsetTransitionRule rule) {
        String month = "FREQ=YEARLY;BYMONTH=" + rule.getMonth().getValue();
        int dom = rule.getDayOfMonthIndicator();
        if (rule.getDayOfWeek() == null) {
            return dom > 0 ? month + ";BYMONTHDAY=" + dom : null;
        }
        String day = rule.getDayOfWeek().name().substring(0, 2);
        java.time.Month m = rule.getMonth();
        // "On or after the 25th" in a 31-day month is the last such day: written as Outlook and others write it.
        if (dom == -1 || (dom > 0 && m.minLength() == m.maxLength() && dom + 6 == m.maxLength())) {
            return month + ";BYDAY=-1" + day;
        }
        if (dom > 0 && (dom - 1) % 7 == 0) {
            return month + ";BYDAY=" + ((dom - 1) / 7 + 1) + day;
        }
        if (dom > 0 && dom + 6 <= 31) {
            StringBuilder days = new StringBuilder();
            for (int d = dom; d <= dom + 6; d++) {
                days.append(d == dom ? "" : ",").append(d);
            }
            return month + ";BYMONTHDAY=" + days + ";BYDAY=" + day;
        }
        return null;
    }

    private static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int abs = Math.abs(seconds);
        return String.format("%s%02d%02d", seconds < 0 ? "-" : "+", abs / 3600, (abs / 60) % 60);
    }

    /** TEXT value escaping (RFC 5545, 3.3.11). */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n").replace("\r", "\\n");
    }

    /** A parameter value: quoted, without the characters a quoted value may not hold. */
    private static String param(String value) {
        return "\"" + value.replace("\"", "'").replace("\r", " ").replace("\n", " ") + "\"";
    }

    /** A content line, folded at 75 octets with CRLF and a space (RFC 5545, 3.1), never inside a character. */
    private static void line(StringBuilder out, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            out.append(content).append("\r\n");
            return;
        }
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = 74; // the leading space counts
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
