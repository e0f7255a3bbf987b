package io.ruche.forum;

import io.ruche.accounts.Viewer;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.content.ContentService;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import io.ruche.platform.db.RetryOnConflict;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Threads: reading lists and pages, starting, replying, moderating, answers and follows. */
@Singleton
public class ThreadService {

    private final CategoryAccess access;
    private final ThreadRepository threads;
    private final PostRepository posts;
    private final CategoryRepository categories;
    private final ThreadQueries threadQueries;
    private final PostQueries postQueries;
    private final ContentService content;
    private final Oneboxes oneboxes;
    private final TagService tags;
    private final ForumActivity activity;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final int postsPerTenMinutes;
    private final io.ruche.platform.events.Outbox outbox;
    private final AccountService accounts;
    private final ReaderSignals readers;
    private final PublishingPolicy publishing;
    private final io.ruche.platform.Sql sql;
    private final StaffActionLog auditLog;

    public ThreadService(CategoryAccess access, ThreadRepository threads, PostRepository posts,
                         CategoryRepository categories, ThreadQueries threadQueries, PostQueries postQueries,
                         ContentService content, Oneboxes oneboxes, TagService tags, ForumActivity activity,
                         RateLimiter rateLimiter, Clock clock, io.ruche.platform.events.Outbox outbox, AccountService accounts, ReaderSignals readers,
                         PublishingPolicy publishing, io.ruche.platform.Sql sql,
                         StaffActionLog auditLog,
                         @Value("${ruche.rate-limits.posts-per-10-minutes:30}") int postsPerTenMinutes) {
        this.sql = sql;
        this.auditLog = auditLog;
        this.publishing = publishing;
        this.outbox = outbox;
        this.accounts = accounts;
        this.readers = readers;
        this.postsPerTenMinutes = postsPerTenMinutes;
        this.access = access;
        this.threads = threads;
        this.posts = posts;
        this.categories = categories;
        this.threadQueries = threadQueries;
        this.postQueries = postQueries;
        this.content = content;
        this.oneboxes = oneboxes;
        this.tags = tags;
        this.activity = activity;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    /** Latest threads across every category the viewer can see, or under one tag. */
    @Transactional(readOnly = true)
    public ForumViews.ThreadPage latest(Viewer viewer, @Nullable String tag, @Nullable String after, int limit) {
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        Long tagId = null;
        if (tag != null && !tag.isBlank()) {
            tagId = tags.idOf(tag);
            if (tagId == null) {
                throw Problems.notFound("tag");
            }
        }
        return threadQueries.list(viewer, catalog, catalog.visibleIds(), tagId, ThreadQueries.Sort.LATEST, after,
                limit, true);
    }

    /** A category's threads (its sub-categories' included). */
    @Transactional(readOnly = true)
    public ForumViews.ThreadPage inCategory(Viewer viewer, String slug, ThreadQueries.Sort sort,
                                            @Nullable String after, int limit) {
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        Category category = catalog.requireBySlug(slug);
        List<Long> ids = new ArrayList<>();
        ids.add(category.id());
        catalog.visible().values().stream().filter(c -> category.id().equals(c.parentId()))
                .forEach(c -> ids.add(c.id()));
        return threadQueries.list(viewer, catalog, ids, null, sort, after, limit, false);
    }

    /** A thread and one page of its posts; marks them read for a member (the view is counted by the page). */
    @Transactional
    public ForumViews.ThreadDetail detail(Viewer viewer, long threadId, int afterPosition, int limit) {
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        ThreadQueries.Row thread = threadQueries.thread(threadId).orElseThrow(() -> Problems.notFound("thread"));
        Category category = catalog.requireForThread(thread.categoryId());
        int size = Math.max(1, Math.min(limit, 100));
        List<PostQueries.Row> page = postQueries.page(threadId, Math.max(0, afterPosition), size + 1);
        boolean more = page.size() > size;
        List<PostQueries.Row> shown = more ? page.subList(0, size) : page;

        ThreadAccess.Rights rights = ThreadAccess.of(viewer, catalog, ThreadAccess.Subject.of(thread, category),
                trust(viewer));
        List<PostQueries.Row> all = new ArrayList<>(shown);
        PostQueries.Row acceptedRow = null;
        if (thread.acceptedPostId() != null) {
            acceptedRow = shown.stream().filter(p -> p.id() == thread.acceptedPostId()).findFirst()
                    .orElseGet(() -> postQueries.byId(thread.acceptedPostId()).stream().findFirst().orElse(null));
            if (acceptedRow != null && !shown.contains(acceptedRow)) {
                all.add(acceptedRow);
            }
        }
        List<ForumViews.PostView> postViews = postQueries.views(viewer, all, thread.acceptedPostId(), rights);
        ForumViews.PostView accepted = acceptedRow == null ? null
                : postViews.stream().filter(p -> p.accepted()).findFirst().orElse(null);
        List<ForumViews.PostView> pagePosts = postViews.subList(0, shown.size());

        String following = null;
        int lastRead = 0;
        if (viewer.isMember()) {
            following = activity.followLevel(threadId, viewer.memberId());
            lastRead = activity.readPosition(threadId, viewer.memberId()).orElse(0);
            if (!shown.isEmpty()) {
                activity.markRead(threadId, viewer.memberId(), shown.get(shown.size() - 1).position(), clock.instant());
                readers.threadRead(viewer.memberId(), threadId);
            }
        }
        ForumViews.ThreadSummary summary = threadQueries.summaries(viewer, catalog, List.of(thread)).get(0);
        String description = shown.isEmpty() || shown.get(0).position() != 1 || shown.get(0).deletedAt() != null
                ? thread.title() : content.excerpt(shown.get(0).html(), 160);
        return new ForumViews.ThreadDetail(summary, description, rights.reply(), rights.editTitle(), rights.moderate(),
                rights.accept(), following, accepted, pagePosts, more ? shown.get(shown.size() - 1).position() : null, lastRead,
                thread.staffNote(), thread.slowModeSeconds(), notes.between(catalog, threadId,
                        afterPosition <= 0 ? -1 : afterPosition, more ? shown.get(shown.size() - 1).position() : null));
    }

    /**
     * A member's own part of one page of a thread (positions after {@code afterPosition}), without the posts'
     * bodies: their rights on the thread and on each post, their reactions, follow level and read position. Reading
     * it marks the page read, as reading the whole page does.
     */
    @Transactional
    public ForumViews.ThreadViewerPart viewerPart(Viewer viewer, long threadId, int afterPosition, int limit) {
        viewer.requireMember();
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        ThreadQueries.Row thread = threadQueries.thread(threadId).orElseThrow(() -> Problems.notFound("thread"));
        Category category = catalog.requireForThread(thread.categoryId());
        ThreadAccess.Rights rights = ThreadAccess.of(viewer, catalog, ThreadAccess.Subject.of(thread, category),
                trust(viewer));
        int size = Math.max(1, Math.min(limit, 100));
        record Light(long id, int position, long authorId, io.ruche.accounts.Role role, boolean deleted, boolean hidden,
                     boolean wiki) {
        }
        List<Light> rows = new ArrayList<>(sql.query("SELECT p.id, p.position, p.author_id, m.role, p.deleted_at, "
                        + "p.hidden_at, p.wiki FROM posts p JOIN members m ON m.id = p.author_id WHERE p.thread_id = ? "
                        + "AND p.position > ? ORDER BY p.position LIMIT ?", List.of(threadId, Math.max(0, afterPosition), size),
                rs -> new Light(rs.getLong(1), rs.getInt(2), rs.getLong(3),
                        io.ruche.accounts.Role.valueOf(rs.getString(4)), rs.getTimestamp(5) != null,
                        rs.getTimestamp(6) != null, rs.getBoolean(7))));
        List<Long> ids = new ArrayList<>(rows.stream().map(Light::id).toList());
        if (thread.acceptedPostId() != null && !ids.contains(thread.acceptedPostId())) {
            sql.query("SELECT p.id, p.position, p.author_id, m.role, p.deleted_at, p.hidden_at, p.wiki FROM posts p "
                            + "JOIN members m ON m.id = p.author_id WHERE p.id = ?", List.of(thread.acceptedPostId()),
                    rs -> new Light(rs.getLong(1), rs.getInt(2), rs.getLong(3),
                            io.ruche.accounts.Role.valueOf(rs.getString(4)), rs.getTimestamp(5) != null,
                            rs.getTimestamp(6) != null, rs.getBoolean(7))).forEach(rows::add);
            ids.add(thread.acceptedPostId());
        }
        java.util.Map<Long, List<String>> mine = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            List<Object> params = new ArrayList<>();
            params.add(viewer.memberId());
            params.addAll(ids);
            sql.query("SELECT post_id, kind FROM reactions WHERE member_id = ? AND post_id IN ("
                    + io.ruche.platform.Sql.placeholders(ids.size()) + ")", params,
                    rs -> mine.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)));
        }
        List<ForumViews.PostViewerPart> posts = rows.stream().map(r -> {
            PostAccess.Rights post = PostAccess.of(viewer,
                    new PostAccess.Subject(r.authorId(), r.role(), r.deleted(), r.hidden(), r.wiki()), rights);
            return new ForumViews.PostViewerPart(r.id(), post.edit(), post.delete(), post.react(), post.flag(),
                    post.wiki(), mine.getOrDefault(r.id(), List.of()));
        }).toList();
        String following = activity.followLevel(threadId, viewer.memberId());
        int lastRead = activity.readPosition(threadId, viewer.memberId()).orElse(0);
        // Only a page beyond what they had read writes anything: reading again is reads only.
        rows.stream().filter(r -> r.position() > Math.max(0, afterPosition)).mapToInt(Light::position).max()
                .ifPresent(last -> {
                    if (last > lastRead) {
                        activity.markRead(threadId, viewer.memberId(), last, clock.instant());
                        readers.threadRead(viewer.memberId(), threadId);
                    }
                });
        return new ForumViews.ThreadViewerPart(threadId, rights.reply(), rights.editTitle(), rights.moderate(),
                rights.accept(), following, lastRead, posts);
    }

    /** The position of a thread's last post (pages are counted by position: a split leaves gaps). */
    @Transactional(readOnly = true)
    public int lastPosition(long threadId) {
        return sql.query("SELECT COALESCE(MAX(position), 0) FROM posts WHERE thread_id = ?", List.of(threadId),
                rs -> rs.getInt(1)).get(0);
    }

    /** What a guest would see at the top of a thread (no view counted): for page titles and link previews. */
    @Transactional(readOnly = true)
    public ForumViews.ThreadDetail headline(long threadId) {
        CategoryAccess.Catalog catalog = access.catalog(Viewer.GUEST);
        ThreadQueries.Row thread = threadQueries.thread(threadId).orElseThrow(() -> Problems.notFound("thread"));
        catalog.requireForThread(thread.categoryId());
        List<PostQueries.Row> first = postQueries.page(threadId, 0, 1);
        String description = first.isEmpty() || first.get(0).deletedAt() != null ? thread.title()
                : content.excerpt(first.get(0).html(), 160);
        return new ForumViews.ThreadDetail(threadQueries.summaries(Viewer.GUEST, catalog, List.of(thread)).get(0),
                description, false, false, false, false, null, null, List.of(), null, 0, null, 0, List.of());
    }

    /** A member starts a thread: the thread, its first post, tags, counters and the author's follow, at once. */
    @RetryOnConflict
    @Transactional
    public Outcome create(Viewer viewer, ForumRequests.CreateThread request) {
        viewer.requireMember();
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        Category category = catalog.require(request.categoryId());
        if (!catalog.canStart(category.id())) {
            throw Problems.forbidden("problem.cannotStart");
        }
        accounts.requireMayPost(viewer.memberId());
        rateLimiter.hit("post:" + viewer.memberId(), postsPerTenMinutes, Duration.ofMinutes(10));
        List<String> tagNames = tags.normalise(request.tags());
        PublishingPolicy.Screening screening = publishing.screen(viewer, category, null, request.title().strip(),
                request.body());
        if (screening.held()) {
            long queued = publishing.hold(viewer.memberId(), category.id(), null, screening.title(), tagNames, null,
                    screening.body(), screening.holdReason(), screening.holdDetail());
            return Outcome.held(queued, screening.holdReason());
        }
        long threadId = writeThread(viewer.memberId(), category, screening.title(), screening.body(), tagNames);
        afterPublish(viewer.memberId(), threadId, category.id(), screening);
        return Outcome.thread(threadId);
    }

    /** What became of a new thread or reply: published, or held for review (the author sees it waiting). */
    public record Outcome(@Nullable Long threadId, @Nullable ForumViews.PostView post, @Nullable Long queuedId,
                          @Nullable String heldBecause) {
        static Outcome thread(long id) {
            return new Outcome(id, null, null, null);
        }

        static Outcome held(long queuedId, String reason) {
            return new Outcome(null, null, queuedId, reason);
        }
    }

    private long writeThread(long authorId, Category category, String title, String source, List<String> tagNames) {
        ContentService.Rendered body = oneboxes.render(source); // before any lock: rendering is the slow part
        Instant now = clock.instant();
        lockAuthor(authorId);
        // Lock order author -> category: the category row is taken exclusively here, before the new thread's
        // foreign key would take it shared and the counter update then ask for it exclusive (a deadlock between two
        // members starting threads in one category).
        categories.lockForUpdate(category.id());
        publishing.published(authorId);
        Thread thread = threads.save(Thread.open(category.id(), authorId, title, Slugs.of(title, "thread"), now));
        Post first = posts.save(Post.write(thread.id(), authorId, 1, null, source, body.html(), now));
        threads.setLastPost(thread.id(), first.id());
        activity.recordMentions(first.id(), body.mentionedMemberIds());
        tags.tagThread(thread.id(), tagNames);
        activity.followIfNoChoice(thread.id(), authorId, now);
        categories.recordActivity(category.id(), 1, 1, thread.id(), now);
        outbox.publish(new ForumEvents.ThreadCreated(thread.id(), first.id(), authorId, category.id()));
        return thread.id();
    }

    /** What follows a published post: a watched word's flag sends it to the review queue. */
    private void afterPublish(long authorId, long threadId, long categoryId, PublishingPolicy.Screening screening) {
        if (screening.flag()) {
            long postId = sql.query("SELECT MAX(id) FROM posts WHERE thread_id = ? AND author_id = ?",
                    List.of(threadId, authorId), rs -> rs.getLong(1)).get(0);
            publishing.flagForReview(postId, categoryId, authorId, screening.flagDetail());
        }
    }

    /**
     * A member replies; positions are taken in order under the thread's row lock. Everything that needs no lock
     * (access, screening, rendering the Markdown) happens before the lock is taken, so writers to a busy thread
     * hold it for a few statements only.
     */
    @RetryOnConflict
    @Transactional
    public Outcome reply(Viewer viewer, long threadId, ForumRequests.Reply request) {
        viewer.requireMember();
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        Thread unlocked = threads.findById(threadId).orElseThrow(() -> Problems.notFound("thread"));
        Category category = catalog.requireForThread(unlocked.categoryId());
        ThreadAccess.requireReply(viewer, catalog, ThreadAccess.Subject.of(unlocked, category));
        accounts.requireMayPost(viewer.memberId());
        if (request.replyTo() != null) {
            Post target = posts.findById(request.replyTo()).orElse(null);
            if (target == null || target.threadId() != threadId) {
                throw Problems.invalidField("replyTo", "validation.replyTo");
            }
        }
        rateLimiter.hit("post:" + viewer.memberId(), postsPerTenMinutes, Duration.ofMinutes(10));
        PublishingPolicy.Screening screening = publishing.screen(viewer, category, unlocked, null, request.body());
        if (screening.held()) {
            long queued = publishing.hold(viewer.memberId(), category.id(), threadId, null, List.of(), request.replyTo(),
                    screening.body(), screening.holdReason(), screening.holdDetail());
            return Outcome.held(queued, screening.holdReason());
        }
        ContentService.Rendered body = oneboxes.render(screening.body());
        Thread thread = threads.findForUpdate(threadId).orElseThrow(() -> Problems.notFound("thread"));
        if (thread.categoryId() != unlocked.categoryId()) {
            throw Problems.notFound("thread"); // moved meanwhile: the member may not see where it went
        }
        ThreadAccess.Subject locked = ThreadAccess.Subject.of(thread, category);
        ThreadAccess.requireWrite(viewer, locked); // locked or archived while the reply was being prepared
        Post post = writeReply(viewer.memberId(), thread, category.id(), request.replyTo(), screening.body(), body);
        afterPublish(viewer.memberId(), threadId, category.id(), screening);
        return new Outcome(threadId, postQueries.views(viewer, postQueries.byId(post.id()), thread.acceptedPostId(),
                ThreadAccess.of(viewer, catalog, locked)).get(0), null, null);
    }

    /**
     * The author's row, locked exclusively before the post's foreign key takes it shared: two posts by one member
     * at the same moment (their standing is counted on that row) queue instead of deadlocking.
     */
    private void lockAuthor(long authorId) {
        sql.query("SELECT id FROM members WHERE id = ? FOR UPDATE", List.of(authorId), rs -> 1);
    }

    /** Lock order: thread (held by the caller), author, last post of the thread, category last and briefly. */
    private Post writeReply(long authorId, Thread thread, long categoryId, @Nullable Long replyTo, String source,
                            ContentService.Rendered body) {
        long threadId = thread.id();
        Instant now = clock.instant();
        lockAuthor(authorId);
        boolean newParticipant = !threads.hasPostBy(threadId, authorId);
        // The next free position (a split can leave gaps, so the count is not enough). The caller holds the thread
        // row lock, so writers take positions one after the other; the locking read sees the latest committed post
        // rather than the transaction's first snapshot, and touches only the thread's last index entry.
        int position = sql.query("SELECT position FROM posts WHERE thread_id = ? ORDER BY position DESC LIMIT 1 "
                + "FOR UPDATE", List.of(threadId), rs -> rs.getInt(1)).stream().findFirst().orElse(0) + 1;
        Post post = posts.save(Post.write(threadId, authorId, position, replyTo, source, body.html(), now));
        activity.recordMentions(post.id(), body.mentionedMemberIds());
        activity.followIfNoChoice(threadId, authorId, now);
        activity.markRead(threadId, authorId, post.position(), now);
        outbox.publish(new ForumEvents.PostPublished(post.id(), threadId, authorId, categoryId, post.position()));
        publishing.published(authorId);
        // Every reply of the category passes through its row, so it is taken last and held until the commit right
        // after. It is locked before the thread's last_post_at changes: that column sits in the index the
        // thread->category foreign key uses, so the update checks the key and would take the category row shared
        // first (two replies in one category would then deadlock on their shared-to-exclusive upgrade).
        categories.lockForUpdate(categoryId);
        threads.recordReply(threadId, post.id(), authorId, newParticipant ? 1 : 0, now);
        categories.recordActivity(categoryId, 0, 1, threadId, now);
        return post;
    }

    /** A post held for review, as its author wrote it (moderation keeps it until a decision). */
    public record HeldPost(long authorId, @Nullable Long threadId, long categoryId, @Nullable String title,
                           List<String> tags, @Nullable Long replyTo, String body) {
    }

    /** A moderator approved a held post: it is published now, as its author wrote it. Returns the post id. */
    @RetryOnConflict
    @Transactional
    public long publishHeld(HeldPost held) {
        if (held.threadId() == null) {
            Category category = categoriesRepo(held.categoryId());
            long threadId = writeThread(held.authorId(), category, held.title(), held.body(), held.tags());
            return sql.query("SELECT id FROM posts WHERE thread_id = ? AND position = 1", List.of(threadId),
                    rs -> rs.getLong(1)).get(0);
        }
        ContentService.Rendered body = oneboxes.render(held.body());
        Thread thread = threads.findForUpdate(held.threadId()).orElseThrow(() -> Problems.notFound("thread"));
        Long replyTo = held.replyTo() != null && posts.findById(held.replyTo()).isPresent() ? held.replyTo() : null;
        return writeReply(held.authorId(), thread, held.categoryId(), replyTo, held.body(), body).id();
    }

    private Category categoriesRepo(long categoryId) {
        return categories.findById(categoryId).orElseThrow(() -> Problems.notFound("category"));
    }

    public List<Long> visibleCategoryIds(Viewer viewer) {
        return access.catalog(viewer).visibleIds();
    }

    /** Staff pin, lock, archive and move; the author (or staff) may retitle. */
    @RetryOnConflict
    @Transactional
    public void update(Viewer viewer, long threadId, ForumRequests.UpdateThread request) {
        viewer.requireMember();
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        Thread thread = threads.findForUpdate(threadId).orElseThrow(() -> Problems.notFound("thread"));
        Category current = catalog.requireForThread(thread.categoryId());
        boolean staffChange = request.pinned() != null || request.pinnedGlobally() != null || request.locked() != null
                || request.archived() != null || request.categoryId() != null;
        boolean isAuthor = viewer.is(thread.authorId());
        if (staffChange) {
            ThreadAccess.requireModerate(viewer);
        }
        if (request.title() != null) {
            ThreadAccess.requireEditTitle(viewer, catalog, ThreadAccess.Subject.of(thread, current),
                    isAuthor ? 0 : trust(viewer));
        }
        long categoryId = thread.categoryId();
        if (request.categoryId() != null && request.categoryId() != categoryId) {
            categoryId = catalog.require(request.categoryId()).id();
        }
        String title = request.title() == null ? thread.title() : request.title().strip();
        threads.updateState(threadId, orElse(request.pinned(), thread.pinned()),
                orElse(request.pinnedGlobally(), thread.pinnedGlobally()), orElse(request.locked(), thread.locked()),
                orElse(request.archived(), thread.archived()), title, Slugs.of(title, "thread"), categoryId);
        if (categoryId != thread.categoryId()) {
            outbox.publish(new ForumEvents.ThreadMoved(threadId, thread.categoryId(), categoryId));
            outbox.publish(new ForumEvents.PostsMoved(threadId, 1, 1, viewer.memberId(), "MOVE"));
        }
        if (!title.equals(thread.title())) {
            outbox.publish(new ForumEvents.ThreadRetitled(threadId));
        }
        if (staffChange || (!isAuthor && request.title() != null)) {
            staffNotes(viewer, thread, request, categoryId, title);
        }
        if (staffChange) {
            outbox.publish(new ForumEvents.ThreadChanged(threadId));
        }
        if (categoryId != thread.categoryId()) {
            categories.adjustCounts(thread.categoryId(), -1, -thread.postCount());
            categories.adjustCounts(categoryId, 1, thread.postCount());
            categories.refreshLatest(thread.categoryId());
            categories.refreshLatest(categoryId);
        }
    }

    /** In a questions category, the author or staff marks one reply as the accepted answer. */
    @RetryOnConflict
    @Transactional
    public void accept(Viewer viewer, long threadId, @Nullable Long postId) {
        viewer.requireMember();
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        Thread thread = threads.findForUpdate(threadId).orElseThrow(() -> Problems.notFound("thread"));
        Category category = catalog.requireForThread(thread.categoryId());
        ThreadAccess.requireAccept(viewer, catalog, ThreadAccess.Subject.of(thread, category));
        if (postId != null) {
            Post post = posts.findById(postId).orElse(null);
            if (post == null || post.threadId() != threadId || post.position() == 1 || post.isDeleted()) {
                throw Problems.invalidField("postId", "validation.answer");
            }
        }
        threads.setAccepted(threadId, postId);
        if (!java.util.Objects.equals(postId, thread.acceptedPostId())) {
            outbox.publish(new ForumEvents.AnswerAccepted(threadId, postId, viewer.memberId()));
        }
    }

    @RetryOnConflict
    @Transactional
    public void follow(Viewer viewer, long threadId, @Nullable String level) {
        viewer.requireMember();
        Thread thread = threads.findById(threadId).orElseThrow(() -> Problems.notFound("thread"));
        access.catalog(viewer).requireForThread(thread.categoryId());
        if (level == null) {
            activity.unfollow(threadId, viewer.memberId());
        } else {
            activity.follow(threadId, viewer.memberId(), level, clock.instant());
        }
    }

    /** Refuses (404) a thread the viewer cannot see; the live stream checks a subscription with it. */
    @Transactional(readOnly = true)
    public void requireVisible(Viewer viewer, long threadId) {
        visibleThread(viewer, access.catalog(viewer), threadId);
    }

    /** The thread a post belongs to, if the viewer may see it (404 otherwise). */
    Thread visibleThread(Viewer viewer, CategoryAccess.Catalog catalog, long threadId) {
        Thread thread = threads.findById(threadId).orElseThrow(() -> Problems.notFound("thread"));
        catalog.requireForThread(thread.categoryId());
        return thread;
    }

    /** The viewer's trust level: one query, for members other than staff (whose rights do not depend on it). */
    private int trust(Viewer viewer) {
        return viewer.isMember() && !viewer.isStaff() ? accounts.storedTrustLevel(viewer.memberId()) : 0;
    }

    @jakarta.inject.Inject
    ThreadNotes notes;

    /**
     * What staff changed, one audit entry and one note in the thread per change (a change to the same state writes
     * nothing): "pinned by alice", "moved from Support to Ideas by bob".
     */
    private void staffNotes(Viewer viewer, Thread before, ForumRequests.UpdateThread r, long categoryId, String title) {
        Long actor = viewer.memberId();
        record Change(boolean changed, ThreadNotes.Action on, ThreadNotes.Action off, boolean now, String code) {
        }
        List<Change> changes = List.of(
                new Change(r.pinned() != null && r.pinned() != before.pinned(), ThreadNotes.Action.PIN,
                        ThreadNotes.Action.UNPIN, Boolean.TRUE.equals(r.pinned()), "pin"),
                new Change(r.pinnedGlobally() != null && r.pinnedGlobally() != before.pinnedGlobally(),
                        ThreadNotes.Action.PIN_GLOBALLY, ThreadNotes.Action.UNPIN_GLOBALLY,
                        Boolean.TRUE.equals(r.pinnedGlobally()), "pinGlobally"),
                new Change(r.locked() != null && r.locked() != before.locked(), ThreadNotes.Action.LOCK,
                        ThreadNotes.Action.UNLOCK, Boolean.TRUE.equals(r.locked()), "lock"),
                new Change(r.archived() != null && r.archived() != before.archived(), ThreadNotes.Action.ARCHIVE,
                        ThreadNotes.Action.UNARCHIVE, Boolean.TRUE.equals(r.archived()), "archive"));
        for (Change change : changes) {
            if (change.changed()) {
                ThreadNotes.Action action = change.now() ? change.on() : change.off();
                notes.add(ThreadNotes.Draft.of(before.id(), actor, action));
                auditLog.record(actor, "thread." + (change.now() ? change.code() : "un" + change.code()), "thread",
                        before.id(), title, "", null);
            }
        }
        if (categoryId != before.categoryId()) {
            notes.add(new ThreadNotes.Draft(before.id(), actor, ThreadNotes.Action.MOVE, null, null,
                    before.categoryId(), categoryId, 0, 0));
            auditLog.record(actor, "thread.move", "thread", before.id(), title,
                    categories.findById(before.categoryId()).map(Category::name).orElse("?") + " → "
                            + categories.findById(categoryId).map(Category::name).orElse("?"), null);
        }
        if (!title.equals(before.title())) {
            auditLog.record(actor, "thread.retitle", "thread", before.id(), title, before.title() + " → " + title, null);
        }
    }

    private static boolean orElse(@Nullable Boolean value, boolean current) {
        return value == null ? current : value;
    }
}
