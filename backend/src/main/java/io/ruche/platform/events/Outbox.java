package io.ruche.platform.events;

import io.micronaut.context.BeanContext;
import io.micronaut.serde.ObjectMapper;
import io.ruche.platform.jobs.Jobs;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The transactional outbox: {@link #publish} writes one job per subscriber of the event, in the caller's
 * transaction, so deliveries commit with the change or not at all (an event of a transaction that rolls back is
 * never delivered). Subscribers are looked up in the bean context (a registry, not a dependency: producers stay
 * unaware of who listens, and listeners may depend on producers' services).
 */
@Singleton
public class Outbox {

    /** Job kinds of event deliveries start with this, followed by the subscriber's name. */
    public static final String KIND_PREFIX = "event.";

    private final Jobs jobs;
    private final ObjectMapper json;
    private final BeanContext beans;
    private volatile List<EventSubscriber<?>> subscribers;

    public Outbox(Jobs jobs, ObjectMapper json, BeanContext beans) {
        this.jobs = jobs;
        this.json = json;
        this.beans = beans;
    }

    /**
     * Queues a delivery of {@code event} to each of its subscribers; runs in the caller's transaction. This node's
     * {@link CommittedEvents} listeners hear it once the transaction commits.
     */
    public void publish(DomainEvent event) {
        String payload = encode(event);
        for (EventSubscriber<?> subscriber : subscribers()) {
            if (subscriber.event().isInstance(event)) {
                jobs.enqueue(KIND_PREFIX + subscriber.name(), subscriber.lane(), payload);
            }
        }
        List<CommittedEvents> local = committedListeners();
        if (!local.isEmpty()) {
            transactions().findTransactionStatus().ifPresent(status -> status.registerSynchronization(
                    new io.micronaut.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            for (CommittedEvents listener : local) {
                                try {
                                    listener.committed(event);
                                } catch (RuntimeException e) {
                                    org.slf4j.LoggerFactory.getLogger(Outbox.class).warn(
                                            "A listener of committed {} failed: {}", event, e.toString());
                                }
                            }
                        }
                    }));
        }
    }

    private volatile List<CommittedEvents> committed;
    private volatile io.micronaut.transaction.TransactionOperations<?> transactions;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<CommittedEvents> committedListeners() {
        List<CommittedEvents> known = committed;
        if (known == null) {
            known = List.copyOf((java.util.Collection) beans.getBeansOfType(CommittedEvents.class));
            committed = known;
        }
        return known;
    }

    private io.micronaut.transaction.TransactionOperations<?> transactions() {
        io.micronaut.transaction.TransactionOperations<?> known = transactions;
        if (known == null) {
            known = beans.getBean(io.micronaut.core.type.Argument.of(io.micronaut.transaction.TransactionOperations.class,
                    java.sql.Connection.class));
            transactions = known;
        }
        return known;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<EventSubscriber<?>> subscribers() {
        List<EventSubscriber<?>> known = subscribers;
        if (known == null) {
            known = List.copyOf((java.util.Collection) beans.getBeansOfType(EventSubscriber.class));
            subscribers = known;
        }
        return known;
    }

    String encode(DomainEvent event) {
        try {
            String body = json.writeValueAsString(event);
            String payload = "{\"v\":" + event.version() + ",\"event\":" + body + "}";
            if (payload.length() > 500) {
                // Events carry ids, never content: subscribers read what they need under their own rules.
                throw new IllegalArgumentException("Event too large for the outbox: " + payload.length() + " chars");
            }
            return payload;
        } catch (IOException e) {
            throw new UncheckedIOException("Event " + event + " cannot be written as JSON", e);
        }
    }

    <E extends DomainEvent> E decode(String payload, Class<E> type) throws IOException {
        Map<?, ?> envelope = json.readValue(payload, Map.class);
        return json.readValue(json.writeValueAsString(envelope.get("event")), type);
    }
}
