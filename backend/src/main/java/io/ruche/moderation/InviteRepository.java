package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/** Invitations, by the hash of their code. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface InviteRepository extends CrudRepository<InviteCode, String> {

    @Query("UPDATE invites SET used_by = :memberId, used_at = :now WHERE id = :id")
    void markUsed(String id, long memberId, Instant now);
}
