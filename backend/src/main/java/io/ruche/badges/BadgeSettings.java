package io.ruche.badges;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.List;

/** How the leaderboard counts: points per post, per like received, per accepted answer; staff on it or not. */
@Singleton
public class BadgeSettings {

    @Serdeable
    public record Points(int post, int like, int answer, boolean staffOnBoard) {
        Points validated() {
            for (int p : new int[]{post, like, answer}) {
                if (p < 0 || p > 1000) {
                    throw Problems.invalidField("points", "validation.points");
                }
            }
            return this;
        }
    }

    private final Sql sql;
    private final io.ruche.forum.StaffActionLog audit;

    public BadgeSettings(Sql sql, io.ruche.forum.StaffActionLog audit) {
        this.sql = sql;
        this.audit = audit;
    }

    private volatile Points cached;
    private volatile long cachedAt;

    /** The points, read at most every 30 s: every counted fact asks, and they rarely change. */
    public Points cachedPoints() {
        Points known = cached;
        long now = System.nanoTime();
        if (known == null || now - cachedAt > 30_000_000_000L) {
            known = points();
            cached = known;
            cachedAt = now;
        }
        return known;
    }

    @Transactional(readOnly = true)
    public Points points() {
        return sql.query("SELECT points_post, points_like, points_answer, staff_on_board FROM badge_settings WHERE id = 1",
                List.of(), rs -> new Points(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getBoolean(4))).get(0);
    }

    @Transactional
    public Points save(long actorId, Points points) {
        Points p = points.validated();
        audit.record(actorId, "badge.settings", "site", null, "points post " + p.post() + ", like " + p.like()
                + ", answer " + p.answer() + (p.staffOnBoard() ? ", staff included" : ""), null);
        cached = null;
        sql.update("UPDATE badge_settings SET points_post = ?, points_like = ?, points_answer = ?, staff_on_board = ? "
                + "WHERE id = 1", List.of(p.post(), p.like(), p.answer(), p.staffOnBoard()));
        return points();
    }
}
