package io.ruche.moderation;

import io.ruche.platform.SiteSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.forum.ForumRequests;
import io.ruche.accounts.Viewer;
import io.ruche.forum.PostService;
import io.ruche.forum.ThreadService;
import io.ruche.notifications.NotificationKind;
import io.ruche.notifications.NotificationPreferences;
import io.ruche.notifications.NotificationService;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import io.ruche.platform.Sql;
import io.ruche.platform.db.RetryOnConflict;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The review queue: posts held before publication and posts flagged by members (or by a watched word). Moderators
 * claim an item so nobody else works on it, read its context, and act in one click: approve, hide, delete, or
 * sanction the author. Every decision is in the audit log.
 */
@Singleton
public class ReviewQueue {

    public static final Set<String> FLAG_REASONS = Set.of("SPAM", "OFF_TOPIC", "INAPPROPRIATE", "HARASSMENT", "OTHER");
    private static final Duration CLAIM = Duration.ofMinutes(30);

    private final Sql sql;
    private final ReviewItemRepository items;
    private final QueuedPostRepository queuedPosts;
    private final Clock clock;
    private final AuditLog audit;
    private final SiteSettings site;
    private final RateLimiter rateLimiter;
    private final NotificationService notifications;
    private final NotificationPreferences preferences;
    private final ThreadService threads;
    private final PostService posts;
    private final Sanctions sanctions;
    private final PublishingGate gate;
    private final ReviewIntake intake;
    private final io.ruche.platform.events.Outbox outbox;

    public ReviewQueue(ReviewItemRepository items, QueuedPostRepository queuedPosts, Sql sql, Clock clock, AuditLog audit, SiteSettings site, RateLimiter rateLimiter,
                       NotificationService notifications, NotificationPreferences preferences,
                       ThreadService threads, PostService posts, Sanctions sanctions, PublishingGate gate,
                       ReviewIntake intake, io.ruche.platform.events.Outbox outbox) {
        this.outbox = outbox;
        this.gate = gate;
        this.intake = intake;
        this.sql = sql;
        this.items = items;
        this.queuedPosts = queuedPosts;
        this.clock = clock;
        this.audit = audit;
        this.site = site;
        this.rateLimiter = rateLimiter;
        this.notifications = notifications;
        this.preferences = preferences;
        this.threads = threads;
        this.posts = posts;
        this.sanctions = sanctions;
    }

    /** A member flags a post: once per post; enough flags from trusted members hide it until reviewed. */
    @RetryOnConflict
    @Transactional
    public void flag(Viewer viewer, long postId, String reason, String note) {
        if (!FLAG_REASONS.contains(reason)) {
            throw Problems.invalidField("reason", "validation.flagReason");
        }
        if ("OTHER".equals(reason) && (note == null || note.isBlank())) {
            throw Problems.invalidField("note", "validation.required");
        }
        PostService.FlagTarget target = posts.requireFlaggable(viewer, postId);
        gate.requireNotSilenced(viewer);
        SiteSettings.Settings settings = site.settings();
        rateLimiter.hit("flag:" + viewer.memberId(), settings.flagsPerHour(), Duration.ofHours(1));
        // The post row is locked first (exclusive): flaggers of one post queue here, so the flag's foreign key
        // (shared) and the counter update (exclusive) cannot deadlock, and the count of trusted flags below sees
        // every earlier flag.
        posts.lockForUpdate(postId);
        int inserted = items.addFlag(postId, viewer.memberId(), reason, note == null ? "" : note.strip(),
                clock.instant());
        if (inserted == 0) {
            throw Problems.conflict("post", "problem.alreadyFlagged");
        }
        posts.countFlag(postId);
        outbox.publish(new ModerationEvents.FlagRaised(postId, viewer.memberId(), reason));
        intake.openForPost(postId, target.categoryId(), target.authorId(), "FLAGGED");
        // Flags count from the last time a moderator decided on this post: an approved post starts again from zero.
        long trusted = sql.query("SELECT COUNT(*) FROM flags f JOIN members m ON m.id = f.member_id WHERE f.post_id = ? "
                        + "AND (m.role <> 'MEMBER' OR (m.trust_locked AND m.trust_level >= 1) OR (NOT m.trust_locked "
                        + "AND (m.trust_level >= 1 OR m.approved_posts >= ?))) AND f.created_at > COALESCE((SELECT "
                        + "MAX(r.resolved_at) FROM review_items r WHERE r.post_id = ? AND r.status = 'RESOLVED'), "
                        + "'1970-01-01')", List.of(postId, settings.trustedAfterPosts(), postId),
                rs -> rs.getLong(1)).get(0);
        if (!target.hidden() && trusted >= settings.flagThreshold()) {
            posts.setHidden(postId, true, false);
            audit.record(null, "post.hiddenByFlags", "post", postId, trusted + " flags", reason);
        }
    }

