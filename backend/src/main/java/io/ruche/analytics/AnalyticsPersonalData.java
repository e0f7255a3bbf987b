package io.ruche.analytics;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The activity analytics recorded for the member. Facts and cohort rows stay on erasure, so past figures keep
 * adding up: they point at a row that names no one. What named the member to staff (weekly report recipients,
 * reach-outs to them) goes.
 */
@Singleton
class AnalyticsPersonalData implements PersonalData {

    private final Sql sql;

    AnalyticsPersonalData(Sql sql) {
        this.sql = sql;
    }

    @Override
    public String section() {
        return "activity";
    }

    @Override
    public Object export(long memberId) {
        return sql.rows("SELECT kind, category_id, thread_id, at FROM analytics_facts WHERE member_id = ? "
                + "ORDER BY at DESC LIMIT 20000", List.of(memberId));
    }

    @Override
    public void erase(Erasure erasure) {
        List<Long> member = List.of(erasure.memberId());
        sql.update("DELETE FROM analytics_reach_outs WHERE member_id = ?", member);
        sql.update("DELETE FROM analytics_report_recipients WHERE member_id = ?", member);
        sql.update("DELETE FROM analytics_reports_sent WHERE member_id = ?", member);
    }
}
