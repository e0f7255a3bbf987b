package io.ruche.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** What staff and members send about events, validated at the boundary. */
public final class EventRequests {

    private EventRequests() {
    }

    /** A wall-clock time as people write it: 2026-12-10T18:00. */
    static final String LOCAL_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?";
    static final String WEB_URL = "https?://\\S{1,490}";

    @Serdeable
    public record Question(@NotBlank(message = "validation.required") @Size(max = 300, message = "validation.size") String label,
                           boolean required) {
    }

    /**
     * An event as staff write it. Times are local to {@code zone} (an IANA zone such as Europe/Paris). {@code title}
     * and {@code description} are the fallback; {@code titleFr}, {@code titleEn}, {@code descriptionFr} and
     * {@code descriptionEn}, optional, are what readers of that language see instead.
     */
    @Serdeable
    public record SaveEvent(
            @NotBlank(message = "validation.required") @Size(min = 3, max = 200, message = "validation.title") String title,
            @NotNull(message = "validation.required") @Size(max = 20_000, message = "validation.body") String description,
            @Nullable @Pattern(regexp = WEB_URL, message = "validation.url") String coverUrl,
            @NotNull(message = "validation.required") EventKind kind,
            @NotNull(message = "validation.required") @Pattern(regexp = LOCAL_TIME, message = "validation.localTime") String startsLocal,
            @NotNull(message = "validation.required") @Pattern(regexp = LOCAL_TIME, message = "validation.localTime") String endsLocal,
            @NotBlank(message = "validation.required") @Size(max = 64, message = "validation.zone") String zone,
            @Nullable @Size(max = 300, message = "validation.size") String location,
            @Nullable @Pattern(regexp = WEB_URL, message = "validation.url") String joinUrl,
            @Nullable @Min(value = 0, message = "validation.joinWindow") @Max(value = 240, message = "validation.joinWindow") Integer joinWindowMinutes,
            @Nullable @Min(value = 1, message = "validation.capacity") @Max(value = 100_000, message = "validation.capacity") Integer capacity,
            @Nullable @Min(value = 0, message = "validation.guests") @Max(value = 10, message = "validation.guests") Integer maxGuests,
            @Nullable @Min(value = 1, message = "validation.offerHours") @Max(value = 168, message = "validation.offerHours") Integer offerHours,
            boolean autoPromote,
            @Nullable Instant registrationOpensAt,
            @Nullable Instant registrationClosesAt,
            @NotNull(message = "validation.required") EventVisibility visibility,
            @Nullable List<Long> groupIds,
            @Nullable @Size(max = 10, message = "validation.hosts") List<String> hosts,
            @Nullable Long categoryId,
            @Nullable @Size(max = 10, message = "validation.questions") List<@Valid Question> questions,
            @Nullable RecordingVisibility recordingVisibility,
            @Nullable @Valid Recurrence recurrence,
            @Nullable @Size(max = 200, message = "validation.title") String titleFr,
            @Nullable @Size(max = 200, message = "validation.title") String titleEn,
            @Nullable @Size(max = 20_000, message = "validation.body") String descriptionFr,
            @Nullable @Size(max = 20_000, message = "validation.body") String descriptionEn) {

        /** The same event at other wall-clock times (one date of a series). */
        SaveEvent at(String starts, String ends) {
            return new SaveEvent(title, description, coverUrl, kind, starts, ends, zone, location, joinUrl,
                    joinWindowMinutes, capacity, maxGuests, offerHours, autoPromote, registrationOpensAt,
                    registrationClosesAt, visibility, groupIds, hosts, categoryId, questions, recordingVisibility,
                    null, titleFr, titleEn, descriptionFr, descriptionEn);
        }
    }

    /**
     * A series (an RRULE subset): every {@code interval} weeks on the same weekday, or months on the same day of the
     * month, {@code count} times or until a date, expanded in the event's zone so the wall-clock time never drifts.
     */
    @Serdeable
    public record Recurrence(@NotNull(message = "validation.required") Frequency frequency,
                             @Nullable @Min(value = 1, message = "validation.interval") @Max(value = 12, message = "validation.interval") Integer interval,
                             @Nullable @Min(value = 2, message = "validation.occurrences") @Max(value = 52, message = "validation.occurrences") Integer count,
                             @Nullable @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "validation.until") String until) {
    }

    public enum Frequency {
        WEEKLY, MONTHLY
    }

    /** A member registers: guests they bring and their answers, in the order of the event's questions. */
    @Serdeable
    public record Register(@Nullable @Min(value = 0, message = "validation.guests") Integer guests,
                           @Nullable @Size(max = 10, message = "validation.questions") List<@Size(max = 1000, message = "validation.size") String> answers,
                           boolean wholeSeries) {
    }

    /** After the event: where to watch it again and read the slides, and who may. */
    @Serdeable
    public record Recording(@Nullable @Pattern(regexp = WEB_URL, message = "validation.url") String recordingUrl,
                            @Nullable @Pattern(regexp = WEB_URL, message = "validation.url") String slidesUrl,
                            @NotNull(message = "validation.required") RecordingVisibility visibility) {
    }
}