    // ---- reading the queue --------------------------------------------------------------------------------

    @Serdeable
    public record AuthorContext(String username, String displayName, Instant joinedAt, int approvedPosts,
                                long sanctionCount, @Nullable Instant silencedUntil, @Nullable Instant suspendedUntil) {
    }

    /** One member's flag on the item's post, with how that member's earlier flags ended. */
    @Serdeable
    public record Flagger(String username, String displayName, String reason, String note, Instant createdAt,
                          long upheld, long rejected) {
    }

    /** The post an item's post answers (or the one before it), as members see it. */
    @Serdeable
    public record Context(int position, String username, String displayName, String html) {
    }

    /**
     * {@code html} is the post as members see it (sanitized; a held post rendered as it would publish), {@code body}
     * its source for editing. {@code hiddenBy}: FLAGS (until reviewed) or STAFF.
     */
    @Serdeable
    public record Item(long id, String reason, String kind, @Nullable Long postId, @Nullable Long queuedPostId,
                       @Nullable Long threadId, @Nullable String threadTitle, @Nullable String threadSlug,
                       @Nullable Integer position, String category, String body, String html, @Nullable String title,
                       String detail, Map<String, Integer> flags, List<Flagger> flaggers, @Nullable Context context,
                       boolean hidden, @Nullable String hiddenBy, AuthorContext author, @Nullable String claimedBy,
                       boolean claimedByMe, Instant createdAt) {
    }

    @Serdeable
    public record Page(List<Item> items, @Nullable Long next, long open) {
    }

