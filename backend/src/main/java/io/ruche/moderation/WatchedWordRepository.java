package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/** Watched words (the compiled rules are cached by {@link WatchedWords}). */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface WatchedWordRepository extends CrudRepository<WatchedWord, Long> {
}
