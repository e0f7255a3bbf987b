package io.ruche.badges;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The badges time grants: each year of membership with a post in it (anniversary), checked once a day; and the
 * visit days the rules no longer look at are forgotten. Grants are unique rows, so nodes that run it together, or a
 * day run twice, grant once.
 */
@Singleton
public class BadgeNightly {

    private final Sql sql;
    private final BadgeAwards awards;
    private final BadgeLedger ledger;
    private final Clock clock;

    private final BadgeBackfills backfills;

    public BadgeNightly(Sql sql, BadgeAwards awards, BadgeLedger ledger, Clock clock, BadgeBackfills backfills) {
        this.backfills = backfills;
        this.sql = sql;
        this.awards = awards;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Scheduled(cron = "0 40 3 * * *")
    void nightly() {
        run(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** The pass for one day; returns the anniversaries granted. */
    @Transactional
    public int run(LocalDate today) {
        record Member(long id, int years) {
        }
        // Members who joined on this day of an earlier year and posted during the year that just ended.
        List<Member> due = sql.query("SELECT m.id, ? - YEAR(m.created_at) FROM members m WHERE MONTH(m.created_at) = ? "
                        + "AND DAYOFMONTH(m.created_at) = ? AND YEAR(m.created_at) < ? AND EXISTS (SELECT 1 FROM posts p "
                        + "WHERE p.author_id = m.id AND p.created_at >= ? AND p.deleted_at IS NULL)",
                List.of(today.getYear(), today.getMonthValue(), today.getDayOfMonth(), today.getYear(),
                        today.minusYears(1)), rs -> new Member(rs.getLong(1), rs.getInt(2)));
        int granted = 0;
        for (Member m : due) {
            for (Badge badge : awards.granting(BadgeRule.ANNIVERSARY)) {
                if (awards.grant(badge, m.id(), badge.multiple() ? "year:" + m.years() : "once", null, null, null, "")) {
                    granted++;
                }
            }
        }
        ledger.forgetVisitsBefore(today.minusDays(100));
        // Console-made badges asking for a group: joining a group is no event, so they are caught up here (a
        // backfill in slices, unless one is already running).
        for (Badge badge : awards.grantingTemplates()) {
            boolean group = awards.template(badge).conditions().stream()
                    .anyMatch(c -> c.kind() == BadgeTemplate.Kind.GROUP_MEMBER);
            if (group && !backfills.running(badge.id())) {
                backfills.start(io.ruche.accounts.Viewer.GUEST, badge);
            }
        }
        return granted;
    }
}
