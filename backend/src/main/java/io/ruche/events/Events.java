package io.ruche.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Viewer;
import io.ruche.content.ContentService;
import io.ruche.forum.ForumRequests;
import io.ruche.forum.ForumViews;
import io.ruche.forum.Slugs;
import io.ruche.forum.StaffActionLog;
import io.ruche.forum.ThreadService;
import io.ruche.platform.Messages;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import io.ruche.platform.db.RetryOnConflict;
import io.ruche.platform.events.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Events: staff write, publish and cancel them; everyone lists and reads those they may see. Times are stored as the
 * wall-clock time and its IANA zone; the UTC instants beside them are derived from those two whenever they change.
 */
@Singleton
public class Events {

    private final Sql sql;
    private final ContentService content;
    private final AccountService accounts;
    private final ThreadService threads;
    private final StaffActionLog audit;
    private final Outbox outbox;
    private final Messages messages;
    private final Clock clock;

    public Events(Sql sql, ContentService content, AccountService accounts, ThreadService threads,
                  StaffActionLog audit, Outbox outbox, Messages messages, Clock clock) {
        this.sql = sql;
        this.content = content;
        this.accounts = accounts;
        this.threads = threads;
        this.audit = audit;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
    }

    // ---- reading --------------------------------------------------------------------------------------------

    /** What other features need to know of an event (badges link a grant to its discussion). */
    public record Facts(long eventId, String title, @Nullable Long threadId) {
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Facts> facts(long eventId) {
        return java.util.Optional.ofNullable(find(eventId)).map(e -> new Facts(e.id(), e.title(), e.threadId()));
    }

    @Nullable EventRow find(long eventId) {
        return sql.query("SELECT " + EventRow.COLUMNS + " FROM events e WHERE e.id = ?", List.of(eventId), EventRow::of)
                .stream().findFirst().orElse(null);
    }

    /** The event's row, locked for the caller's transaction (registrations queue here), or null. */
    @Nullable EventRow lock(long eventId) {
        return sql.query("SELECT " + EventRow.COLUMNS + " FROM events e WHERE e.id = ? FOR UPDATE", List.of(eventId),
                EventRow::of).stream().findFirst().orElse(null);
    }

    /** Locked, if the viewer may see it (404 otherwise: an event one may not see does not exist for them). */
    EventRow lockVisible(Viewer viewer, long eventId) {
        EventRow event = lock(eventId);
        if (event == null || !event.visibleTo(viewer, groupsOf(eventId))) {
            throw Problems.notFound("event");
        }
        return event;
    }

    @Transactional(readOnly = true)
    public EventRow requireVisible(Viewer viewer, long eventId) {
        EventRow event = find(eventId);
        if (event == null || !event.visibleTo(viewer, groupsOf(eventId))) {
            throw Problems.notFound("event");
        }
        return event;
    }

    Set<Long> groupsOf(long eventId) {
        return new HashSet<>(sql.query("SELECT group_id FROM event_groups WHERE event_id = ?", List.of(eventId),
                rs -> rs.getLong(1)));
    }

    /** The SQL condition "visible to the viewer" on {@code e}, with its parameters. */
    static String visibleWhere(Viewer viewer, List<Object> params) {
        if (viewer.isStaff()) {
            return "TRUE";
        }
        StringBuilder where = new StringBuilder("e.status <> 'DRAFT' AND (e.visibility = 'EVERYONE'");
        if (viewer.isMember()) {
            where.append(" OR e.visibility = 'MEMBERS'");
            if (!viewer.groupIds().isEmpty()) {
                where.append(" OR (e.visibility = 'GROUPS' AND EXISTS (SELECT 1 FROM event_groups g WHERE "
                        + "g.event_id = e.id AND g.group_id IN (").append(Sql.placeholders(viewer.groupIds().size()))
                        .append(")))");
                params.addAll(viewer.groupIds());
            }
        }
        return where.append(")").toString();
    }

    /**
     * Events the viewer may see, by start time: from {@code from} on (upcoming) or, with {@code past}, before it,
     * newest first; keyset pages ({@code after}: "epochMillis:id" of the last one shown).
     */
    @Transactional(readOnly = true)
    public EventViews.Page list(Viewer viewer, @Nullable Instant from, @Nullable Instant to, @Nullable EventKind kind,
                                boolean past, @Nullable String after, int limit) {
        return list(viewer, from, to, kind, past, after, limit, null);
    }

