package io.ruche.guidelines;

import io.micronaut.serde.annotation.Serdeable;
import io.ruche.platform.events.DomainEvent;

/** What happens to the guidelines, for other features to subscribe to (badges, analytics). */
public final class GuidelinesEvents {

    private GuidelinesEvents() {
    }

    /** The member read the guidelines to the end, for the first time. */
    @Serdeable
    public record GuidelinesRead(long memberId) implements DomainEvent {
    }
}
