package io.ruche.accounts;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface MemberRepository extends CrudRepository<Member, Long> {

    /** Usernames and e-mails compare case-insensitively (column collation). */
    Optional<Member> findByUsername(String username);

    Optional<Member> findByEmail(String email);

    List<Member> findByUsernameIn(List<String> usernames);

    boolean existsByUsername(String username);

    boolean existsByEmail(String email);

    long countByRole(Role role);

    @Query("SELECT COUNT(*) FROM members WHERE role = 'ADMIN' FOR UPDATE")
    long lockAndCountAdmins();

    @Query("SELECT m.* FROM members m JOIN sessions s ON s.member_id = m.id "
            + "WHERE s.id = :sessionId AND s.expires_at > :now "
            + "AND (m.suspended_until IS NULL OR m.suspended_until <= :now)")
    Optional<Member> findBySession(String sessionId, Instant now);

    /** One page of the member directory, keyset-paged by id. */
    @Query("SELECT * FROM members WHERE id > :afterId ORDER BY id LIMIT :limit")
    List<Member> listAfter(long afterId, int limit);

    @Query("SELECT * FROM members WHERE id > :afterId AND (username LIKE :prefix OR display_name LIKE :prefix "
            + "OR email LIKE :prefix) ORDER BY id LIMIT :limit")
    List<Member> searchAfter(String prefix, long afterId, int limit);

    @Query("SELECT COUNT(*) FROM members WHERE id = :id AND suspended_until > :now")
    long countSuspended(long id, Instant now);

    /** How far a member has come (approved posts) and whether they may speak (silence). */
    @io.micronaut.core.annotation.Introspected
    record StandingRow(int approvedPosts, @io.micronaut.core.annotation.Nullable Instant silencedUntil, int trustLevel,
                       boolean trustLocked, @io.micronaut.core.annotation.Nullable Instant trustBelowSince) {
    }

    @Query("SELECT approved_posts, silenced_until, trust_level, trust_locked, trust_below_since FROM members WHERE id = :id")
    java.util.Optional<StandingRow> standingOf(long id);

    @Query("SELECT id FROM members WHERE role IN ('MODERATOR', 'ADMIN') ORDER BY id LIMIT :limit")
    List<Long> staffIds(int limit);

    @Query("SELECT time_zone FROM members WHERE id = :id")
    java.util.Optional<String> timeZoneOf(long id);

    /** The roles of some members, for deciding what each may see. */
    @io.micronaut.core.annotation.Introspected
    record RoleOf(long id, Role role) {
    }

    @Query("SELECT id, role FROM members WHERE id IN (:ids)")
    List<RoleOf> rolesOf(java.util.Collection<Long> ids);

    /** Moves the member's visit day forward; 1 for the one request that did (the first visit of that day). */
    @Query("UPDATE members SET last_visit_day = :day WHERE id = :id AND (last_visit_day IS NULL "
            + "OR last_visit_day < :day)")
    int moveVisitDay(long id, java.time.LocalDate day);

    /** Remembers when the member was last around (at most one write per five minutes), for the digest. */
    @Query("UPDATE members SET last_seen_at = :now WHERE id = :id AND (last_seen_at IS NULL "
            + "OR last_seen_at < :staleBefore)")
    void touchSeen(long id, Instant now, Instant staleBefore);

    @Query("UPDATE members SET role = :role, trust_level = CASE WHEN :role = 'MEMBER' THEN LEAST(trust_level, 3) "
            + "ELSE 4 END WHERE id = :id")
    void updateRole(long id, Role role);

    @Query("UPDATE members SET display_name = :displayName, bio = :bio, locale = :locale WHERE id = :id")
    void updateProfile(long id, String displayName, String bio, @io.micronaut.core.annotation.Nullable String locale);
}
