package io.ruche.events;

import io.ruche.platform.Csv;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.Viewer;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import io.ruche.platform.events.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who came: a registrant clicking through Ruche to join, a host marking them, or a CSV from the webinar tool. Each
 * attendance is recorded once (the first time wins) and announced once.
 */
@Singleton
public class Attendance {

    private final Sql sql;
    private final Events events;
    private final Outbox outbox;
    private final Clock clock;

    public Attendance(Sql sql, Events events, Outbox outbox, Clock clock) {
        this.sql = sql;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Serdeable
    public record Join(String url) {
    }

    /** The join link, for a registrant inside the join window; the click counts as attendance. */
    @Transactional
    public Join join(Viewer viewer, long eventId) {
        long memberId = viewer.requireMember();
        EventRow event = events.requireVisible(viewer, eventId);
        Instant now = clock.instant();
        String status = sql.query("SELECT status FROM event_registrations WHERE event_id = ? AND member_id = ?",
                List.of(eventId, memberId), rs -> rs.getString(1)).stream().findFirst().orElse(null);
        if (!Registrations.REGISTERED.equals(status)) {
            throw Problems.forbidden("problem.notRegistered");
        }
        if (event.joinUrl() == null || !event.published()
                || now.isBefore(event.startsAt().minusSeconds(60L * event.joinWindowMinutes()))) {
            throw Problems.forbidden("problem.joinNotOpen");
        }
        if (!now.isBefore(event.endsAt())) {
            throw Problems.forbidden("problem.eventOver");
        }
        mark(eventId, memberId, "JOIN");
        return new Join(event.joinUrl());
    }

    /** Records one attendance; true when it is new. */
    boolean mark(long eventId, long memberId, String source) {
        int changed = sql.update("UPDATE event_registrations SET attended_at = ?, attendance_source = ?, updated_at = ? "
                        + "WHERE event_id = ? AND member_id = ? AND status = 'REGISTERED' AND attended_at IS NULL",
                Arrays.asList(clock.instant(), source, clock.instant(), eventId, memberId));
        if (changed == 1) {
            outbox.publish(new EventEvents.EventAttended(eventId, memberId));
            return true;
        }
        return false;
    }

    private void requireHostOrStaff(Viewer viewer, long eventId) {
        viewer.requireMember();
        events.requireVisible(viewer, eventId);
        if (!viewer.isStaff() && !events.isHost(eventId, viewer.memberId())) {
            throw Problems.forbidden("problem.forbidden");
        }
    }

    /** A host or staff marks registrants as present (by username). */
    @Transactional
    public int markPresent(Viewer viewer, long eventId, List<String> usernames) {
        requireHostOrStaff(viewer, eventId);
        int marked = 0;
        for (long memberId : registrantsBy("m.username", usernames.stream().map(String::strip).toList(), eventId)
                .values()) {
            if (mark(eventId, memberId, "HOST")) {
                marked++;
            }
        }
        return marked;
    }

    @Serdeable
    public record Imported(int marked, int unknown, List<String> unmatched) {
    }

    /**
     * A CSV exported by the webinar tool: a column named e-mail / email (or the first column) lists who came; rows
     * match registrants by address, case-insensitively.
     */
    @Transactional
    public Imported importCsv(Viewer viewer, long eventId, String csv) {
        requireHostOrStaff(viewer, eventId);
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw Problems.invalidField("file", "validation.csvEmpty");
        }
        List<String> header = Csv.split(lines.get(0));
        int column = -1;
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip().toLowerCase(java.util.Locale.ROOT);
            if (h.equals("email") || h.equals("e-mail") || h.equals("adresse e-mail") || h.equals("email address")) {
                column = i;
            }
        }
        int first = column >= 0 ? 1 : 0;
        int col = Math.max(column, 0);
        List<String> emails = new ArrayList<>();
        for (String line : lines.subList(first, lines.size())) {
            List<String> cells = Csv.split(line);
            String email = col < cells.size() ? cells.get(col).strip() : "";
            if (!email.isEmpty()) {
                emails.add(email);
            }
        }
        // One lookup for the whole file: registrants by address (the column's collation ignores case).
        java.util.Map<String, Long> found = registrantsBy("m.email", emails, eventId);
        java.util.Map<String, Long> byAddress = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byAddress.putAll(found);
        int marked = 0;
        List<String> unmatched = new ArrayList<>();
        for (String email : emails) {
            Long memberId = byAddress.get(email);
            if (memberId == null) {
                if (unmatched.size() < 50) {
                    unmatched.add(email);
                }
            } else if (mark(eventId, memberId, "IMPORT")) {
                marked++;
            }
        }
        return new Imported(marked, unmatched.size(), unmatched);
    }

    /** Registered members of the event among {@code values} of a members column, in slices of 500: value -> id. */
    private java.util.Map<String, Long> registrantsBy(String column, List<String> values, long eventId) {
        java.util.Map<String, Long> found = new java.util.HashMap<>();
        List<String> distinct = values.stream().filter(v -> !v.isEmpty()).distinct().toList();
        for (int i = 0; i < distinct.size(); i += 500) {
            List<String> slice = distinct.subList(i, Math.min(distinct.size(), i + 500));
            List<Object> params = new ArrayList<>(List.of(eventId));
            params.addAll(slice);
            sql.query("SELECT " + column + ", r.member_id FROM event_registrations r JOIN members m ON m.id = r.member_id "
                    + "WHERE r.event_id = ? AND r.status = 'REGISTERED' AND " + column + " IN ("
                    + Sql.placeholders(slice.size()) + ")", params, rs -> found.put(rs.getString(1), rs.getLong(2)));
        }
        return found;
    }

    @Serdeable
    public record Registrant(String username, String displayName, @Nullable String email, String status, int guests,
                             @Nullable Integer waitlistSeq, String answers, Instant registeredAt,
                             @Nullable Instant attendedAt, @Nullable String attendanceSource) {
    }

    @Serdeable
    public record Registrants(List<Registrant> items, int registered, int seats, int waitlisted, int attended,
                              @Nullable Double showUpRate) {
    }

    /** Registrants for hosts and staff (addresses for staff only), with the show-up rate once people came. */
    @Transactional(readOnly = true)
    public Registrants registrants(Viewer viewer, long eventId) {
        requireHostOrStaff(viewer, eventId);
        boolean staff = viewer.isStaff();
        List<Registrant> items = sql.query("SELECT m.username, m.display_name, m.email, r.status, r.guests, "
                        + "r.waitlist_seq, r.answers, r.created_at, r.attended_at, r.attendance_source "
                        + "FROM event_registrations r JOIN members m ON m.id = r.member_id WHERE r.event_id = ? "
                        + "ORDER BY FIELD(r.status, 'REGISTERED', 'OFFERED', 'WAITLISTED', 'CANCELLED', 'EXPIRED'), "
                        + "r.waitlist_seq, r.created_at LIMIT 10000", List.of(eventId),
                rs -> new Registrant(rs.getString(1), rs.getString(2), staff ? rs.getString(3) : null,
                        rs.getString(4), rs.getInt(5), Sql.nullableLong(rs, "waitlist_seq") == null ? null
                        : (int) rs.getLong("waitlist_seq"), rs.getString(7), Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "attended_at"), rs.getString(10)));
        int registered = (int) items.stream().filter(r -> Registrations.REGISTERED.equals(r.status())).count();
        int seats = items.stream().filter(r -> Registrations.REGISTERED.equals(r.status()))
                .mapToInt(r -> 1 + r.guests()).sum();
        int waitlisted = (int) items.stream().filter(r -> Registrations.WAITLISTED.equals(r.status())).count();
        int attended = (int) items.stream().filter(r -> r.attendedAt() != null).count();
        Double rate = registered == 0 || attended == 0 ? null : attended / (double) registered;
        return new Registrants(items, registered, seats, waitlisted, attended, rate);
    }
}
