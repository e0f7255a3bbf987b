package io.ruche.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Member;
import io.ruche.mail.MailContent;
import io.ruche.mail.MailQueue;
import io.ruche.mail.MailTemplates;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/**
 * The mails of an event, in each member's language and time zone (the event's own zone beside it): registration
 * steps, invitations that calendar programs add and update in place (iCalendar REQUEST with the event's UID and
 * SEQUENCE), cancellations (CANCEL), reminders, and the recording afterwards. Each mail has a key in
 * {@code event_mails}: it is queued only by the transaction that inserts the key, so it goes once.
 */
@Singleton
public class EventMails {

    private final Sql sql;
    private final Events events;
    private final EventCalendars calendars;
    private final AccountService accounts;
    private final MailQueue mails;
    private final MailTemplates templates;
    private final Clock clock;

    public EventMails(Sql sql, Events events, EventCalendars calendars, AccountService accounts, MailQueue mails,
                      MailTemplates templates, Clock clock) {
        this.sql = sql;
        this.events = events;
        this.calendars = calendars;
        this.accounts = accounts;
        this.mails = mails;
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * Claims a mail's key; true when this transaction is the one to send it. A deleted account claims nothing: no
     * mail about an event reaches it, whatever was on its way when it went.
     */
    boolean claim(long eventId, long memberId, String key) {
        return sql.update("INSERT IGNORE INTO event_mails (event_id, member_id, mail_key, sent_at) "
                        + "SELECT ?, id, ?, ? FROM members WHERE id = ? AND erased_at IS NULL",
                List.of(eventId, key, clock.instant(), memberId)) == 1;
    }

    /** "Thursday 10 December 2026, 18:00 (Europe/Paris)", in the reader's zone, the event's zone beside it if apart. */
    String when(EventRow e, ZoneId readerZone, Locale locale) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                .withLocale(locale);
        ZonedDateTime reader = e.startsAt().atZone(readerZone);
        String text = format.format(reader) + " (" + readerZone.getId() + ")";
        if (!readerZone.getRules().getOffset(e.startsAt()).equals(e.zone().getRules().getOffset(e.startsAt()))) {
            text += " — " + DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale)
                    .format(e.startsAt().atZone(e.zone())) + " " + e.zone().getId();
        }
        return text;
    }

    private ZoneId zoneOf(long memberId) {
        try {
            return ZoneId.of(accounts.timeZoneOf(memberId));
        } catch (java.time.DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** Queues one mail about the event to a member; {@code method}: REQUEST or CANCEL with an invitation, or null. */
    private void send(EventRow stored, Member member, String kind, @Nullable String method, Object... extra) {
        Locale locale = MailTemplates.localeOf(member.locale());
        EventRow e = stored.in(locale.getLanguage());
        ZoneId zone = zoneOf(member.id());
        Object[] args = new Object[2 + extra.length];
        args[0] = e.title();
        args[1] = when(e, zone, locale);
        System.arraycopy(extra, 0, args, 2, extra.length);
        String url = calendars.pageUrl(e);
        String calendar = method == null ? null : Ics.calendar(method,
                calendars.siteName(locale.getLanguage()),
                List.of(calendars.entry(stored, locale.getLanguage(), url, member.displayName(), member.email())));
        MailContent content = new MailContent(templates.text(locale, "event." + kind + ".subject", args),
                e.title(), List.of(templates.text(locale, "event." + kind + ".intro", args)),
                new MailContent.Action(templates.text(locale, "event.open"), url), List.of(),
                templates.text(locale, "event.footer", templates.brandName(locale)), null);
        mails.queue(member.id(), member.email(), "event." + kind, locale, content, null, method, calendar);
    }

    /** A registration step: the invitation when a seat is theirs, the waitlist, an offer, its end, a cancellation. */
    @Transactional
    public void registrationChanged(EventEvents.RegistrationChanged change) {
        EventRow e = events.find(change.eventId());
        if (e == null || !claim(change.eventId(), change.memberId(),
                "reg:" + change.status() + ":" + change.at().toEpochMilli())) {
            return;
        }
        Member member = accounts.byId(change.memberId());
        switch (change.status()) {
            case Registrations.REGISTERED -> send(e, member, "confirmed", "REQUEST");
            case Registrations.WAITLISTED -> {
                Registrations.Mine mine = sqlMine(change.eventId(), change.memberId());
                send(e, member, "waitlisted", null, mine == null || mine.waitlistPosition() == null ? 1
                        : mine.waitlistPosition());
            }
            case Registrations.OFFERED -> {
                Registrations.Mine mine = sqlMine(change.eventId(), change.memberId());
                Instant until = mine == null || mine.offerExpiresAt() == null ? clock.instant()
                        : mine.offerExpiresAt();
                Locale locale = MailTemplates.localeOf(member.locale());
                send(e, member, "offered", null, DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM,
                        FormatStyle.SHORT).withLocale(locale).format(until.atZone(zoneOf(member.id()))));
            }
            case Registrations.EXPIRED -> send(e, member, "expired", null);
            case Registrations.CANCELLED -> {
                if (Registrations.REGISTERED.equals(change.previous())) {
                    send(e, member, "left", "CANCEL");
                }
            }
            default -> {
            }
        }
    }

    private @Nullable Registrations.Mine sqlMine(long eventId, long memberId) {
        return sql.query("SELECT r.status, r.guests, (SELECT COUNT(*) FROM event_registrations w WHERE w.event_id = "
                        + "r.event_id AND w.status = 'WAITLISTED' AND w.waitlist_seq <= r.waitlist_seq), "
                        + "r.offer_expires_at, r.attended_at FROM event_registrations r WHERE r.event_id = ? AND "
                        + "r.member_id = ?", List.of(eventId, memberId),
                rs -> new Registrations.Mine(rs.getString(1), rs.getInt(2), rs.getInt(3), Sql.instant(rs, 4),
                        Sql.instant(rs, 5))).stream().findFirst().orElse(null);
    }

    private List<Long> members(long eventId, String statuses) {
        return sql.query("SELECT member_id FROM event_registrations WHERE event_id = ? AND status IN (" + statuses
                + ") ORDER BY member_id", List.of(eventId), rs -> rs.getLong(1));
    }

    /**
     * One member's mail about an event, in a transaction of its own: a webinar with thousands of registrants is
     * mailed in as many short transactions, and a delivery retried after a failure skips those already mailed.
     */
    @Transactional
    public void mailOne(long eventId, long memberId, String key, String kind, @Nullable String method) {
        EventRow e = events.find(eventId);
        if (e != null && claim(eventId, memberId, key)) {
            send(e, accounts.byId(memberId), kind, method);
        }
    }

    /** The event changed: every registrant's calendar entry is updated (same UID, higher SEQUENCE). */
    @Transactional(readOnly = true)
    protected @Nullable List<Long> toUpdate(EventEvents.EventChanged change) {
        EventRow e = events.find(change.eventId());
        if (e == null || e.sequence() != change.sequence() || e.cancelled()) {
            return null; // a later change (or the cancellation) carries the newest state
        }
        return members(e.id(), "'REGISTERED'");
    }

    public void changed(EventEvents.EventChanged change) {
        List<Long> registrants = toUpdate(change);
        for (long memberId : registrants == null ? List.<Long>of() : registrants) {
            mailOne(change.eventId(), memberId, "seq:" + change.sequence(), "updated", "REQUEST");
        }
    }

    @Transactional(readOnly = true)
    protected List<List<Long>> seatedAndWaiting(long eventId) {
        return List.of(members(eventId, "'REGISTERED'"), members(eventId, "'WAITLISTED', 'OFFERED'"));
    }

    /** The event is cancelled: registrants' entries are removed; people waiting are told. */
    public void cancelled(EventEvents.EventCancelled change) {
        List<List<Long>> people = seatedAndWaiting(change.eventId());
        for (long memberId : people.get(0)) {
            mailOne(change.eventId(), memberId, "cancel", "cancelled", "CANCEL");
        }
        for (long memberId : people.get(1)) {
            mailOne(change.eventId(), memberId, "cancel", "cancelled", null);
        }
    }

    @Transactional(readOnly = true)
    protected List<List<Long>> attendedAndNot(long eventId) {
        return List.of(sql.query("SELECT member_id FROM event_registrations WHERE event_id = ? AND status = "
                        + "'REGISTERED' AND attended_at IS NOT NULL ORDER BY member_id", List.of(eventId), rs -> rs.getLong(1)),
                sql.query("SELECT member_id FROM event_registrations WHERE event_id = ? AND status = 'REGISTERED' "
                        + "AND attended_at IS NULL ORDER BY member_id", List.of(eventId), rs -> rs.getLong(1)));
    }

    /** The recording is shared: attendees are thanked, no-shows are told where to watch it. */
    public void recordingShared(EventEvents.RecordingShared shared) {
        List<List<Long>> people = attendedAndNot(shared.eventId());
        for (long memberId : people.get(0)) {
            mailOne(shared.eventId(), memberId, "recording", "thanks", null);
        }
        for (long memberId : people.get(1)) {
            mailOne(shared.eventId(), memberId, "recording", "missed", null);
        }
    }

    /** One reminder, if nobody sent it yet. */
    @Transactional
    public boolean remind(long eventId, long memberId, String lead) {
        EventRow e = events.find(eventId);
        if (e == null || !e.published() || !claim(eventId, memberId, "remind:" + lead)) {
            return false;
        }
        send(e, accounts.byId(memberId), "reminder", "REQUEST", e.joinWindowMinutes());
        return true;
    }
}
