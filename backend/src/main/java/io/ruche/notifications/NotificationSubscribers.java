package io.ruche.notifications;

import io.micronaut.context.annotation.Factory;
import io.ruche.forum.ForumEvents;
import io.ruche.platform.events.EventSubscriber;
import io.ruche.platform.events.Subscriber;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Who hears of what members do, worked out in the notify lane after the change committed. Each delivery notifies
 * each member at most once per event (notification_deliveries), so a delivery that arrives twice notifies once.
 */
@Factory
class NotificationSubscribers {

    private static final String LANE = "notify";

    @Singleton
    @Named("notify.post-published")
    EventSubscriber<ForumEvents.PostPublished> postPublished(NotificationJobs jobs) {
        return new Subscriber<>(ForumEvents.PostPublished.class, "notify.post-published", LANE,
                e -> jobs.onPost(e.postId()));
    }

    @Singleton
    @Named("notify.thread-created")
    EventSubscriber<ForumEvents.ThreadCreated> threadCreated(NotificationJobs jobs) {
        return new Subscriber<>(ForumEvents.ThreadCreated.class, "notify.thread-created", LANE,
                e -> jobs.onThread(e.threadId()));
    }

    @Singleton
    @Named("notify.reaction-added")
    EventSubscriber<ForumEvents.ReactionAdded> reactionAdded(NotificationJobs jobs) {
        return new Subscriber<>(ForumEvents.ReactionAdded.class, "notify.reaction-added", LANE,
                e -> jobs.onReaction(e.postId(), e.memberId(), e.kind()));
    }

    @Singleton
    @Named("notify.answer-accepted")
    EventSubscriber<ForumEvents.AnswerAccepted> answerAccepted(NotificationJobs jobs) {
        return new Subscriber<>(ForumEvents.AnswerAccepted.class, "notify.answer-accepted", LANE, e -> {
            if (e.postId() != null) {
                jobs.onAccepted(e.threadId(), e.postId(), e.actorId());
            }
        });
    }
}
