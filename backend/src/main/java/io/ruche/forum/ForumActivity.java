package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Follows and read positions: small upserts keyed by member and thread. */
@Singleton
public class ForumActivity {

    private final Sql sql;

    public ForumActivity(Sql sql) {
        this.sql = sql;
    }

    public void follow(long threadId, long memberId, String level, Instant at) {
        sql.update("INSERT INTO thread_follows (thread_id, member_id, level, created_at) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE level = VALUES(level)", List.of(threadId, memberId, level, at));
    }

    /** Authors follow their threads; an explicit choice (muted) made earlier is kept. */
    public void followIfNoChoice(long threadId, long memberId, Instant at) {
        sql.update("INSERT IGNORE INTO thread_follows (thread_id, member_id, level, created_at) VALUES (?, ?, ?, ?)",
                List.of(threadId, memberId, "WATCHING", at));
    }

    public void unfollow(long threadId, long memberId) {
        sql.update("DELETE FROM thread_follows WHERE thread_id = ? AND member_id = ?", List.of(threadId, memberId));
    }

    @Nullable
    public String followLevel(long threadId, long memberId) {
        return sql.query("SELECT level FROM thread_follows WHERE thread_id = ? AND member_id = ?",
                List.of(threadId, memberId), rs -> rs.getString(1)).stream().findFirst().orElse(null);
    }

    public Optional<Integer> readPosition(long threadId, long memberId) {
        return sql.query("SELECT last_position FROM thread_reads WHERE member_id = ? AND thread_id = ?",
                List.of(memberId, threadId), rs -> rs.getInt(1)).stream().findFirst();
    }

    /** Moves the read position forward (never back: reading page 1 again does not unread page 3). */
    public void markRead(long threadId, long memberId, int position, Instant at) {
        sql.update("INSERT INTO thread_reads (thread_id, member_id, last_position, updated_at) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE last_position = GREATEST(last_position, VALUES(last_position)), "
                + "updated_at = VALUES(updated_at)", List.of(threadId, memberId, position, at));
    }

    public void recordMentions(long postId, java.util.Collection<Long> memberIds) {
        sql.update("DELETE FROM mentions WHERE post_id = ?", List.of(postId));
        for (Long memberId : memberIds) {
            sql.update("INSERT IGNORE INTO mentions (post_id, member_id) VALUES (?, ?)", List.of(postId, memberId));
        }
    }
}
