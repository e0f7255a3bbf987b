package io.ruche.forum;

import io.ruche.accounts.Viewer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Staff tools on threads beyond pin/lock/move: slow mode, closing with a staff note, official replies, merging two
 * threads and splitting replies into a new thread. Counters are recomputed from the posts after a move, and every
 * action is in the audit log.
 */
@Singleton
public class ThreadTools {

    private final Sql sql;
    private final Clock clock;
    private final CategoryAccess access;
    private final ThreadRepository threads;
    private final CategoryRepository categories;
    private final io.ruche.platform.events.Outbox outbox;
    private final StaffActionLog audit;
    private final ThreadNotes notes;
    private final ThreadRedirects redirects;

    public ThreadTools(Sql sql, Clock clock, CategoryAccess access, ThreadRepository threads,
                       CategoryRepository categories, io.ruche.platform.events.Outbox outbox, StaffActionLog audit,
                       ThreadNotes notes, ThreadRedirects redirects) {
        this.notes = notes;
        this.redirects = redirects;
        this.sql = sql;
        this.clock = clock;
        this.access = access;
        this.threads = threads;
        this.categories = categories;
        this.outbox = outbox;
        this.audit = audit;
    }

    private Thread staffThread(Viewer viewer, long threadId) {
        ThreadAccess.requireModerate(viewer);
        Thread thread = threads.findForUpdate(threadId).orElseThrow(() -> Problems.notFound("thread"));
        access.catalog(viewer).requireForThread(thread.categoryId());
        return thread;
    }

    /** One post per member per N seconds in this thread (0 turns it off). */
    @Transactional
    public void slowMode(Viewer viewer, long threadId, int seconds) {
        if (seconds < 0 || seconds > 86_400) {
            throw Problems.invalidField("seconds", "validation.slowMode");
        }
        Thread thread = staffThread(viewer, threadId);
        if (thread.slowModeSeconds() == seconds) {
            return;
        }
        sql.update("UPDATE threads SET slow_mode_seconds = ? WHERE id = ?", List.of(seconds, threadId));
        notes.add(new ThreadNotes.Draft(threadId, viewer.memberId(), ThreadNotes.Action.SLOW_MODE, null, null, null,
                null, 0, seconds));
        outbox.publish(new ForumEvents.ThreadChanged(threadId));
        audit.record(viewer.memberId(), seconds == 0 ? "thread.slowModeOff" : "thread.slowMode", "thread", threadId,
                thread.title(), seconds == 0 ? "" : seconds + " s", null);
    }

    /** Locks the thread with a note from the staff shown above the replies (or reopens it with a null note). */
    @Transactional
    public void close(Viewer viewer, long threadId, @Nullable String note) {
        Thread thread = staffThread(viewer, threadId);
        boolean closing = note != null;
        if (closing && (note.isBlank() || note.length() > 500)) {
            throw Problems.invalidField("note", "validation.note");
        }
        sql.update("UPDATE threads SET locked = ?, staff_note = ? WHERE id = ?",
                java.util.Arrays.asList(closing, closing ? note.strip() : null, threadId));
        notes.add(ThreadNotes.Draft.of(threadId, viewer.memberId(),
                closing ? ThreadNotes.Action.CLOSE : ThreadNotes.Action.REOPEN));
        outbox.publish(new ForumEvents.ThreadChanged(threadId));
        audit.record(viewer.memberId(), closing ? "thread.close" : "thread.reopen", "thread", threadId,
                thread.title(), "", note);
    }

    /** Marks (or unmarks) a staff member's post as the brand's official reply. */
    @Transactional
    public void official(Viewer viewer, long postId, boolean official) {
        record Row(long threadId, String authorRole) {
        }
        Row row = sql.query("SELECT p.thread_id, m.role FROM posts p JOIN members m ON m.id = p.author_id "
                        + "WHERE p.id = ? AND p.deleted_at IS NULL", List.of(postId),
                rs -> new Row(rs.getLong(1), rs.getString(2))).stream().findFirst()
                .orElseThrow(() -> Problems.notFound("post"));
        staffThread(viewer, row.threadId());
        if (official && "MEMBER".equals(row.authorRole())) {
            throw Problems.badRequest("problem.officialNeedsStaff");
        }
        sql.update("UPDATE posts SET official = ? WHERE id = ?", List.of(official, postId));
        outbox.publish(new ForumEvents.ThreadChanged(row.threadId()));
        audit.record(viewer.memberId(), official ? "post.official" : "post.unofficial", "post", postId,
                threads.findById(row.threadId()).map(Thread::title).orElse(""), "", null);
    }