    /**
     * The same, with {@code q}: words the title contains in any language (the search page shows matching events),
     * titles in the request's language.
     */
    @Transactional(readOnly = true)
    public EventViews.Page list(Viewer viewer, @Nullable Instant from, @Nullable Instant to, @Nullable EventKind kind,
                                boolean past, @Nullable String after, int limit, @Nullable String q) {
        return list(viewer, from, to, kind, past, after, limit, q, messages.requestLanguage());
    }

    /** The same, titled in {@code language} where the event has a title in it (embeds choose their language). */
    @Transactional(readOnly = true)
    public EventViews.Page list(Viewer viewer, @Nullable Instant from, @Nullable Instant to, @Nullable EventKind kind,
                                boolean past, @Nullable String after, int limit, @Nullable String q,
                                @Nullable String language) {
        int size = Math.max(1, Math.min(limit, 50));
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(visibleWhere(viewer, params));
        if (q != null && !q.isBlank()) {
            for (String word : q.strip().split("\\s+")) {
                if (word.length() > 1) {
                    where.append(" AND (e.title LIKE ? OR e.title_fr LIKE ? OR e.title_en LIKE ?)");
                    String like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                    params.addAll(List.of(like, like, like));
                }
            }
        }
        Instant now = clock.instant();
        if (past) {
            where.append(" AND e.ends_at <= ?");
            params.add(to == null ? now : to);
        } else {
            where.append(" AND e.ends_at > ?");
            params.add(from == null ? now : from);
            if (to != null) {
                where.append(" AND e.starts_at < ?");
                params.add(to);
            }
        }
        if (kind != null) {
            where.append(" AND e.kind = ?");
            params.add(kind.name());
        }
        if (after != null) {
            String[] parts = after.split(":");
            try {
                Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0]));
                long id = Long.parseLong(parts[1]);
                where.append(past ? " AND (e.starts_at < ? OR (e.starts_at = ? AND e.id < ?))"
                        : " AND (e.starts_at > ? OR (e.starts_at = ? AND e.id > ?))");
                params.addAll(List.of(at, at, id));
            } catch (RuntimeException e) {
                throw Problems.invalidField("after", "validation.after");
            }
        }
        String order = past ? "e.starts_at DESC, e.id DESC" : "e.starts_at, e.id";
        params.add(size + 1);
        List<EventRow> rows = sql.query("SELECT " + EventRow.COLUMNS + " FROM events e WHERE " + where
                + " ORDER BY " + order + " LIMIT ?", params, EventRow::of);
        boolean more = rows.size() > size;
        List<EventRow> shown = more ? rows.subList(0, size) : rows;
        java.util.Map<Long, String> mine = new java.util.HashMap<>();
        if (viewer.isMember() && !shown.isEmpty()) {
            List<Object> ids = new ArrayList<>(List.of(viewer.memberId()));
            shown.forEach(r -> ids.add(r.id()));
            sql.query("SELECT event_id, status FROM event_registrations WHERE member_id = ? AND event_id IN ("
                    + Sql.placeholders(shown.size()) + ")", ids, rs -> mine.put(rs.getLong(1), rs.getString(2)));
        }
        List<EventViews.Summary> items = shown.stream().map(r -> summary(r.in(language), mine.get(r.id()), now))
                .toList();
        EventRow last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        return new EventViews.Page(items, more && last != null ? last.startsAt().toEpochMilli() + ":" + last.id() : null);
    }

    /** The events a member registered for (or waits for), upcoming first. */
    @Transactional(readOnly = true)
    public List<EventViews.Summary> mine(Viewer viewer) {
        long memberId = viewer.requireMember();
        Instant now = clock.instant();
        record Mine(EventRow row, String status) {
        }
        String language = messages.requestLanguage();
        return sql.query("SELECT " + EventRow.COLUMNS + ", r.status AS my_status FROM events e JOIN event_registrations r "
                        + "ON r.event_id = e.id WHERE r.member_id = ? AND r.status IN ('REGISTERED', 'WAITLISTED', 'OFFERED') "
                        + "AND e.status <> 'DRAFT' ORDER BY (e.ends_at <= ?), e.starts_at LIMIT 200",
                List.of(memberId, now), rs -> new Mine(EventRow.of(rs), rs.getString("my_status"))).stream()
                .map(m -> summary(m.row().in(language), m.status(), now)).toList();
    }

    static String status(EventRow r, Instant now) {
        return r.finishedAt(now) ? "FINISHED" : r.status();
    }

    private static EventViews.Summary summary(EventRow r, @Nullable String myStatus, Instant now) {
        return new EventViews.Summary(r.id(), r.slug(), r.title(), r.kind(), status(r, now), r.startsLocal().toString(),
                r.endsLocal().toString(), r.zone().getId(), r.startsAt(), r.endsAt(), r.location(), r.coverUrl(),
                r.capacity(), r.seatsLeft(), myStatus, r.seriesId());
    }

    /** One event for the viewer: its registration state, the join button's time, the recording if shared. */
    @Transactional(readOnly = true)
    public EventViews.Detail detail(Viewer viewer, long eventId, @Nullable Registrations.Mine mine) {
        EventRow r = requireVisible(viewer, eventId);
        return detail(viewer, r, mine);
    }

    EventViews.Detail detail(Viewer viewer, EventRow stored, @Nullable Registrations.Mine mine) {
        Instant now = clock.instant();
        boolean staff = viewer.isStaff();
        EventRow r = stored.in(messages.requestLanguage());
        boolean registered = mine != null && Registrations.REGISTERED.equals(mine.status());
        Instant joinOpensAt = r.startsAt().minusSeconds(60L * r.joinWindowMinutes());
        boolean canJoin = registered && r.published() && r.joinUrl() != null && !now.isBefore(joinOpensAt)
                && now.isBefore(r.endsAt());
        boolean canRegister = viewer.isMember() && r.published() && !r.finishedAt(now)
                && (mine == null || !Set.of("REGISTERED", "WAITLISTED", "OFFERED").contains(mine.status()))
                && (r.registrationOpensAt() == null || !r.registrationOpensAt().isAfter(now))
                && (r.registrationClosesAt() == null || r.registrationClosesAt().isAfter(now));
        boolean recording = staff || switch (r.recordingVisibility()) {
            case EVERYONE -> true;
            case MEMBERS -> viewer.isMember();
            case REGISTRANTS -> mine != null && (registered || mine.attendedAt() != null);
        };
        List<ForumViews.MemberRef> hosts = sql.query("SELECT m.username, m.display_name FROM event_hosts h "
                        + "JOIN members m ON m.id = h.member_id WHERE h.event_id = ? ORDER BY m.display_name",
                List.of(r.id()), rs -> ForumViews.MemberRef.of(rs.getString(1), rs.getString(2), null));
        List<EventViews.Question> questions = sql.query("SELECT label, required FROM event_questions WHERE event_id = ? "
                + "ORDER BY position", List.of(r.id()), rs -> new EventViews.Question(rs.getString(1), rs.getBoolean(2)));
        return new EventViews.Detail(r.id(), r.slug(), r.title(), r.descriptionHtml(),
                staff ? r.descriptionSource() : null, r.coverUrl(), r.kind(), status(r, now), r.startsLocal().toString(),
                r.endsLocal().toString(), r.zone().getId(), r.startsAt(), r.endsAt(), r.location(), r.capacity(),
                r.seatsLeft(), r.maxGuests(), r.registrationOpensAt(), r.registrationClosesAt(), r.visibility(),
                staff ? new ArrayList<>(groupsOf(r.id())) : List.of(), hosts, r.threadId(), questions, mine,
                canRegister, joinOpensAt, canJoin, r.joinWindowMinutes(), r.offerHours(), r.autoPromote(),
                recording ? r.recordingUrl() : null, recording ? r.slidesUrl() : null, r.recordingVisibility(),
                r.sequence(), staff, staff ? r.categoryId() : null, r.seriesId(), occurrences(viewer, r, now),
                staff ? r.joinUrl() : null, staff ? texts(stored) : null);
    }

    /** The texts as staff wrote them, for the form that edits them. */
    private static EventViews.Texts texts(EventRow stored) {
        EventRow.Texts t = stored.texts();
        return new EventViews.Texts(stored.title(), stored.descriptionSource(), t.titleFr(), t.titleEn(),
                t.descriptionSourceFr(), t.descriptionSourceEn());
    }

    /** The series' dates (up to 52), with the viewer's registration on each. */
    private List<EventViews.Occurrence> occurrences(Viewer viewer, EventRow r, Instant now) {
        if (r.seriesId() == null) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        params.add(viewer.memberId() == null ? -1L : viewer.memberId());
        params.add(r.seriesId());
        return sql.query("SELECT e.id, e.starts_local, e.starts_at, e.ends_at, e.status, r.status FROM events e "
                        + "LEFT JOIN event_registrations r ON r.event_id = e.id AND r.member_id = ? "
                        + "WHERE e.series_id = ? AND (" + (viewer.isStaff() ? "TRUE" : "e.status <> 'DRAFT'")
                        + ") ORDER BY e.starts_at LIMIT 52", params,
                rs -> new EventViews.Occurrence(rs.getLong(1), rs.getTimestamp(2).toLocalDateTime().toString(),
                        Sql.instant(rs, 3), "PUBLISHED".equals(rs.getString(5)) && !Sql.instant(rs, 4).isAfter(now)
                        ? "FINISHED" : rs.getString(5), rs.getString(6)));
    }

    /** The published occurrences of a series still to come, from this one on (for "register for the series"). */
    @Transactional(readOnly = true)
    public List<Long> upcomingInSeries(long seriesId) {
        return sql.query("SELECT id FROM events WHERE series_id = ? AND status = 'PUBLISHED' AND ends_at > ? "
                + "ORDER BY id", List.of(seriesId, clock.instant()), rs -> rs.getLong(1));
    }

    // ---- writing (staff) --------------------------------------------------------------------------------------

    private record Times(LocalDateTime startsLocal, LocalDateTime endsLocal, ZoneId zone, Instant startsAt,
                         Instant endsAt) {
    }

    private static Times times(EventRequests.SaveEvent r) {
        ZoneId zone;
        try {
            zone = ZoneId.of(r.zone().strip());
        } catch (DateTimeException e) {
            throw Problems.invalidField("zone", "validation.zone");
        }
        LocalDateTime starts;
        LocalDateTime ends;
        try {
            starts = LocalDateTime.parse(r.startsLocal());
        } catch (DateTimeException e) {
            throw Problems.invalidField("startsLocal", "validation.localTime");
        }
        try {
            ends = LocalDateTime.parse(r.endsLocal());
        } catch (DateTimeException e) {
            throw Problems.invalidField("endsLocal", "validation.localTime");
        }
        Instant startsAt = starts.atZone(zone).toInstant();
        Instant endsAt = ends.atZone(zone).toInstant();
        if (!endsAt.isAfter(startsAt)) {
            throw Problems.invalidField("endsLocal", "validation.endsBeforeStart");
        }
        return new Times(starts, ends, zone, startsAt, endsAt);
    }

    private List<Long> hostIds(@Nullable List<String> usernames) {
        List<Long> ids = new ArrayList<>();
        for (String username : usernames == null ? List.<String>of() : usernames) {
            try {
                ids.add(accounts.byUsername(username.strip()).id());
            } catch (io.ruche.platform.ProblemException e) {
                throw Problems.invalidField("hosts", "validation.hostUnknown");
            }
        }
        return ids;
    }

    private void requireStaff(Viewer viewer) {
        viewer.requireMember();
        if (!viewer.isStaff()) {
            throw Problems.forbidden("problem.forbidden");
        }
    }

    /**
     * Staff write a new event, or a series of them (one row per occurrence, each at the same wall-clock time in the
     * zone); it stays a draft until published. Answers the first occurrence.
     */
    @Transactional
    public EventViews.Detail create(Viewer staff, EventRequests.SaveEvent request) {
        requireStaff(staff);
        Times t = times(request);
        List<Long> hosts = hostIds(request.hosts());
        Instant now = clock.instant();
        if (request.recurrence() == null) {
            long id = insert(request, t, null, now, staff);
            writeLists(id, request, hosts);
            audit.record(staff.memberId(), "event.create", "event", id, request.title().strip(), null);
            return detail(staff, find(id), null);
        }
        List<LocalDateTime> starts = Series.starts(t.startsLocal(), request.recurrence());
        java.time.Duration length = java.time.Duration.between(t.startsLocal(), t.endsLocal());
        long series = sql.insert("INSERT INTO event_series (rrule, zone, created_at) VALUES (?, ?, ?)",
                List.of(Series.rrule(request.recurrence()), t.zone().getId(), now));
        Long first = null;
        for (LocalDateTime start : starts) {
            LocalDateTime end = start.plus(length);
            Times occurrence = new Times(start, end, t.zone(), start.atZone(t.zone()).toInstant(),
                    end.atZone(t.zone()).toInstant());
            long id = insert(request, occurrence, series, now, staff);
            writeLists(id, request, hosts);
            first = first == null ? id : first;
        }
        audit.record(staff.memberId(), "event.create", "event", first, request.title().strip() + " (series of "
                + starts.size() + ")", null);
        return detail(staff, find(first), null);
    }

    /** The per-language texts of a request, blank ones as absent, descriptions rendered as member posts are. */
    private record Translations(@Nullable String titleFr, @Nullable String titleEn, @Nullable String sourceFr,
                                @Nullable String sourceEn, @Nullable String htmlFr, @Nullable String htmlEn) {
    }

    private Translations translations(EventRequests.SaveEvent request) {
        String titleFr = title(request.titleFr(), "titleFr");
        String titleEn = title(request.titleEn(), "titleEn");
        String sourceFr = blankAsNull(request.descriptionFr());
        String sourceEn = blankAsNull(request.descriptionEn());
        return new Translations(titleFr, titleEn, sourceFr, sourceEn,
                sourceFr == null ? null : content.render(sourceFr).html(),
                sourceEn == null ? null : content.render(sourceEn).html());
    }

    private static @Nullable String title(@Nullable String title, String field) {
        String stripped = blankAsNull(title);
        if (stripped != null && stripped.length() < 3) {
            throw Problems.invalidField(field, "validation.title");
        }
        return stripped;
    }

    private static @Nullable String blankAsNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private long insert(EventRequests.SaveEvent request, Times t, @Nullable Long series, Instant now, Viewer staff) {
        Translations tr = translations(request);
        return sql.insert("INSERT INTO events (series_id, uid, slug, title, description_source, description_html, "
                        + "cover_url, kind, starts_local, ends_local, zone, starts_at, ends_at, location, join_url, "
                        + "join_window_minutes, capacity, max_guests, offer_hours, auto_promote, registration_opens_at, "
                        + "registration_closes_at, visibility, status, category_id, recording_visibility, organizer_id, "
                        + "created_at, updated_at, title_fr, title_en, description_source_fr, description_source_en, "
                        + "description_html_fr, description_html_en) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?)",
                Arrays.asList(series, UUID.randomUUID() + "@ruche", Slugs.of(request.title(), "event"),
                        request.title().strip(), request.description(), content.render(request.description()).html(),
                        request.coverUrl(), request.kind().name(), t.startsLocal(), t.endsLocal(), t.zone().getId(),
                        t.startsAt(), t.endsAt(), location(request), request.joinUrl(),
                        orElse(request.joinWindowMinutes(), 15), request.capacity(), orElse(request.maxGuests(), 0),
                        orElse(request.offerHours(), 24), request.autoPromote(), request.registrationOpensAt(),
                        request.registrationClosesAt(), request.visibility().name(), request.categoryId(),
                        (request.recordingVisibility() == null ? RecordingVisibility.REGISTRANTS
                                : request.recordingVisibility()).name(), staff.memberId(), now, now, tr.titleFr(),
                        tr.titleEn(), tr.sourceFr(), tr.sourceEn(), tr.htmlFr(), tr.htmlEn()));
    }

    private static String location(EventRequests.SaveEvent r) {
        return r.location() == null ? "" : r.location().strip();
    }

    private static int orElse(@Nullable Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private void writeLists(long id, EventRequests.SaveEvent request, List<Long> hosts) {
        sql.update("DELETE FROM event_groups WHERE event_id = ?", List.of(id));
        if (request.visibility() == EventVisibility.GROUPS) {
            if (request.groupIds() == null || request.groupIds().isEmpty()) {
                throw Problems.invalidField("groupIds", "validation.groupsRequired");
            }
            for (long group : new HashSet<>(request.groupIds())) {
                sql.update("INSERT INTO event_groups (event_id, group_id) VALUES (?, ?)", List.of(id, group));
            }
        }
        sql.update("DELETE FROM event_hosts WHERE event_id = ?", List.of(id));
        for (long host : new HashSet<>(hosts)) {
            sql.update("INSERT INTO event_hosts (event_id, member_id) VALUES (?, ?)", List.of(id, host));
        }
        sql.update("DELETE FROM event_questions WHERE event_id = ?", List.of(id));
        List<EventRequests.Question> questions = request.questions() == null ? List.of() : request.questions();
        for (int i = 0; i < questions.size(); i++) {
            sql.update("INSERT INTO event_questions (event_id, label, required, position) VALUES (?, ?, ?, ?)",
                    List.of(id, questions.get(i).label().strip(), questions.get(i).required(), i));
        }
    }

    /**
     * Staff change an event. When what registrants hold in their calendars changes (title, times, zone, place, join
     * link), the SEQUENCE rises and an update goes out.
     */
    @RetryOnConflict
    @Transactional
    public EventViews.Detail update(Viewer staff, long eventId, EventRequests.SaveEvent request, boolean following) {
        requireStaff(staff);
        EventRow first = find(eventId);
        if (first == null) {
            throw Problems.notFound("event");
        }
        if (!following || first.seriesId() == null) {
            return updateOne(staff, eventId, request);
        }
        // This date and the following ones: each keeps its own date, moved by as many days as this one moves, at the
        // new wall-clock time and length.
        Times t = times(request);
        long dayShift = java.time.temporal.ChronoUnit.DAYS.between(first.startsLocal().toLocalDate(),
                t.startsLocal().toLocalDate());
        java.time.Duration length = java.time.Duration.between(t.startsLocal(), t.endsLocal());
        List<Long> ids = sql.query("SELECT id FROM events WHERE series_id = ? AND starts_at >= ? AND status <> "
                + "'CANCELLED' ORDER BY id", List.of(first.seriesId(), first.startsAt()), rs -> rs.getLong(1));
        for (long id : ids) {
            EventRow occurrence = find(id);
            LocalDateTime start = occurrence.startsLocal().toLocalDate().plusDays(dayShift)
                    .atTime(t.startsLocal().toLocalTime());
            updateOne(staff, id, request.at(start.toString(), start.plus(length).toString()));
        }
        return detail(staff, find(eventId), null);
    }

    private EventViews.Detail updateOne(Viewer staff, long eventId, EventRequests.SaveEvent request) {
        EventRow before = lock(eventId);
        if (before == null) {
            throw Problems.notFound("event");
        }
        if (before.cancelled()) {
            throw Problems.conflict("status", "problem.eventCancelled");
        }
        Times t = times(request);
        List<Long> hosts = hostIds(request.hosts());
        Translations tr = translations(request);
        boolean calendarChange = !before.title().equals(request.title().strip())
                || !Objects.equals(before.texts().titleFr(), tr.titleFr())
                || !Objects.equals(before.texts().titleEn(), tr.titleEn())
                || !before.startsLocal().equals(t.startsLocal()) || !before.endsLocal().equals(t.endsLocal())
                || !before.zone().equals(t.zone()) || !before.location().equals(location(request))
                || !Objects.equals(before.joinUrl(), request.joinUrl());
        int sequence = before.sequence() + (calendarChange && before.published() ? 1 : 0);
        sql.update("UPDATE events SET title = ?, slug = ?, description_source = ?, description_html = ?, cover_url = ?, "
                        + "kind = ?, starts_local = ?, ends_local = ?, zone = ?, starts_at = ?, ends_at = ?, location = ?, "
                        + "join_url = ?, join_window_minutes = ?, capacity = ?, max_guests = ?, offer_hours = ?, "
                        + "auto_promote = ?, registration_opens_at = ?, registration_closes_at = ?, visibility = ?, "
                        + "category_id = ?, recording_visibility = ?, sequence = ?, updated_at = ?, title_fr = ?, "
                        + "title_en = ?, description_source_fr = ?, description_source_en = ?, description_html_fr = ?, "
                        + "description_html_en = ? WHERE id = ?",
                Arrays.asList(request.title().strip(), Slugs.of(request.title(), "event"), request.description(),
                        content.render(request.description()).html(), request.coverUrl(), request.kind().name(),
                        t.startsLocal(), t.endsLocal(), t.zone().getId(), t.startsAt(), t.endsAt(), location(request),
                        request.joinUrl(), orElse(request.joinWindowMinutes(), 15), request.capacity(),
                        orElse(request.maxGuests(), 0), orElse(request.offerHours(), 24), request.autoPromote(),
                        request.registrationOpensAt(), request.registrationClosesAt(), request.visibility().name(),
                        request.categoryId(), (request.recordingVisibility() == null ? before.recordingVisibility()
                                : request.recordingVisibility()).name(), sequence, clock.instant(), tr.titleFr(),
                        tr.titleEn(), tr.sourceFr(), tr.sourceEn(), tr.htmlFr(), tr.htmlEn(), eventId));
        writeLists(eventId, request, hosts);
        audit.record(staff.memberId(), "event.update", "event", eventId, request.title().strip(), null);
        if (sequence != before.sequence()) {
            outbox.publish(new EventEvents.EventChanged(eventId, sequence));
        }
        return detail(staff, find(eventId), null);
    }

    /** Staff publish a draft: members may see it and register; its discussion thread starts in its category. */
    @RetryOnConflict
    @Transactional
    public EventViews.Detail publish(Viewer staff, long eventId, String eventUrl) {
        requireStaff(staff);
        EventRow event = lock(eventId);
        if (event == null) {
            throw Problems.notFound("event");
        }
        if (!"DRAFT".equals(event.status())) {
            throw Problems.conflict("status", "problem.eventNotDraft");
        }
        if (event.categoryId() == null) {
            throw Problems.invalidField("categoryId", "validation.eventCategory");
        }
        String body = event.descriptionSource() + "\n\n" + eventUrl;
        ThreadService.Outcome thread = threads.create(staff, new ForumRequests.CreateThread(event.categoryId(),
                event.title(), body, List.of()));
        // A series is published whole, with one discussion for all its dates.
        List<Long> ids = event.seriesId() == null ? List.of(eventId) : sql.query("SELECT id FROM events WHERE "
                + "series_id = ? AND status = 'DRAFT' ORDER BY id", List.of(event.seriesId()), rs -> rs.getLong(1));
        for (long id : ids) {
            sql.update("UPDATE events SET status = 'PUBLISHED', thread_id = ?, updated_at = ? WHERE id = ?",
                    Arrays.asList(thread.threadId(), clock.instant(), id));
            outbox.publish(new EventEvents.EventPublished(id));
        }
        audit.record(staff.memberId(), "event.publish", "event", eventId, event.title(), null);
        return detail(staff, find(eventId), null);
    }

    /** Staff cancel the event: registrants' calendar entries are cancelled; the page says so. */
    @RetryOnConflict
    @Transactional
    public EventViews.Detail cancel(Viewer staff, long eventId, @Nullable String reason) {
        requireStaff(staff);
        EventRow event = lock(eventId);
        if (event == null) {
            throw Problems.notFound("event");
        }
        if (event.cancelled()) {
            return detail(staff, event, null);
        }
        int sequence = event.sequence() + 1;
        sql.update("UPDATE events SET status = 'CANCELLED', sequence = ?, updated_at = ? WHERE id = ?",
                List.of(sequence, clock.instant(), eventId));
        audit.record(staff.memberId(), "event.cancel", "event", eventId, event.title(), reason);
        if (event.published()) {
            outbox.publish(new EventEvents.EventCancelled(eventId, sequence));
        }
        return detail(staff, find(eventId), null);
    }

    /** Hosts and staff attach the recording and slides after the event, and say who may watch. */
    @Transactional
    public EventViews.Detail recording(Viewer viewer, long eventId, EventRequests.Recording request) {
        viewer.requireMember();
        EventRow event = requireVisible(viewer, eventId);
        if (!viewer.isStaff() && !isHost(eventId, viewer.memberId())) {
            throw Problems.forbidden("problem.forbidden");
        }
        sql.update("UPDATE events SET recording_url = ?, slides_url = ?, recording_visibility = ?, updated_at = ? "
                        + "WHERE id = ?", Arrays.asList(request.recordingUrl(), request.slidesUrl(),
                request.visibility().name(), clock.instant(), eventId));
        audit.record(viewer.memberId(), "event.recording", "event", eventId, event.title(), null);
        boolean shared = event.recordingUrl() == null && event.slidesUrl() == null
                && (request.recordingUrl() != null || request.slidesUrl() != null);
        if (shared && event.published()) {
            outbox.publish(new EventEvents.RecordingShared(eventId));
        }
        return detail(viewer, find(eventId), null);
    }

    boolean isHost(long eventId, long memberId) {
        return !sql.query("SELECT 1 FROM event_hosts WHERE event_id = ? AND member_id = ?", List.of(eventId, memberId),
                rs -> 1).isEmpty();
    }
}
