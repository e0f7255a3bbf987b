package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.Viewer;
import io.ruche.content.ContentService;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import io.ruche.platform.events.Outbox;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A member's bookmarks: posts they keep, with a note and, if they like, a reminder at a date. Due reminders go out
 * through the notifications ({@link ForumEvents.BookmarkReminderDue}), once: the row is marked in the same
 * transaction that publishes the event, taken with SKIP LOCKED so two nodes never both remind.
 */
@Singleton
public class Bookmarks {

    private static final int PAGE = 30;

    private final Sql sql;
    private final CategoryAccess access;
    private final ContentService content;
    private final Outbox outbox;
    private final Clock clock;
    private final TransactionOperations<Connection> tx;

    public Bookmarks(Sql sql, CategoryAccess access, ContentService content, Outbox outbox, Clock clock,
                     TransactionOperations<Connection> tx) {
        this.sql = sql;
        this.access = access;
        this.content = content;
        this.outbox = outbox;
        this.clock = clock;
        this.tx = tx;
    }

    /** One bookmark as its owner sees it: the post (thread, position, author, excerpt), the note, the reminder. */
    @Serdeable
    public record BookmarkView(long id, long postId, long threadId, String threadTitle, String threadSlug, int position,
                               String author, String excerpt, String note, @Nullable Instant remindAt,
                               @Nullable Instant remindedAt, Instant createdAt) {
    }

    @Serdeable
    public record BookmarkPage(List<BookmarkView> items, @Nullable Long nextAfter) {
    }

    private static final String SELECT = "SELECT b.id, b.post_id, p.thread_id, t.title, t.slug, p.position, "
            + "m.display_name, p.body_html, b.note, b.remind_at, b.reminded_at, b.created_at, t.category_id, "
            + "p.deleted_at FROM bookmarks b JOIN posts p ON p.id = b.post_id JOIN threads t ON t.id = p.thread_id "
            + "JOIN members m ON m.id = p.author_id ";

    /** Keeps the post (or changes the note and reminder of a post already kept). The post must be one they can read. */
    @Transactional
    public BookmarkView save(Viewer viewer, long postId, String note, @Nullable Instant remindAt) {
        long memberId = viewer.requireMember();
        requireReadable(viewer, postId);
        if (remindAt != null && !remindAt.isAfter(clock.instant())) {
            throw Problems.invalidField("remindAt", "validation.remindAt");
        }
        String text = note.strip();
        sql.update("INSERT INTO bookmarks (member_id, post_id, note, remind_at, created_at) VALUES (?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE note = VALUES(note), remind_at = VALUES(remind_at), reminded_at = NULL",
                Arrays.asList(memberId, postId, text, remindAt, clock.instant()));
        return sql.query(SELECT + "WHERE b.member_id = ? AND b.post_id = ?", List.of(memberId, postId), this::view)
                .get(0);
    }

    @Transactional
    public void remove(Viewer viewer, long postId) {
        long memberId = viewer.requireMember();
        sql.update("DELETE FROM bookmarks WHERE member_id = ? AND post_id = ?", List.of(memberId, postId));
    }

    /** The member's bookmarks, newest first, keyset-paged; posts they can no longer read are left out. */
    @Transactional(readOnly = true)
    public BookmarkPage list(Viewer viewer, @Nullable Long after) {
        long memberId = viewer.requireMember();
        List<Long> visible = access.catalog(viewer).visibleIds();
        List<Object> params = new ArrayList<>(List.of(memberId));
        String where = "WHERE b.member_id = ? AND p.deleted_at IS NULL AND t.category_id IN ("
                + Sql.placeholders(visible.size()) + ")";
        params.addAll(Sql.inList(visible));
        if (after != null) {
            where += " AND b.id < ?";
            params.add(after);
        }
        params.add(PAGE + 1);
        List<BookmarkView> rows = sql.query(SELECT + where + " ORDER BY b.id DESC LIMIT ?", params, this::view);
        boolean more = rows.size() > PAGE;
        List<BookmarkView> shown = more ? rows.subList(0, PAGE) : rows;
        return new BookmarkPage(shown, more ? shown.get(shown.size() - 1).id() : null);
    }

    /** The posts of one thread the member kept, for the thread page to mark them. */
    @Transactional(readOnly = true)
    public List<Long> inThread(Viewer viewer, long threadId) {
        if (!viewer.isMember()) {
            return List.of();
        }
        return sql.query("SELECT b.post_id FROM bookmarks b JOIN posts p ON p.id = b.post_id "
                + "WHERE b.member_id = ? AND p.thread_id = ?", List.of(viewer.memberId(), threadId), rs -> rs.getLong(1));
    }

    /** Sends the reminders that are due, a hundred at a time, each once. */
    @Scheduled(fixedDelay = "${ruche.bookmarks.reminder-check:1m}", initialDelay = "45s")
    public int remindDue() {
        return tx.executeWrite(status -> {
            record Due(long id, long memberId, long postId) {
            }
            List<Due> due = sql.query("SELECT id, member_id, post_id FROM bookmarks WHERE reminded_at IS NULL "
                    + "AND remind_at <= ? ORDER BY remind_at LIMIT 100 FOR UPDATE SKIP LOCKED", List.of(clock.instant()),
                    rs -> new Due(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
            for (Due d : due) {
                sql.update("UPDATE bookmarks SET reminded_at = ? WHERE id = ?", List.of(clock.instant(), d.id()));
                outbox.publish(new ForumEvents.BookmarkReminderDue(d.id(), d.memberId(), d.postId()));
            }
            return due.size();
        });
    }

    /** What a reminder says: the bookmark's note and where its post is now (empty when either is gone). */
    public record Reminder(long memberId, long postId, long threadId, String note) {
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Reminder> reminder(long bookmarkId) {
        return sql.query("SELECT b.member_id, b.post_id, p.thread_id, b.note FROM bookmarks b "
                + "JOIN posts p ON p.id = b.post_id WHERE b.id = ?", List.of(bookmarkId),
                rs -> new Reminder(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4))).stream().findFirst();
    }

    private void requireReadable(Viewer viewer, long postId) {
        record Target(long categoryId, boolean deleted) {
        }
        Target target = sql.query("SELECT t.category_id, p.deleted_at IS NOT NULL FROM posts p "
                        + "JOIN threads t ON t.id = p.thread_id WHERE p.id = ?", List.of(postId),
                rs -> new Target(rs.getLong(1), rs.getBoolean(2))).stream().findFirst()
                .orElseThrow(() -> Problems.notFound("post"));
        if (!access.catalog(viewer).visible().containsKey(target.categoryId()) || target.deleted()) {
            throw Problems.notFound("post");
        }
    }

    private BookmarkView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new BookmarkView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getString(7), rs.getTimestamp(14) != null ? "" : content.excerpt(rs.getString(8), 200),
                rs.getString(9), Sql.instant(rs, 10), Sql.instant(rs, 11), Sql.instant(rs, 12));
    }

}