    /** Moves every post of {@code threadId} to the end of {@code intoId}, then removes the emptied thread. */
    @Transactional
    public void merge(Viewer viewer, long threadId, long intoId) {
        if (threadId == intoId) {
            throw Problems.invalidField("into", "validation.mergeSame");
        }
        // Lock in id order so two merges cannot deadlock.
        Thread first = staffThread(viewer, Math.min(threadId, intoId));
        Thread second = staffThread(viewer, Math.max(threadId, intoId));
        Thread source = first.id() == threadId ? first : second;
        Thread target = first.id() == intoId ? first : second;
        int next = maxPosition(intoId);
        int firstMoved = next + 1;
        List<Long> moving = sql.query("SELECT id FROM posts WHERE thread_id = ? ORDER BY position", List.of(threadId),
                rs -> rs.getLong(1));
        // Park the moving posts on free positions first: (thread, position) is unique.
        sql.update("UPDATE posts SET position = position + 1000000 WHERE thread_id = ?", List.of(threadId));
        for (Long postId : moving) {
            sql.update("UPDATE posts SET thread_id = ?, position = ? WHERE id = ?", List.of(intoId, ++next, postId));
        }
        sql.update("UPDATE threads SET accepted_post_id = NULL, last_post_id = NULL WHERE id = ?", List.of(threadId));
        sql.update("UPDATE categories SET last_thread_id = NULL WHERE last_thread_id = ?", List.of(threadId));
        sql.update("DELETE FROM threads WHERE id = ?", List.of(threadId));
        recount(intoId);
        categories.adjustCounts(source.categoryId(), -1, -moving.size());
        categories.adjustCounts(target.categoryId(), 0, moving.size());
        categories.refreshLatest(source.categoryId());
        categories.refreshLatest(target.categoryId());
        redirects.merged(threadId, intoId, firstMoved);
        notes.add(new ThreadNotes.Draft(intoId, viewer.memberId(), ThreadNotes.Action.MERGE_IN, threadId,
                source.title(), null, null, moving.size(), 0), firstMoved - 1);
        outbox.publish(new ForumEvents.ThreadMerged(threadId, intoId));
        outbox.publish(new ForumEvents.PostsMoved(intoId, firstMoved, next, viewer.memberId(), "MERGE"));
        audit.record(viewer.memberId(), "thread.merge", "thread", intoId, target.title(),
                source.title() + " (#" + threadId + ", " + moving.size() + ")", null);
    }

    /** Moves some replies of a thread into a new thread (in the same or another category). Returns its id. */
    @Transactional
    public long split(Viewer viewer, long threadId, List<Long> postIds, String title, long categoryId) {
        Thread thread = staffThread(viewer, threadId);
        Category category = access.catalog(viewer).require(categoryId);
        if (postIds.isEmpty() || postIds.size() > 500) {
            throw Problems.invalidField("postIds", "validation.ids");
        }
        if (title == null || title.strip().length() < 3 || title.length() > 200) {
            throw Problems.invalidField("title", "validation.title");
        }
        List<Object> params = new ArrayList<>();
        params.add(threadId);
        params.addAll(postIds);
        record Moving(long id, int position, long authorId) {
        }
        List<Moving> moving = sql.query("SELECT id, position, author_id FROM posts WHERE thread_id = ? AND id IN ("
                + Sql.placeholders(postIds.size()) + ") ORDER BY position", params,
                rs -> new Moving(rs.getLong(1), rs.getInt(2), rs.getLong(3)));
        if (moving.size() != postIds.size() || moving.get(0).position() == 1) {
            throw Problems.invalidField("postIds", "validation.splitPosts");
        }
        Instant now = clock.instant();
        String cleanTitle = title.strip();
        Thread created = threads.save(Thread.open(category.id(), moving.get(0).authorId(), cleanTitle,
                Slugs.of(cleanTitle, "thread"), now));
        int position = 0;
        for (Moving post : moving) {
            sql.update("UPDATE posts SET thread_id = ?, position = ?, reply_to_id = NULL WHERE id = ?",
                    List.of(created.id(), ++position, post.id()));
        }
        sql.update("UPDATE threads SET accepted_post_id = NULL WHERE id = ? AND accepted_post_id IN ("
                + Sql.placeholders(postIds.size()) + ")", params);
        recount(threadId);
        recount(created.id());
        sql.update("UPDATE threads SET created_at = (SELECT MIN(created_at) FROM posts WHERE thread_id = ?) "
                + "WHERE id = ?", List.of(created.id(), created.id()));
        categories.adjustCounts(thread.categoryId(), 0, -moving.size());
        categories.adjustCounts(category.id(), 1, moving.size());
        categories.refreshLatest(thread.categoryId());
        categories.refreshLatest(category.id());
        notes.add(new ThreadNotes.Draft(threadId, viewer.memberId(), ThreadNotes.Action.SPLIT_OUT, created.id(),
                cleanTitle, null, null, moving.size(), 0), moving.get(0).position() - 1);
        notes.add(new ThreadNotes.Draft(created.id(), viewer.memberId(), ThreadNotes.Action.SPLIT_IN, threadId,
                thread.title(), null, null, moving.size(), 0), 0);
        outbox.publish(new ForumEvents.ThreadSplit(threadId, created.id()));
        outbox.publish(new ForumEvents.PostsMoved(created.id(), 1, moving.size(), viewer.memberId(), "SPLIT"));
        audit.record(viewer.memberId(), "thread.split", "thread", created.id(), cleanTitle,
                thread.title() + " (#" + threadId + ", " + moving.size() + ")", null);
        return created.id();
    }

