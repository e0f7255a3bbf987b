package io.ruche.events;

import io.micronaut.serde.annotation.Serdeable;
import io.ruche.platform.events.DomainEvent;

/** What happens to events, for other features to subscribe to (badges, analytics, mail, notifications). */
public final class EventEvents {

    private EventEvents() {
    }

    /** Staff published the event: members may see it and register. */
    @Serdeable
    public record EventPublished(long eventId) implements DomainEvent {
    }

    /** Something registrants see changed (time, zone, place, link, title): their calendars are updated. */
    @Serdeable
    public record EventChanged(long eventId, int sequence) implements DomainEvent {
    }

    /** Staff cancelled the event: registrants' calendar entries are cancelled. */
    @Serdeable
    public record EventCancelled(long eventId, int sequence) implements DomainEvent {
    }

    /**
     * A member's registration changed: {@code status} is REGISTERED, WAITLISTED, OFFERED (a freed seat is theirs to
     * claim), CANCELLED or EXPIRED (an offer passed on).
     */
    @Serdeable
    public record RegistrationChanged(long eventId, long memberId, @io.micronaut.core.annotation.Nullable String previous,
                                      String status, java.time.Instant at) implements DomainEvent {
    }

    /** Hosts shared the recording (or slides) of a finished event: registrants are told, attendees and no-shows apart. */
    @Serdeable
    public record RecordingShared(long eventId) implements DomainEvent {
    }

    /** The member attended (clicked through to join, marked by a host, or imported). */
    @Serdeable
    public record EventAttended(long eventId, long memberId) implements DomainEvent {
    }
}
