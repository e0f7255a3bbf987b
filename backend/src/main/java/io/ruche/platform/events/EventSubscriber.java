package io.ruche.platform.events;

/**
 * Consumes one type of {@link DomainEvent}. Each subscriber gets its own delivery (a job row): one that fails is
 * retried alone, with back-off, and never blocks or repeats another. Deliveries can arrive twice (a node stopping
 * between the work and its record), so {@link #on} must be idempotent. A new capability listens by adding a
 * subscriber bean in its own package; producers do not change.
 */
public interface EventSubscriber<E extends DomainEvent> {

    /** The event type this subscriber consumes. */
    Class<E> event();

    /** A stable, unique name ("search.index-post"): deliveries already queued find their subscriber by it. */
    String name();

    /** The jobs lane its deliveries run in (search, mail, notify, default): a slow dependency delays only its own. */
    String lane();

    void on(E event) throws Exception;
}
