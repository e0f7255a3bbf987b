package io.ruche.notifications;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Member;
import io.ruche.forum.CategoryAccess;
import io.ruche.accounts.Viewer;
import io.ruche.live.LiveEvents;
import io.ruche.notifications.NotificationKind.Channel;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import io.ruche.platform.jobs.JobKinds;
import io.ruche.platform.jobs.Jobs;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Creates notifications (respecting each member's channel for the kind), merges unread reactions, tells the
 * member's browsers through the live feed, and schedules the mail when the channel asks for one. Also the inbox:
 * list, unread count, mark read.
 */
@Singleton
public class NotificationService {

    private final Sql sql;
    private final NotificationRepository notifications;
    private final Clock clock;
    private final Jobs jobs;
    private final LiveEvents live;
    private final NotificationPreferences preferences;
    private final CategoryAccess access;
    private final AccountService accounts;
    private final Duration emailDelay;

    public NotificationService(Sql sql, NotificationRepository notifications, Clock clock, Jobs jobs, LiveEvents live, NotificationPreferences preferences,
                               CategoryAccess access, AccountService accounts,
                               @Value("${ruche.notifications.email-delay:2m}") Duration emailDelay) {
        this.sql = sql;
        this.notifications = notifications;
        this.clock = clock;
        this.jobs = jobs;
        this.live = live;
        this.preferences = preferences;
        this.access = access;
        this.accounts = accounts;
        this.emailDelay = emailDelay;
    }

    /** One notification to deliver. {@code groupKey}: unread notifications with the same key merge into one. */
    public record Draft(long memberId, NotificationKind kind, @Nullable Long threadId, @Nullable Long postId,
                        @Nullable Long actorId, String detail, @Nullable String groupKey) {
    }

    /**
     * Delivers a notification on the member's channel for its kind. Returns false when the member turned the kind
     * off. Runs in the caller's transaction.
     */
    public boolean deliver(Draft draft, Channel channel) {
        if (channel == Channel.OFF) {
            return false;
        }
        Instant now = clock.instant();
        draft = stillThere(draft);
        if (draft.actorId() != null && !sql.query("SELECT 1 FROM members WHERE id = ? AND erased_at IS NOT NULL",
                List.of(draft.actorId()), rs -> 1).isEmpty()) {
            // Something a deleted member did, delivered after they went: told without naming them.
            draft = new Draft(draft.memberId(), draft.kind(), draft.threadId(), draft.postId(), null, draft.detail(),
                    draft.groupKey());
        }
        if (draft.groupKey() != null) {
            if (notifications.merge(draft.memberId(), draft.groupKey(), draft.actorId(), now) > 0) {
                announce(draft.memberId());
                return true;
            }
        }
        long id = notifications.save(Notification.of(draft, now)).id();
        announce(draft.memberId());
        if (channel == Channel.EMAIL) {
            // A short wait: a member reading the forum right now sees it there, and no mail is sent.
            jobs.enqueueAt(JobKinds.NOTIFY_EMAIL, String.valueOf(id), now.plus(emailDelay));
        }
        return true;
    }

    /**
     * A notification about a thread that staff merged away (between the event and its delivery) points where the
     * thread's posts went; about a thread that is gone, at no thread.
     */
    private Draft stillThere(Draft draft) {
        if (draft.threadId() == null || !sql.query("SELECT 1 FROM threads WHERE id = ?", List.of(draft.threadId()),
                rs -> 1).isEmpty()) {
            return draft;
        }
        Long target = sql.query("SELECT target_id FROM thread_redirects WHERE thread_id = ?", List.of(draft.threadId()),
                rs -> rs.getLong(1)).stream().findFirst().orElse(null);
        Long post = draft.postId() == null || sql.query("SELECT 1 FROM posts WHERE id = ?", List.of(draft.postId()),
                rs -> 1).isEmpty() ? null : draft.postId();
        return new Draft(draft.memberId(), draft.kind(), target, target == null ? null : post, draft.actorId(),
                draft.detail(), draft.groupKey());
    }

    /**
     * Delivers a notification about one event at most once per member, however often the job that decides it
     * runs (a retry after a crash, two nodes after a lost lease): the delivery record's key is the guard. A repeat
     * answers true, as delivered, so no lesser kind is tried in its place.
     */
    public boolean deliverOnce(String eventKey, Draft draft, Channel channel) {
        if (channel == Channel.OFF) {
            return false;
        }
        int first = notifications.recordDelivery(draft.memberId(), eventKey, clock.instant());
        return first == 0 || deliver(draft, channel);
    }

    private void announce(long memberId) {
        live.publish(LiveEvents.memberTopic(memberId), "notification",
                "{\"unread\":" + unreadCount(memberId) + "}");
    }

    /** A moderator writes to a member; the message arrives as a notification (and a mail, unless moved to digest). */
    @Transactional
    public void staffMessage(Viewer staff, String username, String text) {
        if (!staff.isStaff()) {
            throw Problems.forbidden("problem.forbidden");
        }
        Member member = accounts.byUsername(username);
        String body = text.strip();
        if (body.isEmpty()) {
            throw Problems.invalidField("text", "validation.required");
        }
        deliver(new Draft(member.id(), NotificationKind.STAFF_MESSAGE, null, null, staff.memberId(), body, null),
                preferences.channel(member.id(), NotificationKind.STAFF_MESSAGE));
    }

    @Transactional(readOnly = true)
    public long unreadCount(long memberId) {
        return notifications.countUnread(memberId);
    }

    /** The member's notifications, newest first, keyset-paged; those about threads they can no longer see hidden. */
    @Transactional(readOnly = true)
    public NotificationViews.Page list(Viewer viewer, @Nullable Long before, boolean unreadOnly, int limit) {
        int size = Math.max(1, Math.min(limit, 50));
        List<Long> visible = access.catalog(viewer).visibleIds();
        List<Object> params = new ArrayList<>();
        params.add(viewer.memberId());
        params.add(before == null ? Long.MAX_VALUE : before);
        params.addAll(Sql.inList(visible));
        List<NotificationViews.Item> rows = sql.query("SELECT n.id, n.kind, n.detail, n.actor_count, n.created_at, "
                        + "n.updated_at, n.read_at, a.username, a.display_name, t.id, t.title, t.slug, p.position "
                        + "FROM notifications n LEFT JOIN members a ON a.id = n.actor_id "
                        + "LEFT JOIN threads t ON t.id = n.thread_id LEFT JOIN posts p ON p.id = n.post_id "
                        + "WHERE n.member_id = ? AND n.id < ? "
                        + (unreadOnly ? "AND n.read_at IS NULL " : "")
                        + "AND (n.thread_id IS NULL OR t.category_id IN (" + Sql.placeholders(Math.max(1, visible.size()))
                        + ")) ORDER BY n.id DESC LIMIT " + (size + 1), params,
                NotificationViews::item);
        boolean more = rows.size() > size;
        List<NotificationViews.Item> shown = more ? rows.subList(0, size) : rows;
        return new NotificationViews.Page(shown, more ? shown.get(shown.size() - 1).id() : null,
                unreadCount(viewer.memberId()));
    }

    @Transactional
    public long markRead(long memberId, long id) {
        int changed = notifications.markRead(id, memberId, clock.instant());
        if (changed == 0 && !notifications.existsByIdAndMemberId(id, memberId)) {
            throw Problems.notFound("notification");
        }
        if (changed > 0) {
            announce(memberId);
        }
        return unreadCount(memberId);
    }

    @Transactional
    public void markAllRead(long memberId) {
        notifications.markAllRead(memberId, clock.instant());
        announce(memberId);
    }

    /** Reading a thread reads its notifications too: nobody should be told twice. */
    @Transactional
    public void markThreadRead(long memberId, long threadId) {
        int changed = notifications.markThreadRead(memberId, threadId, clock.instant());
        if (changed > 0) {
            announce(memberId);
        }
    }
}
