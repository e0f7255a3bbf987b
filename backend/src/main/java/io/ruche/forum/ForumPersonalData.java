package io.ruche.forum;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import io.ruche.platform.events.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The member's threads, posts, reactions and follows. On erasure their follows, read marks and mentions go; posts
 * stay under "deleted member" (their author row is anonymous) or, when the site removes them, lose their text and
 * history and leave the search index. Reactions and votes for ideas stay counted: the row names no one any more.
 */
@Singleton
class ForumPersonalData implements PersonalData {

    private final Sql sql;
    private final Outbox outbox;
    private final Clock clock;

    ForumPersonalData(Sql sql, Outbox outbox, Clock clock) {
        this.sql = sql;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public String section() {
        return "forum";
    }

    @Override
    public Object export(long memberId) {
        Map<String, Object> forum = new LinkedHashMap<>();
        forum.put("threads", sql.rows("SELECT id, title, category_id, created_at FROM threads WHERE author_id = ? "
                + "ORDER BY id", List.of(memberId)));
        forum.put("posts", sql.rows("SELECT p.id, p.thread_id, t.title AS thread_title, p.position, p.created_at, "
                + "p.edited_at, p.deleted_at, p.body_source FROM posts p JOIN threads t ON t.id = p.thread_id "
                + "WHERE p.author_id = ? ORDER BY p.id", List.of(memberId)));
        forum.put("reactions", sql.rows("SELECT post_id, kind, created_at FROM reactions WHERE member_id = ? "
                + "ORDER BY created_at", List.of(memberId)));
        forum.put("ideaVotes", sql.rows("SELECT v.thread_id, t.title, v.created_at FROM idea_votes v "
                + "JOIN threads t ON t.id = v.thread_id WHERE v.member_id = ? ORDER BY v.created_at", List.of(memberId)));
        forum.put("bookmarks", sql.rows("SELECT b.post_id, b.note, b.remind_at, b.created_at FROM bookmarks b "
                + "WHERE b.member_id = ? ORDER BY b.id", List.of(memberId)));
        forum.put("followedThreads", sql.rows("SELECT thread_id, level, created_at FROM thread_follows "
                + "WHERE member_id = ? ORDER BY created_at", List.of(memberId)));
        forum.put("followedCategories", sql.rows("SELECT category_id, level, created_at FROM category_follows "
                + "WHERE member_id = ? ORDER BY created_at", List.of(memberId)));
        return forum;
    }

    @Override
    public void erase(Erasure erasure) {
        long memberId = erasure.memberId();
        sql.update("DELETE FROM thread_follows WHERE member_id = ?", List.of(memberId));
        sql.update("DELETE FROM thread_reads WHERE member_id = ?", List.of(memberId));
        sql.update("DELETE FROM category_follows WHERE member_id = ?", List.of(memberId));
        sql.update("DELETE FROM mentions WHERE member_id = ?", List.of(memberId));
        sql.update("DELETE FROM idea_voters WHERE member_id = ?", List.of(memberId));
        sql.update("DELETE FROM bookmarks WHERE member_id = ?", List.of(memberId));
        if (!erasure.removeContent()) {
            return;
        }
        record Removed(long postId, long threadId) {
        }
        List<Removed> posts = sql.query("SELECT id, thread_id FROM posts WHERE author_id = ? AND body_source <> '' "
                + "FOR UPDATE", List.of(memberId), rs -> new Removed(rs.getLong(1), rs.getLong(2)));
        if (posts.isEmpty()) {
            return;
        }
        List<Object> ids = Sql.inList(posts.stream().map(Removed::postId).toList());
        String in = Sql.placeholders(posts.size());
        sql.update("DELETE FROM post_revisions WHERE post_id IN (" + in + ")", ids);
        List<Object> params = new java.util.ArrayList<>(List.of(clock.instant(), memberId));
        params.addAll(ids);
        sql.update("UPDATE posts SET body_source = '', body_html = '', deleted_at = COALESCE(deleted_at, ?), "
                + "deleted_by_id = COALESCE(deleted_by_id, ?) WHERE id IN (" + in + ")", params);
        for (Removed post : posts) {
            outbox.publish(new ForumEvents.PostDeleted(post.postId(), post.threadId(), memberId));
        }
    }
}
