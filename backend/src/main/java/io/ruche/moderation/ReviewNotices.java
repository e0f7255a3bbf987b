package io.ruche.moderation;

import io.micronaut.context.annotation.Factory;
import io.micronaut.transaction.TransactionOperations;
import io.ruche.notifications.NotificationKind;
import io.ruche.notifications.NotificationPreferences;
import io.ruche.notifications.NotificationService;
import io.ruche.platform.Sql;
import io.ruche.platform.events.EventSubscriber;
import io.ruche.platform.events.Subscriber;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;

/**
 * The author of a held post hears how it ended: approved (with a link to it, published) or rejected (with the
 * moderator's reason, by mail unless they chose the app only; it cannot be switched off). Once per decision.
 */
@Factory
class ReviewNotices {

    record Held(long authorId, Long threadId, Long postId, String status, String reason) {
    }

    @Singleton
    @Named("notify.review-decided")
    EventSubscriber<ModerationEvents.ReviewDecided> reviewDecided(Sql sql, NotificationService notifications,
                                                                 NotificationPreferences preferences,
                                                                 TransactionOperations<Connection> tx) {
        return new Subscriber<>(ModerationEvents.ReviewDecided.class, "notify.review-decided", "notify", e -> {
            if (e.queuedPostId() == null) {
                return;
            }
            tx.executeWrite(status -> {
                Held held = sql.query("SELECT q.author_id, COALESCE(p.thread_id, q.thread_id), q.post_id, q.status, "
                                + "COALESCE(q.reject_reason, '') FROM queued_posts q LEFT JOIN posts p ON p.id = q.post_id "
                                + "WHERE q.id = ?", List.of(e.queuedPostId()),
                        rs -> new Held(rs.getLong(1), rs.getObject(2) == null ? null : rs.getLong(2),
                                rs.getObject(3) == null ? null : rs.getLong(3), rs.getString(4), rs.getString(5)))
                        .stream().findFirst().orElse(null);
                if (held == null || held.authorId() == e.staffId()) {
                    return null;
                }
                NotificationKind kind = "APPROVED".equals(held.status()) ? NotificationKind.POST_APPROVED
                        : "REJECTED".equals(held.status()) ? NotificationKind.POST_REJECTED : null;
                if (kind == null) {
                    return null;
                }
                notifications.deliverOnce("review:" + e.itemId(), new NotificationService.Draft(held.authorId(), kind,
                        held.threadId(), held.postId(), e.staffId(), held.reason(), null),
                        preferences.channel(held.authorId(), kind));
                return null;
            });
        });
    }
}
