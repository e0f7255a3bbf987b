package io.ruche.widgets;

import io.micronaut.context.annotation.Factory;
import io.ruche.events.EventEvents;
import io.ruche.forum.ForumEvents;
import io.ruche.platform.events.DomainEvent;
import io.ruche.platform.events.EventSubscriber;
import io.ruche.platform.events.Subscriber;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** Widgets listen to what changes their content: the shared version moves, every node re-renders. */
@Factory
class WidgetSubscribers {

    private static final String LANE = "default";

    private final WidgetVersion version;

    WidgetSubscribers(WidgetVersion version) {
        this.version = version;
    }

    private <E extends DomainEvent> EventSubscriber<E> bump(Class<E> type, String name) {
        return new Subscriber<>(type, name, LANE, e -> version.bump());
    }

    @Singleton
    @Named("widgets.thread-created")
    EventSubscriber<ForumEvents.ThreadCreated> threadCreated() {
        return bump(ForumEvents.ThreadCreated.class, "widgets.thread-created");
    }

    @Singleton
    @Named("widgets.post-published")
    EventSubscriber<ForumEvents.PostPublished> postPublished() {
        return bump(ForumEvents.PostPublished.class, "widgets.post-published");
    }

    @Singleton
    @Named("widgets.post-edited")
    EventSubscriber<ForumEvents.PostEdited> postEdited() {
        return bump(ForumEvents.PostEdited.class, "widgets.post-edited");
    }

    @Singleton
    @Named("widgets.post-deleted")
    EventSubscriber<ForumEvents.PostDeleted> postDeleted() {
        return bump(ForumEvents.PostDeleted.class, "widgets.post-deleted");
    }

    @Singleton
    @Named("widgets.post-hidden")
    EventSubscriber<ForumEvents.PostHidden> postHidden() {
        return bump(ForumEvents.PostHidden.class, "widgets.post-hidden");
    }

    @Singleton
    @Named("widgets.answer-accepted")
    EventSubscriber<ForumEvents.AnswerAccepted> answerAccepted() {
        return bump(ForumEvents.AnswerAccepted.class, "widgets.answer-accepted");
    }

    @Singleton
    @Named("widgets.thread-moved")
    EventSubscriber<ForumEvents.ThreadMoved> threadMoved() {
        return bump(ForumEvents.ThreadMoved.class, "widgets.thread-moved");
    }

    @Singleton
    @Named("widgets.thread-retitled")
    EventSubscriber<ForumEvents.ThreadRetitled> threadRetitled() {
        return bump(ForumEvents.ThreadRetitled.class, "widgets.thread-retitled");
    }

    @Singleton
    @Named("widgets.thread-merged")
    EventSubscriber<ForumEvents.ThreadMerged> threadMerged() {
        return bump(ForumEvents.ThreadMerged.class, "widgets.thread-merged");
    }

    @Singleton
    @Named("widgets.event-published")
    EventSubscriber<EventEvents.EventPublished> eventPublished() {
        return bump(EventEvents.EventPublished.class, "widgets.event-published");
    }

    @Singleton
    @Named("widgets.event-changed")
    EventSubscriber<EventEvents.EventChanged> eventChanged() {
        return bump(EventEvents.EventChanged.class, "widgets.event-changed");
    }

    @Singleton
    @Named("widgets.event-cancelled")
    EventSubscriber<EventEvents.EventCancelled> eventCancelled() {
        return bump(EventEvents.EventCancelled.class, "widgets.event-cancelled");
    }
}
