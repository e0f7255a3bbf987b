package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/** Sanctions of members. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface SanctionRepository extends CrudRepository<SanctionRecord, Long> {

    @Query("UPDATE sanctions SET lifted_at = :now, lifted_by = :actorId WHERE id = :id")
    void lift(long id, long actorId, Instant now);
}
