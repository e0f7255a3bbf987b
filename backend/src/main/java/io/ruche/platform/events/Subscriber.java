package io.ruche.platform.events;

/** An {@link EventSubscriber} made of a name, a lane and a function: what most subscribers are. */
public record Subscriber<E extends DomainEvent>(Class<E> event, String name, String lane, Handler<E> handler)
        implements EventSubscriber<E> {

    @FunctionalInterface
    public interface Handler<E> {
        void handle(E event) throws Exception;
    }

    @Override
    public void on(E event) throws Exception {
        handler.handle(event);
    }
}
