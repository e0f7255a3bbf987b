package io.ruche.forum;

import io.ruche.accounts.Role;
import io.ruche.accounts.Viewer;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.content.ContentService;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import io.ruche.platform.db.RetryOnConflict;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Posts: edits with their history, soft deletion, reactions, and the composer's preview. */
@Singleton
public class PostService {

    private final CategoryAccess access;
    private final ThreadRepository threads;
    private final PostRepository posts;
    private final PostQueries postQueries;
    private final ContentService content;
    private final Oneboxes oneboxes;
    private final ForumActivity activity;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final int reactionsPerMinute;
    private final int previewsPerMinute;
    private final io.ruche.platform.events.Outbox outbox;
    private final io.ruche.platform.Sql sql;
    private final StaffActionLog auditLog;
    private final PublishingPolicy publishing;

    public PostService(CategoryAccess access, ThreadRepository threads,
                       PostRepository posts, PostQueries postQueries, ContentService content, Oneboxes oneboxes, ForumActivity activity,
                       RateLimiter rateLimiter, Clock clock, io.ruche.platform.events.Outbox outbox, io.ruche.platform.Sql sql,
                       StaffActionLog auditLog, PublishingPolicy publishing,
                       @Value("${ruche.rate-limits.reactions-per-minute:120}") int reactionsPerMinute,
                       @Value("${ruche.rate-limits.previews-per-minute:60}") int previewsPerMinute) {
        this.previewsPerMinute = previewsPerMinute;
        this.outbox = outbox;
        this.sql = sql;
        this.auditLog = auditLog;
        this.publishing = publishing;
        this.reactionsPerMinute = reactionsPerMinute;
        this.access = access;
        this.threads = threads;
        this.posts = posts;
        this.postQueries = postQueries;
        this.content = content;
        this.oneboxes = oneboxes;
        this.activity = activity;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    /** A post the viewer can see, with its thread and the viewer's rights on both; 404 for posts they cannot see. */
    private record Located(Post post, Thread thread, CategoryAccess.Catalog catalog, PostAccess.Subject subject,
                           ThreadAccess.Rights threadRights) {
    }

    private Located locate(Viewer viewer, long postId) {
        Post post = posts.findById(postId).orElseThrow(() -> Problems.notFound("post"));
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        Thread thread = threads.findById(post.threadId()).orElseThrow(() -> Problems.notFound("post"));
        Category category = catalog.visible().get(thread.categoryId());
        if (category == null) {
            throw Problems.notFound("post");
        }
        record State(Role role, boolean hidden, boolean wiki, int viewerTrust) {
        }
        // The viewer's trust level comes with the post's state (level 2 edits wikis, level 3 makes its own).
        State state = sql.query("SELECT m.role, p.hidden_at, p.wiki, "
                + "COALESCE((SELECT v.trust_level FROM members v WHERE v.id = ?), 0) "
                + "FROM posts p JOIN members m ON m.id = p.author_id WHERE p.id = ?",
                java.util.Arrays.asList(viewer.memberId(), postId), rs -> new State(Role.valueOf(rs.getString(1)),
                rs.getTimestamp(2) != null, rs.getBoolean(3), rs.getInt(4))).get(0);
        return new Located(post, thread, catalog,
                new PostAccess.Subject(post.authorId(), state.role(), post.isDeleted(), state.hidden(), state.wiki()),
                ThreadAccess.of(viewer, catalog, ThreadAccess.Subject.of(thread, category), state.viewerTrust()));
    }

    /**
     * The author or staff edits a post, or a member from trust level 2 a wiki post; the text it replaces is kept as a
     * revision. The post's row is locked first, so two wiki editors at once each keep the other's text as a revision
     * instead of one edit silently overwriting the other's history.
     */
    @RetryOnConflict
    @Transactional
    public ForumViews.PostView edit(Viewer viewer, long postId, ForumRequests.EditPost request) {
        viewer.requireMember();
        lockForUpdate(postId);
        Located at = locate(viewer, postId);
        PostAccess.requireEdit(viewer, at.subject(), at.threadRights());
        if (!at.post().bodySource().equals(request.body())) {
            ContentService.Rendered body = oneboxes.render(request.body());
            posts.addRevision(postId, viewer.memberId(), at.post().bodySource(), clock.instant());
            posts.updateBody(postId, request.body(), body.html(), clock.instant());
            if (at.post().authorId() != viewer.memberId() && viewer.isStaff()) {
                auditLog.record(viewer.memberId(), "post.edit", "post", postId, "in thread " + at.thread().id(), null);
            }
            activity.recordMentions(postId, body.mentionedMemberIds());
            outbox.publish(new ForumEvents.PostEdited(postId, at.thread().id(), viewer.memberId()));
        }
        return postQueries.views(viewer, postQueries.byId(postId), at.thread().acceptedPostId(), at.threadRights())
                .get(0);
    }

    /** Staff make any post a wiki (or stop it being one); a member at trust level 3 their own posts. */
    @RetryOnConflict
    @Transactional
    public ForumViews.PostView setWiki(Viewer viewer, long postId, boolean wiki) {
        viewer.requireMember();
        lockForUpdate(postId);
        Located at = locate(viewer, postId);
        PostAccess.requireWiki(viewer, at.subject(), at.threadRights());
        if (at.subject().wiki() != wiki) {
            sql.update("UPDATE posts SET wiki = ? WHERE id = ?", List.of(wiki, postId));
            outbox.publish(new ForumEvents.ThreadChanged(at.thread().id()));
            if (at.post().authorId() != viewer.memberId()) {
                auditLog.record(viewer.memberId(), wiki ? "post.wiki" : "post.unwiki", "post", postId,
                        "in thread " + at.thread().id(), null);
            }
        }
        return postQueries.views(viewer, postQueries.byId(postId), at.thread().acceptedPostId(), at.threadRights())
                .get(0);
    }

    /** Soft delete by the author or staff: the post leaves a placeholder and its history stays. */
    @RetryOnConflict
    @Transactional
    public void delete(Viewer viewer, long postId) {
        viewer.requireMember();
        Located at = locate(viewer, postId);
        PostAccess.requireDelete(viewer, at.subject(), at.threadRights());
        posts.softDelete(postId, clock.instant(), viewer.memberId());
        if (at.post().authorId() != viewer.memberId()) {
            auditLog.record(viewer.memberId(), "post.delete", "post", postId, "in thread " + at.thread().id(), null);
        }
        outbox.publish(new ForumEvents.PostDeleted(postId, at.thread().id(), viewer.memberId()));
        if (at.thread().acceptedPostId() != null && at.thread().acceptedPostId() == postId) {
            threads.setAccepted(at.thread().id(), null);
            outbox.publish(new ForumEvents.AnswerAccepted(at.thread().id(), null, viewer.memberId()));
        }
    }

    /** What other features need to know of a post to react to an event about it (badges, analytics). */
    public record PostFacts(long postId, long threadId, long authorId, int position, long threadAuthorId,
                            long threadFirstPostId, long categoryId, boolean deleted) {
        public boolean isFirstPost() {
            return position == 1;
        }
    }

    /** The facts of a post as they are now (empty when it no longer exists: merged away, or its thread deleted). */
    @Transactional(readOnly = true)
    public java.util.Optional<PostFacts> facts(long postId) {
        return sql.query("SELECT p.id, p.thread_id, p.author_id, p.position, t.author_id, "
                        + "(SELECT f.id FROM posts f WHERE f.thread_id = t.id AND f.position = 1), t.category_id, "
                        + "p.deleted_at FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = ?", List.of(postId),
                rs -> new PostFacts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getTimestamp(8) != null)).stream().findFirst();
    }