    /** Open items, oldest first (keyset), filtered by reason, category and minimum age in hours. */
    @Transactional(readOnly = true)
    public Page list(Viewer staff, @Nullable String reason, @Nullable Long categoryId, @Nullable Integer olderThanHours,
                     @Nullable Long after, int limit) {
        int size = Math.max(1, Math.min(limit, 50));
        List<Long> visible = threads.visibleCategoryIds(staff);
        StringBuilder where = new StringBuilder("WHERE r.status = 'OPEN' AND r.id > ? AND r.category_id IN ("
                + Sql.placeholders(Math.max(1, visible.size())) + ")");
        List<Object> params = new ArrayList<>();
        params.add(after == null ? 0L : after);
        params.addAll(Sql.inList(visible));
        if (reason != null && !reason.isBlank()) {
            where.append(" AND r.reason = ?");
            params.add(reason);
        }
        if (categoryId != null) {
            where.append(" AND r.category_id = ?");
            params.add(categoryId);
        }
        if (olderThanHours != null && olderThanHours > 0) {
            where.append(" AND r.created_at <= ?");
            params.add(clock.instant().minus(Duration.ofHours(olderThanHours)));
        }
        record Raw(long id, String reason, Long postId, Long queuedId, Long threadId, String threadTitle,
                   String threadSlug, Integer position, String category, String body, String title, String detail,
                   boolean hidden, AuthorContext author, long claimedById, String claimedBy, Instant claimedAt,
                   Instant createdAt, String html, String hiddenBy, Long contextId) {
        }
        Instant now = clock.instant();
        List<Raw> raws = sql.query("SELECT r.id, r.reason, r.post_id, r.queued_post_id, "
                        + "COALESCE(p.thread_id, q.thread_id), t.title, t.slug, p.position, c.name, "
                        + "COALESCE(p.body_source, q.body_source), q.title, COALESCE(q.detail, ''), p.hidden_at, "
                        + "a.username, a.display_name, a.created_at, a.approved_posts, "
                        + "(SELECT COUNT(*) FROM sanctions s WHERE s.member_id = a.id), a.silenced_until, a.suspended_until, "
                        + "r.claimed_by, cm.username, r.claimed_at, r.created_at, p.body_html, p.hidden_by, "
                        + "COALESCE(p.reply_to_id, q.reply_to_id, (SELECT b.id FROM posts b WHERE b.thread_id = "
                        + "COALESCE(p.thread_id, q.thread_id) AND b.position < COALESCE(p.position, 2147483647) "
                        + "AND b.deleted_at IS NULL ORDER BY b.position DESC LIMIT 1)) "
                        + "FROM review_items r LEFT JOIN posts p ON p.id = r.post_id "
                        + "LEFT JOIN queued_posts q ON q.id = r.queued_post_id "
                        + "LEFT JOIN threads t ON t.id = COALESCE(p.thread_id, q.thread_id) "
                        + "JOIN categories c ON c.id = r.category_id JOIN members a ON a.id = r.author_id "
                        + "LEFT JOIN members cm ON cm.id = r.claimed_by " + where + " ORDER BY r.id LIMIT " + (size + 1),
                params, rs -> new Raw(rs.getLong(1), rs.getString(2), (Long) nullable(rs.getObject(3)),
                        (Long) nullable(rs.getObject(4)), (Long) nullable(rs.getObject(5)), rs.getString(6),
                        rs.getString(7), rs.getObject(8) == null ? null : rs.getInt(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getTimestamp(13) != null,
                        new AuthorContext(rs.getString(14), rs.getString(15), Sql.instant(rs, 16), rs.getInt(17),
                                rs.getLong(18), Sql.instant(rs, 19), Sql.instant(rs, 20)),
                        rs.getLong(21), rs.getString(22), Sql.instant(rs, 23), Sql.instant(rs, 24),
                        rs.getString(25), rs.getString(26), (Long) nullable(rs.getObject(27))));
        boolean more = raws.size() > size;
        List<Raw> shown = more ? raws.subList(0, size) : raws;
        Map<Long, Map<String, Integer>> flagCounts = new HashMap<>();
        Map<Long, List<Flagger>> flaggers = new HashMap<>();
        List<Long> postIds = shown.stream().map(Raw::postId).filter(java.util.Objects::nonNull).toList();
        if (!postIds.isEmpty()) {
            // Open flags only (a post flagged again after a decision starts over); each flagger's record in one
            // grouped subquery over (member_id, outcome).
            sql.query("SELECT f.post_id, f.reason, f.note, f.created_at, m.username, m.display_name, "
                    + "COALESCE(a.upheld, 0), COALESCE(a.rejected, 0) FROM flags f JOIN members m ON m.id = f.member_id "
                    + "LEFT JOIN (SELECT member_id, SUM(outcome = 'UPHELD') AS upheld, SUM(outcome = 'REJECTED') "
                    + "AS rejected FROM flags WHERE outcome IS NOT NULL AND member_id IN (SELECT member_id FROM flags "
                    + "WHERE post_id IN (" + Sql.placeholders(postIds.size()) + ")) GROUP BY member_id) a "
                    + "ON a.member_id = f.member_id WHERE f.outcome IS NULL AND f.post_id IN ("
                    + Sql.placeholders(postIds.size()) + ") ORDER BY f.id",
                    java.util.stream.Stream.concat(postIds.stream(), postIds.stream()).map(Object.class::cast).toList(),
                    rs -> {
                        flagCounts.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).merge(rs.getString(2), 1,
                                Integer::sum);
                        flaggers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Flagger(
                                rs.getString(5), rs.getString(6), rs.getString(2), rs.getString(3),
                                Sql.instant(rs, 4), rs.getLong(7), rs.getLong(8)));
                        return null;
                    });
        }
        Map<Long, Context> contexts = new HashMap<>();
        List<Long> contextIds = shown.stream().map(Raw::contextId).filter(java.util.Objects::nonNull).distinct().toList();
        if (!contextIds.isEmpty()) {
            sql.query("SELECT p.id, p.position, m.username, m.display_name, p.body_html, p.hidden_at, p.deleted_at "
                    + "FROM posts p JOIN members m ON m.id = p.author_id WHERE p.id IN ("
                    + Sql.placeholders(contextIds.size()) + ")", new ArrayList<>(contextIds), rs -> {
                        boolean gone = rs.getTimestamp(7) != null;
                        contexts.put(rs.getLong(1), new Context(rs.getInt(2), rs.getString(3), rs.getString(4),
                                gone ? "" : rs.getString(5)));
                        return null;
                    });
        }
        List<Item> items = shown.stream().map(r -> {
            boolean claimLive = r.claimedBy() != null && r.claimedAt() != null && r.claimedAt().plus(CLAIM).isAfter(now);
            String html = r.html() != null ? r.html() : rendered(r.body());
            return new Item(r.id(), r.reason(), r.postId() != null ? "POST" : "QUEUED", r.postId(), r.queuedId(),
                    r.threadId(), r.threadTitle(), r.threadSlug(), r.position(), r.category(), r.body(), html, r.title(),
                    r.detail(), r.postId() == null ? Map.of() : flagCounts.getOrDefault(r.postId(), Map.of()),
                    r.postId() == null ? List.of() : flaggers.getOrDefault(r.postId(), List.of()),
                    r.contextId() == null ? null : contexts.get(r.contextId()), r.hidden(),
                    r.hidden() ? (r.hiddenBy() == null ? "FLAGS" : r.hiddenBy()) : null, r.author(),
                    claimLive ? r.claimedBy() : null, claimLive && r.claimedById() == staff.memberId(), r.createdAt());
        }).toList();
        return new Page(items, more ? shown.get(shown.size() - 1).id() : null, openCount());
    }

    /** A held post as it would be published (the same renderer and sanitizer), or its text if it cannot render. */
    private String rendered(String source) {
        try {
            return content.render(source).html();
        } catch (io.ruche.platform.ProblemException tooComplex) {
            return "<pre>" + source.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</pre>";
        }
    }

    @jakarta.inject.Inject
    io.ruche.content.ContentService content;

    private static Object nullable(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    @Transactional(readOnly = true)
    public long openCount() {
        return sql.query("SELECT COUNT(*) FROM review_items WHERE status = 'OPEN'", List.of(), rs -> rs.getLong(1)).get(0);
    }

    // ---- acting on items ----------------------------------------------------------------------------------

    /** Claims an item for 30 minutes; refused while another moderator holds it. */
    @Transactional
    public void claim(Viewer staff, long itemId) {
        Instant now = clock.instant();
        int claimed = items.claim(itemId, staff.memberId(), now, now.minus(CLAIM));
        if (claimed == 0) {
            requireOpen(itemId);
            throw Problems.conflict("item", "problem.claimedByOther");
        }
    }

    @Transactional
    public void release(Viewer staff, long itemId) {
        items.release(itemId, staff.memberId());
    }

    /**
     * For held posts: APPROVE (publish), REJECT (with a reason sent to the author). For flagged posts: AGREE (hide
     * it; the flags were right), DISAGREE (keep it; flags cleared, counted as rejected), IGNORE (no decision; shown
     * again if only flags hid it). HIDE and APPROVE on a flagged post are AGREE and DISAGREE. DELETE and the
     * sanctions uphold the flags.
     */
    public enum Action { APPROVE, REJECT, AGREE, DISAGREE, IGNORE, HIDE, DELETE, WARN, SILENCE, SUSPEND }

    record Open(long id, Long postId, Long queuedId, long authorId, String authorName, long claimedBy,
                Instant claimedAt) {
    }

    private Open requireOpen(long itemId) {
        return sql.query("SELECT r.id, r.post_id, r.queued_post_id, r.author_id, m.username, r.claimed_by, r.claimed_at "
                        + "FROM review_items r JOIN members m ON m.id = r.author_id WHERE r.id = ? AND r.status = 'OPEN' "
                        + "FOR UPDATE", List.of(itemId),
                rs -> new Open(rs.getLong(1), (Long) nullable(rs.getObject(2)), (Long) nullable(rs.getObject(3)),
                        rs.getLong(4), rs.getString(5), rs.getLong(6), Sql.instant(rs, 7)))
                .stream().findFirst().orElseThrow(() -> Problems.notFound("reviewItem"));
    }

    /**
     * Acts on items (one or many): the same decision for each, recorded once per item. Sanctions apply to the author
     * and also resolve the item (the post is hidden for silence and suspension).
     */
    @Transactional
    public int act(Viewer staff, List<Long> itemIds, Action action, @Nullable String reason,
                   @Nullable Integer hours) {
        if (itemIds.isEmpty() || itemIds.size() > 100) {
            throw Problems.invalidField("ids", "validation.ids");
        }
        if ((action == Action.WARN || action == Action.SILENCE || action == Action.SUSPEND || action == Action.REJECT)
                && (reason == null || reason.isBlank())) {
            throw Problems.invalidField("reason", "validation.required");
        }
        if ((action == Action.SILENCE || action == Action.SUSPEND) && hours != null && (hours < 1 || hours > 24 * 3650)) {
            throw Problems.invalidField("hours", "validation.hours");
        }
        Instant now = clock.instant();
        int done = 0;
        for (Long itemId : itemIds) {
            Open item = requireOpen(itemId);
            if (item.claimedBy() != 0 && item.claimedBy() != staff.memberId() && item.claimedAt() != null
                    && item.claimedAt().plus(CLAIM).isAfter(now)) {
                throw Problems.conflict("item", "problem.claimedByOther");
            }
            Action decided = item.postId() != null && action == Action.APPROVE ? Action.DISAGREE
                    : item.postId() != null && action == Action.HIDE ? Action.AGREE : action;
            if (item.queuedId() != null && (decided == Action.AGREE || decided == Action.DISAGREE
                    || decided == Action.IGNORE)) {
                throw Problems.invalidField("action", "validation.reviewAction");
            }
            if (item.postId() != null && decided == Action.REJECT) {
                throw Problems.invalidField("action", "validation.reviewAction");
            }
            String resolution = decided.name();
            switch (decided) {
                case APPROVE -> approve(staff, item);
                case REJECT -> rejectWithReason(staff, item.queuedId(), reason.strip());
                case AGREE, HIDE -> {
                    hideOrReject(staff, item);
                    flagsEnd(item, "UPHELD");
                }
                case DISAGREE -> {
                    posts.setHidden(item.postId(), false, false);
                    posts.clearFlags(item.postId());
                    flagsEnd(item, "REJECTED");
                }
                case IGNORE -> {
                    posts.showIfHiddenByFlags(item.postId());
                    flagsEnd(item, "IGNORED");
                }
                case DELETE -> {
                    delete(staff, item);
                    flagsEnd(item, "UPHELD");
                }
                case WARN, SILENCE, SUSPEND -> {
                    flagsEnd(item, "UPHELD");
                    if (action != Action.WARN) {
                        hideOrReject(staff, item);
                    }
                    sanctions.apply(staff.memberId(), staff.isAdmin(), item.authorName(), switch (action) {
                        case WARN -> Sanctions.Kind.WARNING;
                        case SILENCE -> Sanctions.Kind.SILENCE;
                        default -> Sanctions.Kind.SUSPENSION;
                    }, reason, hours);
                }
            }
            items.resolve(itemId, staff.memberId(), resolution, now);
            outbox.publish(new ModerationEvents.ReviewDecided(itemId, item.postId(), item.queuedId(), decided.name(),
                    staff.memberId()));
            audit.record(staff.memberId(), "review." + decided.name().toLowerCase(java.util.Locale.ROOT),
                    item.postId() != null ? "post" : "queued", item.postId() != null ? item.postId() : item.queuedId(),
                    item.authorName(), "#" + itemId, reason);
            done++;
        }
        return done;
    }

    /** The held post as its author wrote it, locked until the decision commits. */
    private ThreadService.HeldPost held(long queuedId) {
        return sql.query("SELECT author_id, thread_id, category_id, title, tags, reply_to_id, body_source "
                        + "FROM queued_posts WHERE id = ? AND status = 'PENDING' FOR UPDATE", List.of(queuedId),
                rs -> {
                    String tags = rs.getString(5);
                    return new ThreadService.HeldPost(rs.getLong(1), (Long) nullable(rs.getObject(2)),
                            rs.getLong(3), rs.getString(4), tags == null || tags.isBlank() ? List.of()
                            : List.of(tags.split(",")), (Long) nullable(rs.getObject(6)), rs.getString(7));
                }).stream().findFirst().orElseThrow(() -> Problems.notFound("queuedPost"));
    }

    private void approve(Viewer staff, Open item) {
        if (item.queuedId() != null) {
            long postId = threads.publishHeld(held(item.queuedId()));
            queuedPosts.approve(item.queuedId(), staff.memberId(), postId, clock.instant());
        } else {
            posts.setHidden(item.postId(), false, false);
        }
    }

    private void hideOrReject(Viewer staff, Open item) {
        if (item.queuedId() != null) {
            reject(staff, item.queuedId());
        } else {
            posts.setHidden(item.postId(), true, true);
        }
    }

    /** The open flags on the item's post end with this outcome (the flaggers' accuracy counts it). */
    private void flagsEnd(Open item, String outcome) {
        if (item.postId() != null) {
            sql.update("UPDATE flags SET outcome = ? WHERE post_id = ? AND outcome IS NULL",
                    List.of(outcome, item.postId()));
        }
    }

    private void rejectWithReason(Viewer staff, long queuedId, String reason) {
        reject(staff, queuedId);
        sql.update("UPDATE queued_posts SET reject_reason = ? WHERE id = ?",
                List.of(reason.length() > 500 ? reason.substring(0, 500) : reason, queuedId));
    }

    private void delete(Viewer staff, Open item) {
        if (item.queuedId() != null) {
            reject(staff, item.queuedId());
        } else {
            posts.delete(staff, item.postId());
        }
    }

    private void reject(Viewer staff, long queuedId) {
        queuedPosts.reject(queuedId, staff.memberId(), clock.instant());
    }

    /** A moderator corrects a post from the queue (a queued post before it is approved, or a published one). */
    @Transactional
    public void edit(Viewer staff, long itemId, String body) {
        Open item = requireOpen(itemId);
        if (item.queuedId() != null) {
            queuedPosts.rewrite(item.queuedId(), body);
        } else {
            posts.edit(staff, item.postId(), new ForumRequests.EditPost(body));
        }
        audit.record(staff.memberId(), "review.edit", item.postId() != null ? "post" : "queued",
                item.postId() != null ? item.postId() : item.queuedId(), "item " + itemId, null);
    }

    /** The member's own posts that wait for review, shown to them as "awaiting review". */
    @Serdeable
    public record Pending(long id, @Nullable Long threadId, @Nullable String title, String body, String reason,
                          Instant createdAt) {
    }

    @Transactional(readOnly = true)
    public List<Pending> pendingOf(long memberId, @Nullable Long threadId) {
        return sql.query("SELECT id, thread_id, title, body_source, reason, created_at FROM queued_posts "
                        + "WHERE author_id = ? AND status = 'PENDING'" + (threadId == null ? "" : " AND thread_id = "
                        + threadId) + " ORDER BY id LIMIT 20", List.of(memberId),
                rs -> new Pending(rs.getLong(1), (Long) nullable(rs.getObject(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), Sql.instant(rs, 6)));
    }
}
