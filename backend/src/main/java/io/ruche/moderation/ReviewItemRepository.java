package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/**
 * The review queue and the flags that fill it. Items are written with their own statements: the table has a generated
 * column (one open item per post) that an entity insert would try to fill. The queue page's query, shaped like the
 * page, stays in {@link ReviewQueue}.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ReviewItemRepository extends CrudRepository<ReviewItem, Long> {

    @Query("INSERT INTO review_items (post_id, queued_post_id, reason, category_id, author_id, created_at) "
            + "VALUES (:postId, :queuedPostId, :reason, :categoryId, :authorId, :now)")
    void open(@Nullable Long postId, @Nullable Long queuedPostId, String reason, long categoryId, long authorId,
              Instant now);

    /** Opens an item for a post unless one is open already (the unique key decides); 1 when opened. */
    @Query("INSERT IGNORE INTO review_items (post_id, queued_post_id, reason, category_id, author_id, created_at) "
            + "VALUES (:postId, NULL, :reason, :categoryId, :authorId, :now)")
    int openForPost(long postId, String reason, long categoryId, long authorId, Instant now);

    /** 0 when the member already flagged the post. */
    @Query("INSERT IGNORE INTO flags (post_id, member_id, reason, note, created_at) "
            + "VALUES (:postId, :memberId, :reason, :note, :now)")
    int addFlag(long postId, long memberId, String reason, String note, Instant now);

    /** Takes an open item unless another moderator holds a fresh claim; 1 when taken. */
    @Query("UPDATE review_items SET claimed_by = :staffId, claimed_at = :now WHERE id = :id AND status = 'OPEN' "
            + "AND (claimed_by IS NULL OR claimed_by = :staffId OR claimed_at < :staleBefore)")
    int claim(long id, long staffId, Instant now, Instant staleBefore);

    @Query("UPDATE review_items SET claimed_by = NULL, claimed_at = NULL WHERE id = :id AND claimed_by = :staffId")
    void release(long id, long staffId);

    @Query("UPDATE review_items SET status = 'RESOLVED', resolved_at = :now, resolved_by = :staffId, "
            + "resolution = :resolution WHERE id = :id")
    void resolve(long id, long staffId, String resolution, Instant now);
}