    /** Where a flag lands: the post's author and category. */
    public record FlagTarget(long authorId, long categoryId, boolean hidden) {
    }

    /** A member may flag a post they can see, not their own, not a deleted one ({@link PostAccess#requireFlag}). */
    @Transactional(readOnly = true)
    public FlagTarget requireFlaggable(Viewer viewer, long postId) {
        Located at = locate(viewer, postId);
        PostAccess.requireFlag(viewer, at.subject());
        return new FlagTarget(at.post().authorId(), at.thread().categoryId(), at.subject().hidden());
    }

    /**
     * Takes the post's row lock, first in a transaction that counts on the post (a flag): writers of one post queue
     * here instead of deadlocking on a shared lock taken by a foreign key and then upgraded.
     */
    public void lockForUpdate(long postId) {
        sql.query("SELECT id FROM posts WHERE id = ? FOR UPDATE", List.of(postId), rs -> 1);
    }

    /** One more member flagged the post. */
    public void countFlag(long postId) {
        sql.update("UPDATE posts SET flag_count = flag_count + 1 WHERE id = ?", List.of(postId));
    }

    /**
     * Hides a post (by flags until reviewed, or by a moderator's decision: {@code byStaff}) or shows it again.
     * Members read which of the two it is.
     */
    @Transactional
    public void setHidden(long postId, boolean hidden, boolean byStaff) {
        if (hidden) {
            sql.update("UPDATE posts SET hidden_at = COALESCE(hidden_at, ?), hidden_by = ? WHERE id = ?",
                    List.of(clock.instant(), byStaff ? "STAFF" : "FLAGS", postId));
        } else {
            sql.update("UPDATE posts SET hidden_at = NULL, hidden_by = NULL WHERE id = ?", List.of(postId));
        }
        outbox.publish(new ForumEvents.PostHidden(postId, hidden));
    }

