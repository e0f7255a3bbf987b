package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.Role;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The small notes a thread shows between its posts when staff act on it ("closed by alice", "3 posts were moved to
 * …"): readers see what happened and who did it, and staff find the way back (move back, unpin, reopen). Written in
 * the transaction of the action.
 */
@Singleton
public class ThreadNotes {

    /** What a note says happened. */
    public enum Action { LOCK, UNLOCK, CLOSE, REOPEN, PIN, UNPIN, PIN_GLOBALLY, UNPIN_GLOBALLY, ARCHIVE, UNARCHIVE,
        MOVE, MERGE_IN, SPLIT_OUT, SPLIT_IN, SLOW_MODE,
        /** An idea's status set by staff: {@code otherTitle} holds the status. */
        IDEA_STATUS }

    private final Sql sql;
    private final Clock clock;

    public ThreadNotes(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** A note of what staff did, placed after the thread's last post (or after {@code afterPosition}). */
    public record Draft(long threadId, @Nullable Long actorId, Action action, @Nullable Long otherThread,
                        @Nullable String otherTitle, @Nullable Long fromCategory, @Nullable Long toCategory,
                        int postCount, int amount) {
        public static Draft of(long threadId, @Nullable Long actorId, Action action) {
            return new Draft(threadId, actorId, action, null, null, null, null, 0, 0);
        }
    }

    public void add(Draft draft) {
        add(draft, null);
    }

    public void add(Draft draft, @Nullable Integer afterPosition) {
        int after = afterPosition != null ? afterPosition : sql.query(
                "SELECT COALESCE(MAX(position), 0) FROM posts WHERE thread_id = ?", List.of(draft.threadId()),
                rs -> rs.getInt(1)).get(0);
        sql.update("INSERT INTO thread_notes (thread_id, after_position, actor_id, action, other_thread, other_title, "
                + "from_category, to_category, post_count, amount, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Arrays.asList(draft.threadId(), after, draft.actorId(), draft.action().name(), draft.otherThread(),
                        draft.otherTitle() == null ? null : cut(draft.otherTitle()), draft.fromCategory(),
                        draft.toCategory(), draft.postCount(), draft.amount(), clock.instant()));
    }

    private static String cut(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    @Serdeable
    public record NoteView(long id, int afterPosition, @Nullable ForumViews.MemberRef actor, String action,
                           @Nullable Long otherThreadId, @Nullable String otherTitle,
                           @Nullable ForumViews.CategoryRef fromCategory, @Nullable ForumViews.CategoryRef toCategory,
                           int postCount, int amount, Instant createdAt) {
    }

    /**
     * The notes shown among posts {@code from} (exclusive) to {@code to} (inclusive; null for the end of the
     * thread). A category or thread the reader cannot see is not named; a thread merged away keeps the title it had.
     */
    public List<NoteView> between(CategoryAccess.Catalog catalog, long threadId, int from, @Nullable Integer to) {
        List<Object> params = new ArrayList<>(List.of(threadId, from));
        if (to != null) {
            params.add(to);
        }
        return sql.query("SELECT n.id, n.after_position, n.action, n.other_thread, n.other_title, n.from_category, "
                        + "n.to_category, n.post_count, n.amount, n.created_at, m.username, m.display_name, m.role, "
                        + "ot.category_id, ot.title FROM thread_notes n LEFT JOIN members m ON m.id = n.actor_id "
                        + "LEFT JOIN threads ot ON ot.id = n.other_thread "
                        + "WHERE n.thread_id = ? AND n.after_position > ?" + (to == null ? "" : " AND n.after_position <= ?")
                        + " ORDER BY n.after_position, n.id LIMIT 200", params,
                rs -> {
                    Long other = Sql.nullableLong(rs, "other_thread");
                    Long otherCategory = Sql.nullableLong(rs, "category_id");
                    boolean otherVisible = other != null && otherCategory != null
                            && catalog.visible().containsKey(otherCategory);
                    String username = rs.getString("username");
                    return new NoteView(rs.getLong("id"), rs.getInt("after_position"),
                            username == null ? null : ForumViews.MemberRef.of(username, rs.getString("display_name"),
                                    Role.valueOf(rs.getString("role"))),
                            rs.getString("action"), otherVisible ? other : null,
                            otherVisible ? rs.getString("title")
                                    : (otherCategory == null ? rs.getString("other_title") : null),
                            category(catalog, Sql.nullableLong(rs, "from_category")),
                            category(catalog, Sql.nullableLong(rs, "to_category")), rs.getInt("post_count"),
                            rs.getInt("amount"), Sql.instant(rs, "created_at"));
                });
    }

    private static ForumViews.CategoryRef category(CategoryAccess.Catalog catalog, @Nullable Long id) {
        Category c = id == null ? null : catalog.visible().get(id);
        return c == null ? null : ForumViews.CategoryRef.of(c);
    }
}
