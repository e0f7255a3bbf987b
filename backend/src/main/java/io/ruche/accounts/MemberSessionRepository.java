package io.ruche.accounts;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface MemberSessionRepository extends CrudRepository<MemberSession, String> {

    /** Slides the expiry forward, at most once per {@code staleBefore} window to keep reads cheap. */
    @Query("UPDATE sessions SET last_seen_at = :now, expires_at = :expiresAt "
            + "WHERE id = :id AND last_seen_at < :staleBefore")
    int touch(String id, Instant now, Instant expiresAt, Instant staleBefore);

    void deleteByMemberId(long memberId);

    @Query("DELETE FROM sessions WHERE expires_at < :now")
    int deleteExpired(Instant now);

    @Query("DELETE FROM sessions WHERE member_id = :memberId")
    void deleteAllOfMember(Long memberId);
}
