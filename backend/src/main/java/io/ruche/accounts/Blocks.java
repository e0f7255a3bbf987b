package io.ruche.accounts;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Members blocking members: the blocked one cannot send them messages, and their mentions and replies notify the
 * blocker of nothing. Staff cannot be blocked (they must be able to reach anyone); blocking oneself is refused.
 */
@Singleton
public class Blocks {

    private final Sql sql;
    private final MemberRepository members;
    private final Clock clock;

    public Blocks(Sql sql, MemberRepository members, Clock clock) {
        this.sql = sql;
        this.members = members;
        this.clock = clock;
    }

    @Serdeable
    public record BlockedView(String username, String displayName, String avatarUrl, Instant since) {
    }

    @Transactional
    public void block(long memberId, String username) {
        Member target = members.findByUsername(username).orElseThrow(() -> Problems.notFound("member"));
        if (target.id() == memberId) {
            throw Problems.badRequest("problem.block.self");
        }
        if (target.isStaff()) {
            throw Problems.forbidden("problem.block.staff");
        }
        sql.update("INSERT IGNORE INTO member_blocks (member_id, blocked_id, created_at) VALUES (?, ?, ?)",
                List.of(memberId, target.id(), clock.instant()));
    }

    @Transactional
    public void unblock(long memberId, String username) {
        members.findByUsername(username).ifPresent(target -> sql.update(
                "DELETE FROM member_blocks WHERE member_id = ? AND blocked_id = ?", List.of(memberId, target.id())));
    }

    @Transactional(readOnly = true)
    public List<BlockedView> blocked(long memberId) {
        return sql.query("SELECT m.username, m.display_name, b.created_at FROM member_blocks b "
                        + "JOIN members m ON m.id = b.blocked_id WHERE b.member_id = ? ORDER BY b.created_at DESC",
                List.of(memberId), rs -> new BlockedView(rs.getString(1), rs.getString(2),
                        AccountViews.avatarPath(rs.getString(1)), Sql.instant(rs, 3)));
    }

    /** Whether {@code blocker} blocked {@code author}. */
    @Transactional(readOnly = true)
    public boolean blocked(long blocker, long author) {
        return !sql.query("SELECT 1 FROM member_blocks WHERE member_id = ? AND blocked_id = ?",
                List.of(blocker, author), rs -> 1).isEmpty();
    }

    /** Which of {@code members} blocked {@code author}: one query for a whole list of recipients. */
    @Transactional(readOnly = true)
    public Set<Long> blockersOf(long author, Collection<Long> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        List<Object> params = new ArrayList<>();
        params.add(author);
        params.addAll(candidates);
        return new HashSet<>(sql.query("SELECT member_id FROM member_blocks WHERE blocked_id = ? AND member_id IN ("
                + Sql.placeholders(candidates.size()) + ")", params, rs -> rs.getLong(1)));
    }
}
