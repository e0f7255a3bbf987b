package io.ruche.sso;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.List;

/** The identities linking a member to the brand's providers: exported, and deleted on erasure. */
@Singleton
class SsoPersonalData implements PersonalData {

    private final Sql sql;

    SsoPersonalData(Sql sql) {
        this.sql = sql;
    }

    @Override
    public String section() {
        return "sign-in-providers";
    }

    @Override
    public Object export(long memberId) {
        return sql.rows("SELECT p.name AS provider, i.subject, i.linked_at, i.last_sign_in_at FROM member_identities i "
                + "JOIN oidc_providers p ON p.id = i.provider_id WHERE i.member_id = ? ORDER BY i.id", List.of(memberId));
    }

    @Override
    public void erase(Erasure erasure) {
        sql.update("DELETE FROM member_identities WHERE member_id = ?", List.of(erasure.memberId()));
        sql.update("DELETE FROM oidc_link_requests WHERE member_id = ?", List.of(erasure.memberId()));
    }
}
