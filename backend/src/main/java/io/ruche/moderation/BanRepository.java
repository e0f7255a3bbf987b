package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/** Bans; one per kind and value. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface BanRepository extends CrudRepository<BanRule, Long> {

    /** 0 when the same ban already exists. */
    @Query("INSERT IGNORE INTO bans (kind, value, reason, created_by, created_at) "
            + "VALUES (:kind, :value, :reason, :createdBy, :now)")
    int add(String kind, String value, String reason, long createdBy, Instant now);
}
