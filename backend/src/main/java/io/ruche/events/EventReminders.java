package io.ruche.events;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reminders before an event (24 hours and 1 hour by default, {@code ruche.events.reminders}): each registrant gets
 * each one once, at its time. A member who registered after a reminder's time, or when a later reminder is already
 * due, does not get the earlier one late.
 */
@Singleton
public class EventReminders {

    private final Sql sql;
    private final EventMails mails;
    private final Clock clock;
    private final List<Duration> leads;

    public EventReminders(Sql sql, EventMails mails, Clock clock,
                          @Value("${ruche.events.reminders:24h,1h}") String leads) {
        this.sql = sql;
        this.mails = mails;
        this.clock = clock;
        this.leads = Arrays.stream(leads.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(EventReminders::duration).sorted(Comparator.reverseOrder()).toList();
    }

    static Duration duration(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("h")) {
            return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("d")) {
            return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.parse(text);
    }

    static String label(Duration lead) {
        return lead.toMinutes() % 60 == 0 ? lead.toHours() + "h" : lead.toMinutes() + "m";
    }

    @Scheduled(fixedDelay = "${ruche.events.reminder-check-interval:1m}", initialDelay = "20s")
    void scheduled() {
        sendDue();
    }

    /** Sends the reminders due now; returns how many. */
    public int sendDue() {
        Instant now = clock.instant();
        int sent = 0;
        for (int i = 0; i < leads.size(); i++) {
            Duration lead = leads.get(i);
            // Due: the event starts within this lead, and not yet within the next (shorter) one.
            Duration next = i + 1 < leads.size() ? leads.get(i + 1) : Duration.ZERO;
            List<Due> due = due(now, lead, next);
            for (Due d : due) {
                if (mails.remind(d.eventId(), d.memberId(), label(lead))) {
                    sent++;
                }
            }
        }
        return sent;
    }

    record Due(long eventId, long memberId) {
    }

    @io.micronaut.transaction.annotation.Transactional(readOnly = true)
    protected List<Due> due(Instant now, Duration lead, Duration next) {
        return sql.query("SELECT r.event_id, r.member_id FROM event_registrations r JOIN events e "
                            + "ON e.id = r.event_id WHERE e.status = 'PUBLISHED' AND e.starts_at > ? AND e.starts_at <= ? "
                            + "AND r.status = 'REGISTERED' AND r.created_at < DATE_SUB(e.starts_at, INTERVAL ? SECOND) "
                            + "AND NOT EXISTS (SELECT 1 FROM event_mails m WHERE m.event_id = r.event_id "
                            + "AND m.member_id = r.member_id AND m.mail_key = ?) ORDER BY r.event_id, r.member_id LIMIT 1000",
                    List.of(now.plus(next), now.plus(lead), lead.toSeconds(), "remind:" + label(lead)),
                    rs -> new Due(rs.getLong(1), rs.getLong(2)));
    }
}
