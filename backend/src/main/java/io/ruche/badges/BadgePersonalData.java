package io.ruche.badges;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The member's badges. On erasure their badges, counts, points and titles go (each badge counts one holder
 * fewer); the likes they gave stay counted for the members who received them.
 */
@Singleton
class BadgePersonalData implements PersonalData {

    private final Sql sql;

    BadgePersonalData(Sql sql) {
        this.sql = sql;
    }

    @Override
    public String section() {
        return "badges";
    }

    @Override
    public Object export(long memberId) {
        return sql.rows("SELECT b.slug, b.name_en, b.name_fr, g.granted_at, g.reason FROM badge_grants g "
                + "JOIN badges b ON b.id = g.badge_id WHERE g.member_id = ? ORDER BY g.granted_at", List.of(memberId));
    }

    @Override
    public void erase(Erasure erasure) {
        List<Long> member = List.of(erasure.memberId());
        sql.update("UPDATE badges SET holder_count = GREATEST(0, holder_count - 1) WHERE id IN "
                + "(SELECT DISTINCT badge_id FROM badge_grants WHERE member_id = ?)", member);
        sql.update("DELETE FROM badge_grants WHERE member_id = ?", member);
        sql.update("DELETE FROM badge_member_stats WHERE member_id = ?", member);
        sql.update("DELETE FROM badge_points WHERE member_id = ?", member);
        sql.update("DELETE FROM badge_titles WHERE member_id = ?", member);
        sql.update("DELETE FROM badge_visit_days WHERE member_id = ?", member);
        sql.update("DELETE FROM badge_facts WHERE member_id = ?", member);
        sql.update("DELETE FROM badge_flags WHERE member_id = ?", member);
        sql.update("DELETE FROM badge_flags_against WHERE member_id = ?", member);
        sql.update("DELETE FROM badge_likers WHERE receiver_id = ?", member);
        sql.update("DELETE FROM badge_like_days WHERE giver_id = ?", member);
        sql.update("DELETE FROM badge_post_likes WHERE receiver_id = ?", member);
    }
}
