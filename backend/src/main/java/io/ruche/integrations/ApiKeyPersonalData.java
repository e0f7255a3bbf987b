package io.ruche.integrations;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.List;

/** The member's API keys (never their secrets, which are not kept): listed in the export, deleted on erasure. */
@Singleton
class ApiKeyPersonalData implements PersonalData {

    private final Sql sql;

    ApiKeyPersonalData(Sql sql) {
        this.sql = sql;
    }

    @Override
    public String section() {
        return "api-keys";
    }

    @Override
    public Object export(long memberId) {
        return sql.rows("SELECT name, prefix, kind, scopes, created_at, revoked_at, last_used_at, last_used_ip "
                + "FROM api_keys WHERE member_id = ? ORDER BY id", List.of(memberId));
    }

    @Override
    public void erase(Erasure erasure) {
        // Keys acting as the member go; global keys an erased admin made for others keep working (created_by then
        // names the anonymised account).
        sql.update("DELETE FROM api_keys WHERE member_id = ?", List.of(erasure.memberId()));
    }
}
