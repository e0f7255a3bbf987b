package io.ruche.platform.events;

/**
 * Hears, in the node that wrote it, each domain event right after its transaction commits: for what must follow at
 * once in this node (dropping cached pages), while the durable deliveries through the outbox reach the other nodes
 * and every subscriber. A listener must be quick and must not fail the writer: it runs after the commit, and an
 * exception is only logged.
 */
public interface CommittedEvents {

    void committed(DomainEvent event);
}
