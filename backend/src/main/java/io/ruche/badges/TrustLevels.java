package io.ruche.badges;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.platform.Problems;
import io.ruche.platform.SiteSettings;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Trust levels from activity. 0 newcomer, 1 basic (the site's "trusted after N approved posts"), 2 member, 3
 * regular, 4 staff. Promotion comes with the activity that earns it; level 3 is lost only after a grace period
 * that starts (and is announced, with its reasons) when the member falls below it, checked on activity and nightly.
 * A level staff locked never moves by itself. The level is kept on the member's row (accounts); what it unlocks is
 * enforced where the privilege is (moderation: links and images without review, flags that count).
 */
@Singleton
public class TrustLevels {

    @Serdeable
    public record Thresholds(int tl2Days, int tl2Replies, int tl2LikesGiven, int tl2Likers, int tl3Days,
                             int tl3Replies, int tl3LikesGiven, int tl3Likers, int tl3FlagsAgainst, int graceDays) {
        Thresholds validated() {
            for (int v : new int[]{tl2Days, tl2Replies, tl2LikesGiven, tl2Likers, tl3Days, tl3Replies, tl3LikesGiven,
                    tl3Likers, tl3FlagsAgainst, graceDays}) {
                if (v < 0 || v > 100_000) {
                    throw Problems.invalidField("thresholds", "validation.trustThreshold");
                }
            }
            if (tl3Days > 100) {
                throw Problems.invalidField("tl3Days", "validation.trustDays");
            }
            return this;
        }
    }

    /** What a member has done, as the levels count it. */
    @Serdeable
    public record Activity(int daysVisited, int daysVisitedOf100, int replies, int likesGiven, int likers,
                           int flagsAgainst) {
    }

    private final AccountService accounts;
    private final SiteSettings site;
    private final BadgeLedger ledger;
    private final Sql sql;
    private final Clock clock;

    public TrustLevels(AccountService accounts, SiteSettings site, BadgeLedger ledger, Sql sql, Clock clock) {
        this.accounts = accounts;
        this.site = site;
        this.ledger = ledger;
        this.sql = sql;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Thresholds thresholds() {
        return sql.query("SELECT tl2_days, tl2_replies, tl2_likes_given, tl2_likers, tl3_days, tl3_replies, "
                        + "tl3_likes_given, tl3_likers, tl3_flags_against, grace_days FROM trust_settings WHERE id = 1",
                List.of(), rs -> new Thresholds(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10))).get(0);
    }

    @Transactional
    public Thresholds save(Thresholds t) {
        Thresholds v = t.validated();
        sql.update("UPDATE trust_settings SET tl2_days = ?, tl2_replies = ?, tl2_likes_given = ?, tl2_likers = ?, "
                + "tl3_days = ?, tl3_replies = ?, tl3_likes_given = ?, tl3_likers = ?, tl3_flags_against = ?, "
                + "grace_days = ? WHERE id = 1", List.of(v.tl2Days(), v.tl2Replies(), v.tl2LikesGiven(), v.tl2Likers(),
                v.tl3Days(), v.tl3Replies(), v.tl3LikesGiven(), v.tl3Likers(), v.tl3FlagsAgainst(), v.graceDays()));
        return thresholds();
    }

    @Transactional(readOnly = true)
    public Activity activity(long memberId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        BadgeLedger.Stats stats = ledger.stats(memberId);
        record Counts(int days, int days100, int given, int against) {
        }
        Counts c = sql.query("SELECT 0, "
                        + "(SELECT COUNT(*) FROM badge_visit_days WHERE member_id = ? AND day > ?), "
                        + "(SELECT COUNT(*) FROM badge_post_likes WHERE giver_id = ?), "
                        + "(SELECT COUNT(*) FROM badge_flags_against WHERE member_id = ? AND day > ?)",
                List.of(memberId, today.minusDays(100), memberId, memberId, today.minusDays(100)),
                rs -> new Counts(stats.daysVisited(), rs.getInt(2), rs.getInt(3), rs.getInt(4))).get(0);
        return new Activity(c.days(), c.days100(), stats.replies(), c.given(), stats.likers(), c.against());
    }

    /** The level activity earns, and what keeps a member from level 3 (codes the member is told). */
    record Earned(int level, List<String> missingFor3) {
    }

    Earned earned(AccountService.Standing standing, Activity a, Thresholds t) {
        int basic = standing.trustLevel(site.settings().trustedAfterPosts()) >= 1 ? 1 : 0;
        List<String> missing = new ArrayList<>();
        if (a.daysVisitedOf100() < t.tl3Days()) missing.add("days");
        if (a.replies() < t.tl3Replies()) missing.add("replies");
        if (a.likesGiven() < t.tl3LikesGiven()) missing.add("likesGiven");
        if (a.likers() < t.tl3Likers()) missing.add("likers");
        if (a.flagsAgainst() > t.tl3FlagsAgainst()) missing.add("flags");
        if (basic == 0) {
            return new Earned(0, missing);
        }
        if (missing.isEmpty()) {
            return new Earned(3, missing);
        }
        boolean member = a.daysVisited() >= t.tl2Days() && a.replies() >= t.tl2Replies()
                && a.likesGiven() >= t.tl2LikesGiven() && a.likers() >= t.tl2Likers();
        return new Earned(member ? 2 : 1, missing);
    }

    /** Re-evaluates one member (after their activity, or nightly); runs in the caller's transaction. */
    @Transactional
    public void evaluate(long memberId) {
        AccountService.Standing standing = accounts.standing(memberId);
        if (standing.trustLocked() || standing.storedTrust() >= 4) {
            return;
        }
        Thresholds t = thresholds();
        Earned earned = earned(standing, activity(memberId), t);
        int stored = standing.storedTrust();
        Instant now = clock.instant();
        if (earned.level() > stored) {
            accounts.setTrust(memberId, earned.level(), null, null, "promoted");
        } else if (stored == 3 && earned.level() < 3) {
            String why = String.join(",", earned.missingFor3());
            if (standing.trustBelowSince() == null) {
                accounts.warnTrust(memberId, now, "warning:" + t.graceDays() + ":" + why);
            } else if (!now.isBefore(standing.trustBelowSince().plus(Duration.ofDays(t.graceDays())))) {
                accounts.setTrust(memberId, Math.max(2, earned.level()), null, null, "demoted:" + why);
            }
        } else if (stored == 3 && standing.trustBelowSince() != null) {
            accounts.setTrust(memberId, 3, null, null, "kept"); // back above: the grace period ends
        }
    }

    /** Staff set and lock a level (or unlock it, letting activity decide again). */
    @Transactional
    public void lock(long memberId, int level, boolean locked) {
        if (level < 0 || level > 4) {
            throw Problems.invalidField("level", "validation.trustLevel");
        }
        accounts.setTrust(memberId, level, locked, null, locked ? "locked" : "set");
        if (!locked) {
            evaluate(memberId);
        }
    }

    /** Every night: level-3 members whose activity dropped lose the level once their grace period has run out. */
    @Scheduled(cron = "0 20 3 * * *")
    void nightly() {
        long after = 0;
        List<Long> page;
        do {
            page = accounts.atTrustLevel(3, after, 500);
            for (long id : page) {
                evaluate(id);
                after = id;
            }
        } while (page.size() == 500);
    }

    /** For tests and the console: the nightly pass now. */
    public void runNightly() {
        nightly();
    }
}
