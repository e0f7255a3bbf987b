package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/** Staff notes about members. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface StaffNoteRepository extends CrudRepository<StaffNote, Long> {
}
