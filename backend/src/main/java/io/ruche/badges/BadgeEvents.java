package io.ruche.badges;

import io.micronaut.serde.annotation.Serdeable;
import io.ruche.platform.events.DomainEvent;

/** What happens with badges, for notifications and others to subscribe to. */
public final class BadgeEvents {

    private BadgeEvents() {
    }

    /** A member earned a badge (by a rule, from staff, or by a backfill over past activity). */
    @Serdeable
    public record BadgeGranted(long grantId, long badgeId, long memberId, boolean backfill) implements DomainEvent {
    }
}
