package io.ruche.moderation;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What moderation holds about a member: the flags they raised, their posts waiting for review, the sanctions and
 * staff notes about them. On erasure their waiting posts, sanctions and notes go; flags stay counted (their notes
 * erased); the audit log keeps what staff did, with the member's name replaced.
 */
@Singleton
class ModerationPersonalData implements PersonalData {

    private final Sql sql;

    ModerationPersonalData(Sql sql) {
        this.sql = sql;
    }

    @Override
    public String section() {
        return "moderation";
    }

    @Override
    public Object export(long memberId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("flagsRaised", sql.rows("SELECT post_id, reason, note, outcome, created_at FROM flags "
                + "WHERE member_id = ? ORDER BY id", List.of(memberId)));
        data.put("postsAwaitingReview", sql.rows("SELECT title, body_source, status, created_at, decided_at "
                + "FROM queued_posts WHERE author_id = ? ORDER BY id", List.of(memberId)));
        data.put("sanctions", sql.rows("SELECT kind, reason, created_at, ends_at, lifted_at FROM sanctions "
                + "WHERE member_id = ? ORDER BY id", List.of(memberId)));
        return data;
    }

    @Override
    public void erase(Erasure erasure) {
        long memberId = erasure.memberId();
        sql.update("UPDATE flags SET note = '' WHERE member_id = ?", List.of(memberId));
        // Their review items go with the held posts (ON DELETE CASCADE).
        sql.update("DELETE FROM queued_posts WHERE author_id = ?", List.of(memberId));
        sql.update("DELETE FROM sanctions WHERE member_id = ?", List.of(memberId));
        sql.update("DELETE FROM staff_notes WHERE member_id = ?", List.of(memberId));
        sql.update("UPDATE invites SET email = '' WHERE email = ?", List.of(erasure.email()));
        String anonymous = "deleted-" + memberId;
        sql.update("UPDATE audit_log SET subject = REPLACE(subject, ?, ?), summary = REPLACE(summary, ?, ?), "
                        + "reason = REPLACE(reason, ?, ?) WHERE target_type = 'member' AND target_id = ?",
                List.of(erasure.username(), anonymous, erasure.username(), anonymous, erasure.username(), anonymous,
                        memberId));
    }
}
