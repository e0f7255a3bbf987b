package io.ruche.live;

import io.micronaut.context.annotation.Factory;
import io.ruche.forum.ForumEvents;
import io.ruche.platform.events.EventSubscriber;
import io.ruche.platform.events.Subscriber;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Readers of a thread, on any node, see a new reply appear: the fact becomes a row of {@code live_events}, which
 * every node tails. Its own lane, so a backlog of mail or indexing never delays what readers see.
 */
@Factory
class LiveSubscribers {

    @Singleton
    @Named("live.post-published")
    EventSubscriber<ForumEvents.PostPublished> postPublished(LiveEvents live) {
        return new Subscriber<>(ForumEvents.PostPublished.class, "live.post-published", "live",
                e -> live.publishOnce("post:" + e.postId(), LiveEvents.threadTopic(e.threadId()), "post",
                        "{\"threadId\":" + e.threadId() + ",\"postId\":" + e.postId() + ",\"position\":"
                                + e.position() + "}"));
    }
}
