package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.ruche.notifications.NotificationKind;
import io.ruche.notifications.NotificationPreferences;
import io.ruche.notifications.NotificationService;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How posts enter the review queue (held before publication, or flagged after), in the caller's transaction, and
 * how staff hear of it. Apart from the queue itself, so the publishing policy can use it without the queue's
 * dependencies on forum's services.
 */
@Singleton
public class ReviewIntake {

    private final Sql sql;
    private final io.ruche.accounts.AccountService accounts;
    private final QueuedPostRepository queuedPosts;
    private final ReviewItemRepository items;
    private final Clock clock;
    private final AuditLog audit;
    private final NotificationService notifications;
    private final NotificationPreferences preferences;
    private final io.ruche.accounts.Viewers viewers;
    private final io.ruche.forum.CategoryAccess access;

    public ReviewIntake(io.ruche.accounts.AccountService accounts, QueuedPostRepository queuedPosts, ReviewItemRepository items, Sql sql, Clock clock, AuditLog audit, NotificationService notifications,
                        NotificationPreferences preferences, io.ruche.accounts.Viewers viewers,
                            io.ruche.forum.CategoryAccess access) {
        this.sql = sql;
        this.accounts = accounts;
        this.queuedPosts = queuedPosts;
        this.items = items;
        this.clock = clock;
        this.audit = audit;
        this.notifications = notifications;
        this.preferences = preferences;
        this.viewers = viewers;
        this.access = access;
    }

    /** Holds a post for review (in the caller's transaction). Returns the queued post's id. */
    public long hold(long authorId, long categoryId, @Nullable Long threadId, @Nullable String title,
                     List<String> tags, @Nullable Long replyTo, String body, String reason, String detail) {
        Instant now = clock.instant();
        long queued = queuedPosts.save(new QueuedPost(null, authorId, threadId, categoryId, title,
                String.join(",", tags), replyTo, body, reason, detail.length() > 300 ? detail.substring(0, 300) : detail,
                "PENDING", now, null, null, null)).id();
        open(null, queued, reason, categoryId, authorId);
        return queued;
    }

    private void open(@Nullable Long postId, @Nullable Long queuedId, String reason, long categoryId, long authorId) {
        items.open(postId, queuedId, reason, categoryId, authorId, clock.instant());
        tellStaff(categoryId, reason);
    }

    /** Moderators and admins who can see the category hear of a new item (REVIEW_QUEUE notifications). */
    private void tellStaff(long categoryId, String reason) {
        // In id order, so two items opening at once update the staff's notification rows in the same order.
        List<Long> staff = accounts.staffIds(200);
        Set<Long> allowed = access.whoCanSee(viewers.of(staff).values(), categoryId);
        Map<Long, NotificationKind.Channel> channels = preferences.channels(allowed, NotificationKind.REVIEW_QUEUE);
        for (Long member : allowed) {
            notifications.deliver(new NotificationService.Draft(member, NotificationKind.REVIEW_QUEUE, null, null,
                    null, reason, "review-queue"), channels.get(member));
        }
    }

    /** A watched word asked for a flag: the post is published and waits in the queue for a look. */
    public void flagBySystem(long postId, long categoryId, long authorId, String detail) {
        openForPost(postId, categoryId, authorId, "WATCHED_WORD");
        audit.record(null, "flag.watchedWord", "post", postId, detail, null);
    }

    /** One open item per post: the unique key on {@code open_post_id} makes a second one a no-op. */
    void openForPost(long postId, long categoryId, long authorId, String reason) {
        int opened = items.openForPost(postId, reason, categoryId, authorId, clock.instant());
        if (opened > 0) {
            tellStaff(categoryId, reason);
        }
    }

}
