package io.ruche.badges;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Badges and their grants. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface BadgeRepository extends CrudRepository<Badge, Long> {

    @Query("SELECT * FROM badges ORDER BY badge_group, tier, id")
    List<Badge> listOrdered();

    /** 1 for a new grant; 0 when the member holds it already under this key (a rule that ran twice). */
    @Query("INSERT IGNORE INTO badge_grants (badge_id, member_id, grant_key, post_id, thread_id, granted_at, "
            + "granted_by, reason) VALUES (:badgeId, :memberId, :grantKey, :postId, :threadId, :now, :grantedBy, "
            + ":reason)")
    int grant(long badgeId, long memberId, String grantKey, @Nullable Long postId, @Nullable Long threadId,
              Instant now, @Nullable Long grantedBy, String reason);

    @Query("SELECT id FROM badge_grants WHERE badge_id = :badgeId AND member_id = :memberId AND grant_key = :grantKey")
    Optional<Long> grantId(long badgeId, long memberId, String grantKey);

    @Query("SELECT COUNT(*) FROM badge_grants WHERE badge_id = :badgeId AND member_id = :memberId")
    long grantsOf(long badgeId, long memberId);

    @Query("UPDATE badges SET holder_count = holder_count + :delta WHERE id = :badgeId")
    void countHolders(long badgeId, int delta);
}
