package io.ruche.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.platform.events.DomainEvent;

/** What happens in search, for other features to subscribe to (analytics: what members look for and miss). */
public final class SearchEvents {

    private SearchEvents() {
    }

    /** Someone searched (first page of results only); {@code terms} as typed, at most 200 characters. */
    @Serdeable
    public record SearchPerformed(@Nullable Long memberId, String terms, long results) implements DomainEvent {
    }
}
