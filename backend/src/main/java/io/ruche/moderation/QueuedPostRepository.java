package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/** Posts held for review until a moderator decides. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface QueuedPostRepository extends CrudRepository<QueuedPost, Long> {

    @Query("UPDATE queued_posts SET status = 'APPROVED', decided_at = :now, decided_by = :staffId, post_id = :postId "
            + "WHERE id = :id")
    void approve(long id, long staffId, long postId, Instant now);

    @Query("UPDATE queued_posts SET status = 'REJECTED', decided_at = :now, decided_by = :staffId WHERE id = :id")
    void reject(long id, long staffId, Instant now);

    @Query("UPDATE queued_posts SET body_source = :body WHERE id = :id")
    void rewrite(long id, String body);
}