    /** Shows a post again if only flags hid it (moderators looked and made no decision). */
    @Transactional
    public void showIfHiddenByFlags(long postId) {
        if (sql.update("UPDATE posts SET hidden_at = NULL, hidden_by = NULL WHERE id = ? AND hidden_by = 'FLAGS'",
                List.of(postId)) > 0) {
            outbox.publish(new ForumEvents.PostHidden(postId, false));
        }
    }

    /** Moderators disagreed with the flags: the post's count starts again from zero. */
    public void clearFlags(long postId) {
        sql.update("UPDATE posts SET flag_count = 0 WHERE id = ?", List.of(postId));
    }

    @Transactional(readOnly = true)
    public List<ForumViews.Revision> revisions(Viewer viewer, long postId) {
        Located at = locate(viewer, postId);
        // What moderators took out of sight stays out of sight, earlier versions included.
        PostAccess.requireReadHistory(viewer, at.subject(), at.threadRights());
        return posts.revisions(postId).stream().map(r -> new ForumViews.Revision(r.id(), r.bodySource(),
                r.createdAt(), ForumViews.MemberRef.of(r.editorUsername(), r.editorDisplayName(), null))).toList();
    }

    /** One reaction of each kind per member per post; not on one's own posts. Idempotent. */
    @RetryOnConflict
    @Transactional
    public List<ForumViews.ReactionView> react(Viewer viewer, long postId, String kind, boolean add) {
        viewer.requireMember();
        if (!PostQueries.REACTION_KINDS.contains(kind)) {
            throw Problems.notFound("reaction");
        }
        Located at = locate(viewer, postId);
        PostAccess.requireReact(viewer, at.subject(), at.threadRights());
        publishing.requireNotSilenced(viewer);
        rateLimiter.hit("react:" + viewer.memberId(), reactionsPerMinute, Duration.ofMinutes(1));
        // Lock order thread -> post, as replies take them: the rows whose counters change are locked exclusively
        // before the reaction's foreign key takes the post shared, so fifty members liking one post queue up
        // instead of deadlocking on the shared-then-exclusive upgrade.
        threads.findForUpdate(at.thread().id());
        sql.query("SELECT id FROM posts WHERE id = ? FOR UPDATE", List.of(postId), rs -> 1);
        int changed = add ? posts.addReaction(postId, viewer.memberId(), kind, clock.instant())
                : posts.removeReaction(postId, viewer.memberId(), kind);
        if (changed > 0) {
            int delta = add ? 1 : -1;
            posts.adjustReactionCount(postId, kind, delta);
            posts.adjustReactions(postId, delta);
            threads.adjustReactions(at.thread().id(), delta);
            outbox.publish(add ? new ForumEvents.ReactionAdded(postId, viewer.memberId(), kind)
                    : new ForumEvents.ReactionRemoved(postId, viewer.memberId(), kind));
        }
        return postQueries.views(viewer, postQueries.byId(postId), null, at.threadRights()).get(0).reactions();
    }

    /** Who reacted to a post, by kind. */
    @Transactional(readOnly = true)
    public List<ForumViews.Reactors> reactors(Viewer viewer, long postId) {
        locate(viewer, postId);
        Map<String, List<ForumViews.MemberRef>> byKind = new LinkedHashMap<>();
        for (PostRepository.ReactorRow row : posts.reactors(postId)) {
            byKind.computeIfAbsent(row.kind(), k -> new ArrayList<>())
                    .add(ForumViews.MemberRef.of(row.username(), row.displayName(), null));
        }
        return byKind.entrySet().stream()
                .map(e -> new ForumViews.Reactors(e.getKey(), e.getValue().size(), e.getValue())).toList();
    }

    /** The HTML a draft will become, rendered exactly as on posting. */
    public ForumViews.Preview preview(Viewer viewer, ForumRequests.Preview request) {
        rateLimiter.hit("preview:" + viewer.memberId(), previewsPerMinute, Duration.ofMinutes(1));
        return new ForumViews.Preview(oneboxes.render(request.body()).html());
    }
}
