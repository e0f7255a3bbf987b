package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/** Canned replies of the moderators. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface CannedReplyRepository extends CrudRepository<CannedReply, Long> {

    @Query("DELETE FROM canned_replies WHERE id = :id")
    int remove(long id);
}
