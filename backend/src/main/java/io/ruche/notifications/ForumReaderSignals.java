package io.ruche.notifications;

import io.ruche.forum.ReaderSignals;
import jakarta.inject.Singleton;

/** Forum's reader signals: a thread read reads its notifications. */
@Singleton
public class ForumReaderSignals implements ReaderSignals {

    private final NotificationService notifications;

    public ForumReaderSignals(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void threadRead(long memberId, long threadId) {
        notifications.markThreadRead(memberId, threadId);
    }
}
