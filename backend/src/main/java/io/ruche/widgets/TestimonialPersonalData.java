package io.ruche.widgets;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.List;

/** The testimonials the member agreed to (or was asked for), and whether their name shows. All go on erasure. */
@Singleton
class TestimonialPersonalData implements PersonalData {

    private final Sql sql;
    private final WidgetVersion version;

    TestimonialPersonalData(Sql sql, WidgetVersion version) {
        this.sql = sql;
        this.version = version;
    }

    @Override
    public String section() {
        return "testimonials";
    }

    @Override
    public Object export(long memberId) {
        return sql.rows("SELECT post_id, text, status, show_identity, proposed_at, answered_at, withdrawn_at, "
                + "expires_at FROM testimonials WHERE member_id = ? ORDER BY id", List.of(memberId));
    }

    @Override
    public void erase(Erasure erasure) {
        if (sql.update("DELETE FROM testimonials WHERE member_id = ?", List.of(erasure.memberId())) > 0) {
            version.bump(); // embedded widgets stop showing their words at once
        }
    }
}
