package io.ruche.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.Viewer;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import io.ruche.platform.db.RetryOnConflict;
import io.ruche.platform.events.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Registering, the waitlist and its offers. Every change takes the event's row lock first, so the check of the seats
 * left and the write that takes them happen as one step: 50 members registering at once for 10 seats get exactly 10
 * seats and a waitlist in the order they arrived; freed seats are offered one by one, never twice. The event row
 * keeps the seats taken (registered members, their guests, and seats held by an offer) and the waitlist's counter.
 */
@Singleton
public class Registrations {

    public static final String REGISTERED = "REGISTERED";
    public static final String WAITLISTED = "WAITLISTED";
    public static final String OFFERED = "OFFERED";
    public static final String CANCELLED = "CANCELLED";
    public static final String EXPIRED = "EXPIRED";

    private final Sql sql;
    private final Events events;
    private final Outbox outbox;
    private final Clock clock;
    private final io.micronaut.serde.ObjectMapper json;

    private final io.ruche.platform.RateLimiter rateLimiter;
    private final int changesPerHour;

    public Registrations(Sql sql, Events events, Outbox outbox, Clock clock, io.micronaut.serde.ObjectMapper json,
                         io.ruche.platform.RateLimiter rateLimiter,
                         @io.micronaut.context.annotation.Value("${ruche.rate-limits.event-registrations-per-hour:60}")
                         int changesPerHour) {
        this.rateLimiter = rateLimiter;
        this.changesPerHour = changesPerHour;
        this.sql = sql;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
        this.json = json;
    }

    /** The viewer's registration as the event page shows it. */
    @Serdeable
    public record Mine(String status, int guests, @Nullable Integer waitlistPosition, @Nullable Instant offerExpiresAt,
                       @Nullable Instant attendedAt) {
    }

    private record Row(long id, String status, int guests, @Nullable Long waitlistSeq, @Nullable Instant offerExpiresAt,
                       @Nullable Instant attendedAt) {
        int seats() {
            return 1 + guests;
        }

        boolean active() {
            return REGISTERED.equals(status) || WAITLISTED.equals(status) || OFFERED.equals(status);
        }

        boolean holdsSeats() {
            return REGISTERED.equals(status) || OFFERED.equals(status);
        }
    }