    /** A thread staff may merge into: enough to recognise it (title, category, replies, last activity). */
    @io.micronaut.serde.annotation.Serdeable
    public record Target(long id, String title, String slug, ForumViews.CategoryRef category, int replies,
                         @Nullable Instant lastPostAt) {
    }

    /**
     * Threads to merge {@code threadId} into: by number ("#123" or "123"), else by words of the title (full-text,
     * each word a prefix), in categories the moderator can see, most recently active first, at most 10.
     */
    @Transactional(readOnly = true)
    public List<Target> targets(Viewer viewer, long threadId, String query) {
        ThreadAccess.requireModerate(viewer);
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        String q = query == null ? "" : query.strip();
        List<Long> visible = catalog.visibleIds();
        if (q.isEmpty() || visible.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        String match;
        if (q.matches("#?\\d{1,18}")) {
            match = "t.id = ?";
            params.add(Long.parseLong(q.replace("#", "")));
        } else {
            String words = java.util.Arrays.stream(q.split("[^\\p{L}\\p{N}]+")).filter(w -> w.length() >= 2)
                    .limit(8).map(w -> "+" + w + "*").collect(java.util.stream.Collectors.joining(" "));
            if (words.isEmpty()) {
                return List.of();
            }
            match = "MATCH(t.title) AGAINST (? IN BOOLEAN MODE)";
            params.add(words);
        }
        params.add(threadId);
        params.addAll(visible);
        return sql.query("SELECT t.id, t.title, t.slug, t.category_id, t.post_count, t.last_post_at FROM threads t "
                        + "WHERE " + match + " AND t.id <> ? AND t.category_id IN (" + Sql.placeholders(visible.size())
                        + ") ORDER BY t.last_post_at DESC LIMIT 10", params,
                rs -> new Target(rs.getLong(1), rs.getString(2), rs.getString(3),
                        ForumViews.CategoryRef.of(catalog.visible().get(rs.getLong(4))), Math.max(0, rs.getInt(5) - 1),
                        Sql.instant(rs, 6)));
    }

    private int maxPosition(long threadId) {
        return sql.query("SELECT COALESCE(MAX(position), 0) FROM posts WHERE thread_id = ?", List.of(threadId),
                rs -> rs.getInt(1)).get(0);
    }

    /** Counters of a thread from its posts (after posts moved in or out). */
    private void recount(long threadId) {
        sql.update("UPDATE threads t SET "
                + "post_count = (SELECT COUNT(*) FROM posts p WHERE p.thread_id = t.id), "
                + "reaction_count = (SELECT COALESCE(SUM(p.reaction_count), 0) FROM posts p WHERE p.thread_id = t.id), "
                + "participant_count = (SELECT COUNT(DISTINCT p.author_id) FROM posts p WHERE p.thread_id = t.id), "
                + "last_post_id = (SELECT p.id FROM posts p WHERE p.thread_id = t.id ORDER BY p.position DESC LIMIT 1), "
                + "last_poster_id = (SELECT p.author_id FROM posts p WHERE p.thread_id = t.id ORDER BY p.position DESC "
                + "LIMIT 1), "
                + "last_post_at = (SELECT MAX(p.created_at) FROM posts p WHERE p.thread_id = t.id) WHERE t.id = ?",
                List.of(threadId));
    }
}
