package io.ruche.accounts;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account itself in the member's export: profile, settings, groups and signed-in browsers. Its erasure is done
 * by {@link AccountDeletion} in the same transaction that anonymises the row; what is left here is the exports.
 */
@Singleton
class AccountPersonalData implements PersonalData {

    private final Sql sql;

    AccountPersonalData(Sql sql) {
        this.sql = sql;
    }

    @Override
    public String section() {
        return "account";
    }

    @Override
    public Object export(long memberId) {
        Map<String, Object> account = new LinkedHashMap<>(sql.rows("SELECT username, email, display_name, bio, "
                + "role, locale, time_zone, created_at, email_verified_at, last_seen_at, digest, digest_hour, "
                + "trust_level, silenced_until, suspended_until FROM members WHERE id = ?", List.of(memberId))
                .stream().findFirst().orElse(Map.of()));
        account.put("groups", sql.query("SELECT g.name FROM group_memberships gm JOIN member_groups g "
                + "ON g.id = gm.group_id WHERE gm.member_id = ? ORDER BY g.name", List.of(memberId),
                rs -> rs.getString(1)));
        account.put("sessions", sql.rows("SELECT created_at, last_seen_at, ip, user_agent FROM sessions "
                + "WHERE member_id = ? ORDER BY created_at", List.of(memberId)));
        return account;
    }

    @Override
    public void erase(Erasure erasure) {
        sql.update("DELETE FROM data_exports WHERE member_id = ?", List.of(erasure.memberId()));
        sql.update("DELETE FROM member_blocks WHERE member_id = ? OR blocked_id = ?",
                List.of(erasure.memberId(), erasure.memberId()));
    }
}
