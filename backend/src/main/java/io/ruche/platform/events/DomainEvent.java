package io.ruche.platform.events;

/**
 * A fact a feature states about what happened (a post was published, a reaction added): a small {@code @Serdeable}
 * record of ids, in the package that owns the fact. Published with {@link Outbox#publish} inside the transaction
 * that made the change; delivered after the commit to every {@link EventSubscriber} of its type.
 */
public interface DomainEvent {

    /**
     * The version of this event's shape. A record that changes incompatibly (a field renamed or removed) raises it,
     * and its subscribers read the old shape too until every queued delivery of it has run.
     */
    default int version() {
        return 1;
    }
}
