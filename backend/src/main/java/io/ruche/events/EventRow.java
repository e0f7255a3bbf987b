package io.ruche.events;

import io.micronaut.core.annotation.Nullable;
import io.ruche.accounts.Viewer;
import io.ruche.platform.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;

/** One event as stored; {@code texts}: its title and description written per language, if any. */
record EventRow(long id, @Nullable Long seriesId, String uid, int sequence, String slug, String title, String descriptionSource,
                String descriptionHtml, @Nullable String coverUrl, EventKind kind, LocalDateTime startsLocal,
                LocalDateTime endsLocal, ZoneId zone, Instant startsAt, Instant endsAt, String location,
                @Nullable String joinUrl, int joinWindowMinutes, @Nullable Integer capacity, int maxGuests,
                int seatsTaken, int offerHours, boolean autoPromote, @Nullable Instant registrationOpensAt,
                @Nullable Instant registrationClosesAt, EventVisibility visibility, String status,
                @Nullable Long categoryId, @Nullable Long threadId, @Nullable String recordingUrl, @Nullable String slidesUrl,
                RecordingVisibility recordingVisibility, long organizerId, Texts texts) {

    /** The title and description in French and in English (each null when not written in that language). */
    record Texts(@Nullable String titleFr, @Nullable String titleEn, @Nullable String descriptionSourceFr,
                 @Nullable String descriptionSourceEn, @Nullable String descriptionHtmlFr,
                 @Nullable String descriptionHtmlEn) {
    }

    static final String COLUMNS = "e.id, e.series_id, e.uid, e.sequence, e.slug, e.title, e.description_source, "
            + "e.description_html, e.cover_url, e.kind, e.starts_local, e.ends_local, e.zone, e.starts_at, e.ends_at, "
            + "e.location, e.join_url, e.join_window_minutes, e.capacity, e.max_guests, e.seats_taken, e.offer_hours, "
            + "e.auto_promote, e.registration_opens_at, e.registration_closes_at, e.visibility, e.status, e.category_id, e.thread_id, "
            + "e.recording_url, e.slides_url, e.recording_visibility, e.organizer_id, "
            + "e.title_fr, e.title_en, e.description_source_fr, e.description_source_en, e.description_html_fr, "
            + "e.description_html_en";

    static EventRow of(ResultSet rs) throws SQLException {
        int capacity = rs.getInt("capacity");
        Integer cap = rs.wasNull() ? null : capacity;
        return new EventRow(rs.getLong("id"), Sql.nullableLong(rs, "series_id"), rs.getString("uid"), rs.getInt("sequence"), rs.getString("slug"),
                rs.getString("title"), rs.getString("description_source"), rs.getString("description_html"),
                rs.getString("cover_url"), EventKind.valueOf(rs.getString("kind")),
                rs.getTimestamp("starts_local").toLocalDateTime(), rs.getTimestamp("ends_local").toLocalDateTime(),
                ZoneId.of(rs.getString("zone")), Sql.instant(rs, "starts_at"), Sql.instant(rs, "ends_at"),
                rs.getString("location"), rs.getString("join_url"), rs.getInt("join_window_minutes"), cap,
                rs.getInt("max_guests"), rs.getInt("seats_taken"), rs.getInt("offer_hours"),
                rs.getBoolean("auto_promote"), Sql.instant(rs, "registration_opens_at"),
                Sql.instant(rs, "registration_closes_at"), EventVisibility.valueOf(rs.getString("visibility")),
                rs.getString("status"), Sql.nullableLong(rs, "category_id"), Sql.nullableLong(rs, "thread_id"), rs.getString("recording_url"),
                rs.getString("slides_url"), RecordingVisibility.valueOf(rs.getString("recording_visibility")),
                rs.getLong("organizer_id"), new Texts(rs.getString("title_fr"), rs.getString("title_en"),
                        rs.getString("description_source_fr"), rs.getString("description_source_en"),
                        rs.getString("description_html_fr"), rs.getString("description_html_en")));
    }

    /**
     * The event as a reader of {@code language} sees it: title and description in that language where written, the
     * plain ones otherwise (and for a null language).
     */
    EventRow in(@Nullable String language) {
        boolean fr = "fr".equals(language);
        boolean en = "en".equals(language);
        String title = fr ? texts.titleFr() : en ? texts.titleEn() : null;
        String source = fr ? texts.descriptionSourceFr() : en ? texts.descriptionSourceEn() : null;
        String html = fr ? texts.descriptionHtmlFr() : en ? texts.descriptionHtmlEn() : null;
        boolean ownTitle = title != null && !title.isBlank();
        boolean ownDescription = source != null && !source.isBlank() && html != null;
        if (!ownTitle && !ownDescription) {
            return this;
        }
        return new EventRow(id, seriesId, uid, sequence, slug, ownTitle ? title : this.title,
                ownDescription ? source : descriptionSource, ownDescription ? html : descriptionHtml, coverUrl, kind,
                startsLocal, endsLocal, zone, startsAt, endsAt, location, joinUrl, joinWindowMinutes, capacity,
                maxGuests, seatsTaken, offerHours, autoPromote, registrationOpensAt, registrationClosesAt, visibility,
                status, categoryId, threadId, recordingUrl, slidesUrl, recordingVisibility, organizerId, texts);
    }

    boolean published() {
        return "PUBLISHED".equals(status);
    }

    boolean cancelled() {
        return "CANCELLED".equals(status);
    }

    boolean finishedAt(Instant now) {
        return published() && !endsAt.isAfter(now);
    }

    /** Whether the viewer may see the event: staff always; others once published, by its visibility. */
    boolean visibleTo(Viewer viewer, Set<Long> eventGroups) {
        if (viewer.isStaff()) {
            return true;
        }
        if ("DRAFT".equals(status)) {
            return false;
        }
        return switch (visibility) {
            case EVERYONE -> true;
            case MEMBERS -> viewer.isMember();
            case GROUPS -> viewer.isMember() && eventGroups.stream().anyMatch(viewer.groupIds()::contains);
        };
    }

    /** Seats still free (null: no limit). */
    @Nullable Integer seatsLeft() {
        return capacity == null ? null : Math.max(0, capacity - seatsTaken);
    }
}
