package io.ruche.badges;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Viewer;
import io.ruche.forum.StaffActionLog;
import io.ruche.platform.Problems;
import io.ruche.platform.SiteSettings;

/** Trust levels: a member's level and what it rests on; staff set and lock levels; admins set the thresholds. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TrustController {

    private final TrustLevels trust;
    private final AccountService accounts;
    private final SiteSettings site;
    private final StaffActionLog audit;

    public TrustController(TrustLevels trust, AccountService accounts, SiteSettings site, StaffActionLog audit) {
        this.trust = trust;
        this.accounts = accounts;
        this.site = site;
        this.audit = audit;
    }

    @Serdeable
    public record TrustView(int level, boolean locked, @io.micronaut.core.annotation.Nullable java.time.Instant belowSince,
                            TrustLevels.Activity activity) {
    }

    @Serdeable
    public record SetTrust(int level, boolean locked) {
    }

    /** The signed-in member's own level and activity (their profile shows it). */
    @Get("/me/trust")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public TrustView mine(Viewer viewer) {
        return view(viewer.requireMember());
    }

    @Get("/admin/members/{username}/trust")
    @Secured("moderator")
    public TrustView ofMember(String username) {
        return view(accounts.byUsername(username).id());
    }

    /** Sets (and locks, or unlocks) a member's level; level 4 is for admins to give. Audited. */
    @Put("/admin/members/{username}/trust")
    @Secured("moderator")
    public TrustView set(String username, @Body SetTrust body, Viewer viewer) {
        if (body.level() >= 4 && !viewer.isAdmin()) {
            throw Problems.forbidden("problem.forbidden");
        }
        long id = accounts.byUsername(username).id();
        trust.lock(id, body.level(), body.locked());
        audit.record(viewer.memberId(), "member.trust", "member", id, username + " level " + body.level()
                + (body.locked() ? " (locked)" : ""), null);
        return view(id);
    }

    @Get("/admin/trust")
    @Secured("moderator")
    public TrustLevels.Thresholds thresholds() {
        return trust.thresholds();
    }

    @Put("/admin/trust")
    @Secured("admin")
    public TrustLevels.Thresholds save(@Body TrustLevels.Thresholds body, Viewer viewer) {
        TrustLevels.Thresholds saved = trust.save(body);
        audit.record(viewer.memberId(), "trust.thresholds", "site", null, saved.toString(), null);
        return saved;
    }

    private TrustView view(long memberId) {
        AccountService.Standing s = accounts.standing(memberId);
        return new TrustView(s.trustLevel(site.settings().trustedAfterPosts()), s.trustLocked(), s.trustBelowSince(),
                trust.activity(memberId));
    }
}
