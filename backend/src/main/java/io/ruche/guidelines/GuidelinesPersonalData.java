package io.ruche.guidelines;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.List;

/** The member's consent record: when they read and accepted the community guidelines. */
@Singleton
class GuidelinesPersonalData implements PersonalData {

    private final Sql sql;

    GuidelinesPersonalData(Sql sql) {
        this.sql = sql;
    }

    @Override
    public String section() {
        return "consents";
    }

    @Override
    public Object export(long memberId) {
        return sql.rows("SELECT 'community guidelines' AS consent, read_at AS accepted_at FROM guidelines_reads "
                + "WHERE member_id = ?", List.of(memberId));
    }

    @Override
    public void erase(Erasure erasure) {
        sql.update("DELETE FROM guidelines_reads WHERE member_id = ?", List.of(erasure.memberId()));
    }
}
