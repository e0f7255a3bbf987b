package io.ruche.platform.events;

import io.micronaut.context.annotation.EachBean;
import io.micronaut.context.annotation.Factory;
import io.ruche.platform.jobs.JobHandler;

/** Turns each {@link EventSubscriber} into the job handler that runs its deliveries. */
@Factory
class EventDeliveries {

    @EachBean(EventSubscriber.class)
    JobHandler delivery(EventSubscriber<?> subscriber, Outbox outbox) {
        return new Delivery<>(subscriber, outbox);
    }

    private record Delivery<E extends DomainEvent>(EventSubscriber<E> subscriber, Outbox outbox) implements JobHandler {

        @Override
        public String kind() {
            return Outbox.KIND_PREFIX + subscriber.name();
        }

        @Override
        public void run(String payload) throws Exception {
            subscriber.on(outbox.decode(payload, subscriber.event()));
        }
    }
}
