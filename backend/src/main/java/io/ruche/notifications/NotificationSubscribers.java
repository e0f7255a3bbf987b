package io.ruche.notifications;

import io.micronaut.context.annotation.Factory;
import io.ruche.forum.ForumEvents;
import io.ruche.platform.events.EventSubscriber;
import io.ruche.platform.events.Subscriber;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;

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

    /**
     * A trust level gained (from level 2), lost, or about to be lost: the member is told, with the reasons. Reaching
     * level 1 lifts the newcomer limits quietly, as before trust levels.
     */
    @Singleton
    @Named("notify.trust-level")
    EventSubscriber<io.ruche.accounts.AccountEvents.TrustLevelChanged> trustLevel(
            NotificationService notifications, NotificationPreferences preferences,
            io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx, java.time.Clock clock) {
        return new Subscriber<>(io.ruche.accounts.AccountEvents.TrustLevelChanged.class, "notify.trust-level", LANE, e -> {
            if (e.to() <= 1 && e.from() <= 1 || "kept".equals(e.reason())) {
                return;
            }
            String detail = e.from() + ":" + e.to() + ":" + e.reason();
            String key = "trust:" + e.memberId() + ":" + detail + ":"
                    + java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
            tx.executeWrite(status -> notifications.deliverOnce(key.length() > 100 ? key.substring(0, 100) : key,
                    new NotificationService.Draft(e.memberId(), NotificationKind.TRUST_LEVEL, null, null, null,
                            detail, null), preferences.channel(e.memberId(), NotificationKind.TRUST_LEVEL)));
        });
    }

    /**
     * A private message: the conversation's other participants hear of it (unread messages of one conversation fold
     * into one notification); those who blocked the author hear nothing.
     */
    @Singleton
    @Named("notify.message-sent")
    EventSubscriber<io.ruche.messages.MessageEvents.MessageSent> messageSent(io.ruche.messages.Conversations conversations,
                                                                            NotificationService notifications,
                                                                            NotificationPreferences preferences,
                                                                            io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx) {
        return new Subscriber<>(io.ruche.messages.MessageEvents.MessageSent.class, "notify.message-sent", LANE, e ->
                conversations.delivery(e.conversationId(), e.authorId()).ifPresent(d -> tx.executeWrite(status -> {
                    java.util.Map<Long, NotificationKind.Channel> channels = preferences.channels(d.recipients(),
                            NotificationKind.MESSAGE);
                    String detail = d.conversationId() + ":" + d.subject();
                    for (long member : d.recipients()) {
                        notifications.deliverOnce("message:" + e.messageId(), new NotificationService.Draft(member,
                                NotificationKind.MESSAGE, null, null, e.authorId(), detail,
                                "conversation:" + d.conversationId()), channels.get(member));
                    }
                    return null;
                })));
    }

    /** A reminder the member set on a bookmark: it reaches them with their note, once. */
    @Singleton
    @Named("notify.bookmark-reminder")
    EventSubscriber<ForumEvents.BookmarkReminderDue> bookmarkReminder(io.ruche.forum.Bookmarks bookmarks,
                                                                       NotificationService notifications,
                                                                       NotificationPreferences preferences,
                                                                       io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx) {
        return new Subscriber<>(ForumEvents.BookmarkReminderDue.class, "notify.bookmark-reminder", LANE, e ->
                bookmarks.reminder(e.bookmarkId()).ifPresent(r -> tx.executeWrite(status -> notifications.deliverOnce(
                        "bookmark:" + e.bookmarkId() + ":" + e.postId(), new NotificationService.Draft(r.memberId(),
                                NotificationKind.BOOKMARK_REMINDER, r.threadId(), r.postId(), null, r.note(), null),
                        preferences.channel(r.memberId(), NotificationKind.BOOKMARK_REMINDER)))));
    }

    /** An idea's status changed: its voters and its author hear it with the staff's note, once per change. */
    @Singleton
    @Named("notify.idea-status")
    EventSubscriber<ForumEvents.IdeaStatusChanged> ideaStatus(io.ruche.forum.Ideas ideas,
                                                             NotificationService notifications,
                                                             NotificationPreferences preferences,
                                                             io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx) {
        return new Subscriber<>(ForumEvents.IdeaStatusChanged.class, "notify.idea-status", LANE, e -> {
            String note = ideas.statusNote(e.threadId());
            String detail = e.status() + ":" + (note.length() > 480 ? note.substring(0, 480) + "…" : note);
            List<Long> told = ideas.votersAndAuthor(e.threadId()).stream().filter(id -> id != e.actorId()).toList();
            for (int i = 0; i < told.size(); i += 200) {
                List<Long> batch = told.subList(i, Math.min(told.size(), i + 200));
                tx.executeWrite(status -> {
                    java.util.Map<Long, NotificationKind.Channel> channels = preferences.channels(batch,
                            NotificationKind.IDEA_STATUS);
                    for (long member : batch) {
                        notifications.deliverOnce("idea:" + e.threadId() + ":" + e.at().toEpochMilli(),
                                new NotificationService.Draft(member, NotificationKind.IDEA_STATUS, e.threadId(),
                                        null, e.actorId(), detail, null), channels.get(member));
                    }
                    return null;
                });
            }
        });
    }

    /**
     * Staff moved members' posts (a thread to another category, a merge, a split): each author hears once where their
     * post went, unless they did it themselves.
     */
    @Singleton
    @Named("notify.posts-moved")
    EventSubscriber<ForumEvents.PostsMoved> postsMoved(NotificationJobs jobs) {
        return new Subscriber<>(ForumEvents.PostsMoved.class, "notify.posts-moved", LANE,
                e -> jobs.onPostsMoved(e.threadId(), e.fromPosition(), e.toPosition(), e.actorId(), e.how()));
    }
}
