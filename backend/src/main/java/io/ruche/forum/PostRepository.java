package io.ruche.forum;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface PostRepository extends CrudRepository<Post, Long> {

    @Query("UPDATE posts SET body_source = :source, body_html = :html, edit_count = edit_count + 1, "
            + "edited_at = :at WHERE id = :id")
    void updateBody(long id, String source, String html, Instant at);

    @Query("UPDATE posts SET deleted_at = :at, deleted_by_id = :by WHERE id = :id")
    void softDelete(long id, Instant at, long by);

    @Query("UPDATE posts SET reaction_count = reaction_count + :delta WHERE id = :id")
    void adjustReactions(long id, int delta);

    @Query("INSERT INTO post_revisions (post_id, editor_id, body_source, created_at) "
            + "VALUES (:postId, :editorId, :source, :at)")
    void addRevision(long postId, long editorId, String source, Instant at);

    @Query("SELECT r.id, r.body_source, r.created_at, m.username AS editor_username, "
            + "m.display_name AS editor_display_name FROM post_revisions r JOIN members m ON m.id = r.editor_id "
            + "WHERE r.post_id = :postId ORDER BY r.id")
    List<RevisionRow> revisions(long postId);

    /** Adds a reaction; 1 when it is new, 0 when the member had already reacted so. */
    @Query("INSERT IGNORE INTO reactions (post_id, member_id, kind, created_at) VALUES (:postId, :memberId, :kind, :at)")
    int addReaction(long postId, long memberId, String kind, Instant at);

    @Query("DELETE FROM reactions WHERE post_id = :postId AND member_id = :memberId AND kind = :kind")
    int removeReaction(long postId, long memberId, String kind);

    @Query("INSERT INTO reaction_counts (post_id, kind, total) VALUES (:postId, :kind, :delta) "
            + "ON DUPLICATE KEY UPDATE total = total + :delta")
    void adjustReactionCount(long postId, String kind, int delta);

    @Query("SELECT r.kind, m.username, m.display_name FROM reactions r JOIN members m ON m.id = r.member_id "
            + "WHERE r.post_id = :postId ORDER BY r.kind, r.created_at LIMIT 500")
    List<ReactorRow> reactors(long postId);

    @Introspected
    record RevisionRow(long id, String bodySource, Instant createdAt, String editorUsername,
                       String editorDisplayName) {
    }

    @Introspected
    record ReactorRow(String kind, String username, String displayName) {
    }

    @Nullable
    default Post findLive(long id) {
        return findById(id).filter(p -> !p.isDeleted()).orElse(null);
    }
}
