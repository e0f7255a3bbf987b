package io.ruche.moderation;

import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import io.ruche.platform.SiteSettings;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.List;

/** The audited writes of the console: site settings, crisis mode, watched-word changes; and member look-ups. */
@Singleton
public class SiteAdministration {

    private final Sql sql;
    private final io.ruche.accounts.AccountService accounts;
    private final AuditLog audit;
    private final SiteSettings site;

    public SiteAdministration(io.ruche.accounts.AccountService accounts, Sql sql, AuditLog audit, SiteSettings site) {
        this.sql = sql;
        this.accounts = accounts;
        this.audit = audit;
        this.site = site;
    }

    @Transactional(readOnly = true)
    public long memberId(String username) {
        return accounts.byUsername(username).id();
    }

    @Transactional
    public void audit(long actor, String action, String type, long id, String summary) {
        audit.record(actor, action, type, id, summary, null);
    }

    @jakarta.inject.Inject
    io.ruche.live.LiveEvents live;

    @Transactional
    public SiteSettings.Crisis setCrisis(long actor, boolean on, String message, List<Long> categoryIds, int slow) {
        SiteSettings.Crisis crisis = site.setCrisis(actor, on, message, categoryIds, slow);
        audit.record(actor, on ? "crisis.on" : "crisis.off", "site", null,
                on ? (categoryIds.isEmpty() ? "everywhere" : "categories " + categoryIds) + ", slow " + slow + " s" : "",
                message);
        // Open pages show or take down the banner without a reload (they fetch it; the event carries no text).
        live.publish(io.ruche.live.LiveEvents.SITE_TOPIC, "crisis", "{\"on\":" + on + "}");
        return crisis;
    }

    @Transactional
    public SiteSettings.Settings saveSettings(long actor, SiteSettings.Settings settings) {
        SiteSettings.Settings saved = site.save(settings);
        audit.record(actor, "settings.save", "site", null, "registration " + saved.registration()
                + ", flag threshold " + saved.flagThreshold() + ", new member approval " + saved.newMemberApproval(), null);
        return saved;
    }
}
