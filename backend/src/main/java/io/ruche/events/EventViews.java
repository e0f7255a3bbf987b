package io.ruche.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.forum.ForumViews;

import java.time.Instant;
import java.util.List;

/** What the API answers about events. Times come both as the event's wall-clock time with its zone and as UTC. */
public final class EventViews {

    private EventViews() {
    }

    @Serdeable
    public record Question(String label, boolean required) {
    }

    @Serdeable
    public record Summary(long id, String slug, String title, EventKind kind, String status, String startsLocal,
                          String endsLocal, String zone, Instant startsAt, Instant endsAt, String location,
                          @Nullable String coverUrl, @Nullable Integer capacity, @Nullable Integer seatsLeft,
                          @Nullable String myStatus, @Nullable Long seriesId) {
    }

    @Serdeable
    public record Page(List<Summary> items, @Nullable String nextAfter) {
    }

    /**
     * One event for one viewer, its title and description in the reader's language where written.
     * {@code joinOpensAt}: when the join button appears for registrants; {@code canJoin}:
     * it is there now. The recording is present only for those it is shared with.
     */
    @Serdeable
    public record Detail(long id, String slug, String title, String descriptionHtml, @Nullable String descriptionSource,
                         @Nullable String coverUrl, EventKind kind, String status, String startsLocal, String endsLocal,
                         String zone, Instant startsAt, Instant endsAt, String location, @Nullable Integer capacity,
                         @Nullable Integer seatsLeft, int maxGuests, @Nullable Instant registrationOpensAt,
                         @Nullable Instant registrationClosesAt, EventVisibility visibility, List<Long> groupIds,
                         List<ForumViews.MemberRef> hosts, @Nullable Long threadId, List<Question> questions,
                         @Nullable Registrations.Mine mine, boolean canRegister, Instant joinOpensAt, boolean canJoin,
                         int joinWindowMinutes, int offerHours, boolean autoPromote, @Nullable String recordingUrl,
                         @Nullable String slidesUrl, RecordingVisibility recordingVisibility, int sequence,
                         boolean canManage, @Nullable Long categoryId, @Nullable Long seriesId,
                         List<Occurrence> occurrences, @Nullable String joinUrl, @Nullable Texts texts) {
    }

    /**
     * The title and description as staff wrote them (only staff receive it, for the edit form): the plain ones, the
     * fallback, and each language's own, null where not written.
     */
    @Serdeable
    public record Texts(String title, String description, @Nullable String titleFr, @Nullable String titleEn,
                        @Nullable String descriptionFr, @Nullable String descriptionEn) {
    }

    /** Another date of the same series. */
    @Serdeable
    public record Occurrence(long id, String startsLocal, Instant startsAt, String status, @Nullable String myStatus) {
    }
}
