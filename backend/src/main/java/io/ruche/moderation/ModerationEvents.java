package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.platform.events.DomainEvent;

/** What moderation decides, for other features to subscribe to (the helpful-flagger badge, analytics, webhooks). */
public final class ModerationEvents {

    private ModerationEvents() {
    }

    @Serdeable
    public record FlagRaised(long postId, long memberId, String reason) implements DomainEvent {
    }

    /** A moderator decided on a review item: {@code action} is APPROVE, HIDE, DELETE, WARN, SILENCE or SUSPEND. */
    @Serdeable
    public record ReviewDecided(long itemId, @Nullable Long postId, @Nullable Long queuedPostId, String action,
                                long staffId) implements DomainEvent {
    }

    @Serdeable
    public record SanctionApplied(long sanctionId, long memberId, String kind, long actorId) implements DomainEvent {
    }
}
