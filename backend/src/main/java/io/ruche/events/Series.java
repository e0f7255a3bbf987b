package io.ruche.events;

import io.ruche.platform.Problems;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands a series (RFC 5545 RRULE, the subset FREQ=WEEKLY|MONTHLY;INTERVAL;COUNT|UNTIL) in wall-clock time: each
 * occurrence keeps the first one's local time, and its instant is worked out in the event's zone, so 18:00 stays
 * 18:00 across a daylight-saving change. A monthly series on the 31st skips months without one (as RFC 5545 does).
 */
final class Series {

    static final int MAX = 52;

    private Series() {
    }

    static List<LocalDateTime> starts(LocalDateTime first, EventRequests.Recurrence r) {
        int interval = r.interval() == null ? 1 : r.interval();
        LocalDate until = null;
        if (r.until() != null) {
            try {
                until = LocalDate.parse(r.until());
            } catch (DateTimeParseException e) {
                throw Problems.invalidField("recurrence", "validation.until");
            }
            if (until.isBefore(first.toLocalDate())) {
                throw Problems.invalidField("recurrence", "validation.until");
            }
        }
        if (r.count() == null && until == null) {
            throw Problems.invalidField("recurrence", "validation.occurrences");
        }
        int count = r.count() == null ? MAX : Math.min(r.count(), MAX);
        List<LocalDateTime> starts = new ArrayList<>();
        for (int step = 0; starts.size() < count && step < MAX * 3; step++) {
            LocalDateTime next;
            if (r.frequency() == EventRequests.Frequency.WEEKLY) {
                next = first.plusWeeks((long) step * interval);
            } else {
                YearMonth month = YearMonth.from(first).plusMonths((long) step * interval);
                if (!month.isValidDay(first.getDayOfMonth())) {
                    continue;
                }
                next = month.atDay(first.getDayOfMonth()).atTime(first.toLocalTime());
            }
            if (until != null && next.toLocalDate().isAfter(until)) {
                break;
            }
            starts.add(next);
        }
        return starts;
    }

    /** The rule as RFC 5545 writes it (kept with the series). */
    static String rrule(EventRequests.Recurrence r) {
        return "FREQ=" + r.frequency() + ";INTERVAL=" + (r.interval() == null ? 1 : r.interval())
                + (r.count() != null ? ";COUNT=" + r.count() : "")
                + (r.until() != null ? ";UNTIL=" + r.until().replace("-", "") : "");
    }
}