    private @Nullable Row find(long eventId, long memberId) {
        return sql.query("SELECT id, status, guests, waitlist_seq, offer_expires_at, attended_at FROM event_registrations "
                        + "WHERE event_id = ? AND member_id = ?", List.of(eventId, memberId),
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getInt(3), Sql.nullableLong(rs, "waitlist_seq"),
                        Sql.instant(rs, "offer_expires_at"), Sql.instant(rs, "attended_at")))
                .stream().findFirst().orElse(null);
    }

    /** The viewer's registration, or null. */
    @Transactional(readOnly = true)
    public @Nullable Mine mine(long eventId, long memberId) {
        Row row = find(eventId, memberId);
        return row == null ? null : view(eventId, row);
    }

    private Mine view(long eventId, Row row) {
        Integer position = null;
        if (WAITLISTED.equals(row.status()) && row.waitlistSeq() != null) {
            position = sql.query("SELECT COUNT(*) FROM event_registrations WHERE event_id = ? AND status = 'WAITLISTED' "
                    + "AND waitlist_seq <= ?", List.of(eventId, row.waitlistSeq()), rs -> rs.getInt(1)).get(0);
        }
        return new Mine(row.status(), row.guests(), position, OFFERED.equals(row.status()) ? row.offerExpiresAt() : null,
                row.attendedAt());
    }

    /** Registers the viewer (or puts them on the waitlist); asking again answers what they already have. */
    @RetryOnConflict
    @Transactional
    public Mine register(Viewer viewer, long eventId, EventRequests.Register request) {
        long memberId = viewer.requireMember();
        Instant now = clock.instant();
        // Each step mails the member: registering and cancelling in a loop is slowed down.
        rateLimiter.hit("event-registration:" + memberId, changesPerHour, Duration.ofHours(1));
        EventRow event = events.lockVisible(viewer, eventId);
        if (!event.published() || event.finishedAt(now)) {
            throw Problems.forbidden("problem.eventRegistrationClosed");
        }
        if (event.registrationOpensAt() != null && event.registrationOpensAt().isAfter(now)) {
            throw Problems.forbidden("problem.eventRegistrationNotOpen");
        }
        if (event.registrationClosesAt() != null && !event.registrationClosesAt().isAfter(now)) {
            throw Problems.forbidden("problem.eventRegistrationClosed");
        }
        int guests = request.guests() == null ? 0 : request.guests();
        if (guests > event.maxGuests()) {
            throw Problems.invalidField("guests", "validation.guests");
        }
        String answers = answers(eventId, request.answers());
        Row existing = find(eventId, memberId);
        if (existing != null && existing.active()) {
            return view(eventId, existing);
        }
        int seats = 1 + guests;
        boolean someoneWaits = !sql.query("SELECT 1 FROM event_registrations WHERE event_id = ? AND status IN "
                + "('WAITLISTED', 'OFFERED') LIMIT 1", List.of(eventId), rs -> 1).isEmpty();
        String status;
        Long seq = null;
        if (event.capacity() == null || (!someoneWaits && event.seatsTaken() + seats <= event.capacity())) {
            status = REGISTERED;
            sql.update("UPDATE events SET seats_taken = seats_taken + ? WHERE id = ?", List.of(seats, eventId));
        } else {
            status = WAITLISTED;
            sql.update("UPDATE events SET waitlist_next = waitlist_next + 1 WHERE id = ?", List.of(eventId));
            seq = sql.query("SELECT waitlist_next FROM events WHERE id = ?", List.of(eventId), rs -> rs.getLong(1)).get(0);
        }
        sql.update("INSERT INTO event_registrations (event_id, member_id, status, guests, answers, waitlist_seq, "
                        + "offer_expires_at, attended_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE status = VALUES(status), guests = VALUES(guests), "
                        + "answers = VALUES(answers), waitlist_seq = VALUES(waitlist_seq), offer_expires_at = NULL, "
                        + "updated_at = VALUES(updated_at)",
                Arrays.asList(eventId, memberId, status, guests, answers, seq, now, now));
        outbox.publish(new EventEvents.RegistrationChanged(eventId, memberId,
                existing == null ? null : existing.status(), status, now));
        return view(eventId, find(eventId, memberId));
    }

    /**
     * Registers for every date of the event's series still to come (each date on its own, in id order, so two members
     * doing it at once lock the dates in the same order); a date closed to registration is left out.
     */
    public Mine registerSeries(Viewer viewer, long eventId, EventRequests.Register request) {
        EventRow event = events.requireVisible(viewer, eventId);
        if (event.seriesId() == null) {
            return register(viewer, eventId, request);
        }
        Mine mine = null;
        for (long id : events.upcomingInSeries(event.seriesId())) {
            try {
                Mine one = register(viewer, id, request);
                if (id == eventId) {
                    mine = one;
                }
            } catch (io.ruche.platform.ProblemException e) {
                if (id == eventId) {
                    throw e;
                }
            }
        }
        return mine != null ? mine : register(viewer, eventId, request);
    }

    /** The answers as JSON, refused when a required question is left blank. */
    private String answers(long eventId, @Nullable List<String> given) {
        record Question(String label, boolean required) {
        }
        List<Question> questions = sql.query("SELECT label, required FROM event_questions WHERE event_id = ? "
                + "ORDER BY position", List.of(eventId), rs -> new Question(rs.getString(1), rs.getBoolean(2)));
        List<String> answers = given == null ? List.of() : given;
        if (answers.size() > questions.size()) {
            throw Problems.invalidField("answers", "validation.questions");
        }
        java.util.List<java.util.Map<String, String>> out = new java.util.ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            String answer = i < answers.size() && answers.get(i) != null ? answers.get(i).strip() : "";
            if (questions.get(i).required() && answer.isEmpty()) {
                throw Problems.invalidField("answers", "validation.answerRequired");
            }
            out.add(java.util.Map.of("question", questions.get(i).label(), "answer", answer));
        }
        try {
            return json.writeValueAsString(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Cancels the viewer's registration, place on the waitlist or offer; a freed seat goes to the next in line. */
    @RetryOnConflict
    @Transactional
    public void cancel(Viewer viewer, long eventId) {
        long memberId = viewer.requireMember();
        EventRow event = events.lockVisible(viewer, eventId);
        Row row = find(eventId, memberId);
        if (row == null || !row.active()) {
            return;
        }
        release(eventId, row, CANCELLED, memberId);
        promote(event);
    }

    private void release(long eventId, Row row, String status, long memberId) {
        if (row.holdsSeats()) {
            sql.update("UPDATE events SET seats_taken = seats_taken - ? WHERE id = ?", List.of(row.seats(), eventId));
        }
        sql.update("UPDATE event_registrations SET status = ?, offer_expires_at = NULL, updated_at = ? WHERE id = ?",
                List.of(status, clock.instant(), row.id()));
        outbox.publish(new EventEvents.RegistrationChanged(eventId, memberId, row.status(), status, clock.instant()));
    }

    /**
     * A deleted account's registrations go: the seats they held return to their events (and to the next in line),
     * then every row of theirs is deleted. Nothing is published about them: no mail may reach the old address.
     */
    @Transactional
    public void forget(long memberId) {
        List<Long> eventIds = sql.query("SELECT DISTINCT event_id FROM event_registrations WHERE member_id = ? "
                + "ORDER BY event_id", List.of(memberId), rs -> rs.getLong(1));
        for (long eventId : eventIds) {
            EventRow event = events.lock(eventId);
            Row row = find(eventId, memberId);
            if (event != null && row != null && row.holdsSeats()) {
                sql.update("UPDATE events SET seats_taken = seats_taken - ? WHERE id = ?", List.of(row.seats(), eventId));
            }
            sql.update("DELETE FROM event_registrations WHERE event_id = ? AND member_id = ?",
                    List.of(eventId, memberId));
            if (event != null && row != null && row.holdsSeats() && event.endsAt().isAfter(clock.instant())) {
                promote(event);
            }
        }
    }

    /** The member takes the seat offered to them, while the offer lasts. */
    @RetryOnConflict
    @Transactional
    public Mine claim(Viewer viewer, long eventId) {
        long memberId = viewer.requireMember();
        events.lockVisible(viewer, eventId);
        Row row = find(eventId, memberId);
        if (row == null || !OFFERED.equals(row.status())) {
            throw Problems.conflict("status", "problem.noOffer");
        }
        if (row.offerExpiresAt() != null && !row.offerExpiresAt().isAfter(clock.instant())) {
            throw Problems.conflict("status", "problem.offerExpired");
        }
        sql.update("UPDATE event_registrations SET status = 'REGISTERED', offer_expires_at = NULL, updated_at = ? "
                + "WHERE id = ?", List.of(clock.instant(), row.id()));
        outbox.publish(new EventEvents.RegistrationChanged(eventId, memberId, OFFERED, REGISTERED, clock.instant()));
        return view(eventId, find(eventId, memberId));
    }

    /**
     * Seats freed go to the waitlist in order, under the event's lock (held by the caller): an offer to claim within
     * the event's hours, or a seat at once when the event promotes automatically. A seat held by an offer counts as
     * taken until it is claimed, declined or expires.
     */
    void promote(EventRow locked) {
        if (locked.capacity() == null) {
            return;
        }
        while (true) {
            int taken = sql.query("SELECT seats_taken FROM events WHERE id = ?", List.of(locked.id()),
                    rs -> rs.getInt(1)).get(0);
            record Next(long id, long memberId, int guests) {
            }
            Next next = sql.query("SELECT id, member_id, guests FROM event_registrations WHERE event_id = ? "
                            + "AND status = 'WAITLISTED' ORDER BY waitlist_seq LIMIT 1", List.of(locked.id()),
                    rs -> new Next(rs.getLong(1), rs.getLong(2), rs.getInt(3))).stream().findFirst().orElse(null);
            if (next == null || taken + 1 + next.guests() > locked.capacity()) {
                return;
            }
            Instant now = clock.instant();
            String status = locked.autoPromote() ? REGISTERED : OFFERED;
            sql.update("UPDATE events SET seats_taken = seats_taken + ? WHERE id = ?",
                    List.of(1 + next.guests(), locked.id()));
            sql.update("UPDATE event_registrations SET status = ?, offer_expires_at = ?, updated_at = ? WHERE id = ?",
                    Arrays.asList(status, locked.autoPromote() ? null : now.plus(Duration.ofHours(locked.offerHours())),
                            now, next.id()));
            outbox.publish(new EventEvents.RegistrationChanged(locked.id(), next.memberId(), WAITLISTED, status, now));
        }
    }

    /** Offers not claimed in time pass on to the next in line. */
    @Scheduled(fixedDelay = "${ruche.events.offer-check-interval:1m}", initialDelay = "30s")
    void expireOffersNow() {
        for (long eventId : expiredOfferEvents()) {
            expireOffers(eventId);
        }
    }

    @Transactional(readOnly = true)
    protected List<Long> expiredOfferEvents() {
        return sql.query("SELECT DISTINCT event_id FROM event_registrations WHERE status = 'OFFERED' "
                + "AND offer_expires_at <= ?", List.of(clock.instant()), rs -> rs.getLong(1));
    }

    @RetryOnConflict
    @Transactional
    public void expireOffers(long eventId) {
        EventRow event = events.lock(eventId);
        if (event == null) {
            return;
        }
        record Expired(long id, long memberId, int guests) {
        }
        for (Expired e : sql.query("SELECT id, member_id, guests FROM event_registrations WHERE event_id = ? "
                        + "AND status = 'OFFERED' AND offer_expires_at <= ?", List.of(eventId, clock.instant()),
                rs -> new Expired(rs.getLong(1), rs.getLong(2), rs.getInt(3)))) {
            release(eventId, new Row(e.id(), OFFERED, e.guests(), null, null, null), EXPIRED, e.memberId());
        }
        promote(event);
    }
}
