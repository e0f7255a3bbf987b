package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/** The audit log: appended to, read by the console's audit page. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface AuditRecordRepository extends CrudRepository<AuditRecord, Long> {
}
