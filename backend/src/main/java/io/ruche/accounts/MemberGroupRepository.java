package io.ruche.accounts;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface MemberGroupRepository extends CrudRepository<MemberGroup, Long> {

    boolean existsByName(String name);

    @Query("SELECT g.id, g.name, g.description, COUNT(gm.member_id) AS member_count FROM member_groups g "
            + "LEFT JOIN group_memberships gm ON gm.group_id = g.id "
            + "GROUP BY g.id, g.name, g.description ORDER BY g.name")
    List<GroupWithCount> listWithCounts();

    @Query("INSERT IGNORE INTO group_memberships (group_id, member_id, added_at) VALUES (:groupId, :memberId, :now)")
    void addMember(long groupId, long memberId, Instant now);

    @Query("DELETE FROM group_memberships WHERE group_id = :groupId AND member_id = :memberId")
    void removeMember(long groupId, long memberId);

    @Query("SELECT m.username, m.display_name, gm.added_at FROM group_memberships gm "
            + "JOIN members m ON m.id = gm.member_id WHERE gm.group_id = :groupId ORDER BY m.username")
    List<GroupMemberRow> listMembers(long groupId);

    /** Group names of a whole page of members in one query. */
    /** One member's group, as (member, group) pairs for many members at once. */
    @Introspected
    record Membership(long memberId, long groupId) {
    }

    @Query("SELECT member_id, group_id FROM group_memberships WHERE member_id IN (:memberIds)")
    List<Membership> membershipsOf(Collection<Long> memberIds);

    @Query("SELECT gm.member_id, g.name FROM group_memberships gm JOIN member_groups g ON g.id = gm.group_id "
            + "WHERE gm.member_id IN (:memberIds) ORDER BY g.name")
    List<MembershipName> groupNamesOf(Collection<Long> memberIds);

    @Query("SELECT group_id FROM group_memberships WHERE member_id = :memberId")
    List<Long> groupIdsOfMember(long memberId);

    @Introspected
    record GroupWithCount(long id, String name, String description, long memberCount) {
    }

    @Introspected
    record GroupMemberRow(String username, String displayName, Instant addedAt) {
    }

    @Introspected
    record MembershipName(long memberId, String name) {
    }

    java.util.Optional<MemberGroup> findByName(String name);

    @Query("SELECT member_id FROM group_memberships WHERE group_id = :groupId ORDER BY member_id")
    List<Long> memberIdsOf(long groupId);
}
