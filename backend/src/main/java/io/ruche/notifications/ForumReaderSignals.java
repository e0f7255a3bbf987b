package io.ruche.notifications;

import io.ruche.forum.ReaderSignals;
import io.ruche.live.LiveEvents;
import jakarta.inject.Singleton;

/** Forum's reader signals: a new post goes to the live feed, a thread read reads its notifications. */
@Singleton
public class ForumReaderSignals implements ReaderSignals {

    private final LiveEvents live;
    private final NotificationService notifications;

    public ForumReaderSignals(LiveEvents live, NotificationService notifications) {
        this.live = live;
        this.notifications = notifications;
    }

    @Override
    public void postAdded(long threadId, long postId, int position) {
        live.publish(LiveEvents.threadTopic(threadId), "post",
                "{\"threadId\":" + threadId + ",\"postId\":" + postId + ",\"position\":" + position + "}");
    }

    @Override
    public void threadRead(long memberId, long threadId) {
        notifications.markThreadRead(memberId, threadId);
    }
}
