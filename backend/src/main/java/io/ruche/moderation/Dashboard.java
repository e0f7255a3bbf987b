package io.ruche.moderation;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The console's front page figures, and the audited writes of settings and crisis mode. */
@Singleton
public class Dashboard {

    private final Sql sql;
    private final Clock clock;
    private final AuditLog audit;
    private final SiteSettings site;

    public Dashboard(Sql sql, Clock clock, AuditLog audit, SiteSettings site) {
        this.sql = sql;
        this.clock = clock;
        this.audit = audit;
        this.site = site;
    }

    @Serdeable
    public record Counts(long waiting, long flagsToday, long newMembersToday, boolean crisis) {
    }

    @Transactional(readOnly = true)
    public Counts counts() {
        Instant dayStart = clock.instant().truncatedTo(ChronoUnit.DAYS);
        return sql.query("SELECT (SELECT COUNT(*) FROM review_items WHERE status = 'OPEN'), "
                        + "(SELECT COUNT(*) FROM flags WHERE created_at >= ?), "
                        + "(SELECT COUNT(*) FROM members WHERE created_at >= ?), "
                        + "(SELECT crisis_on FROM site_settings WHERE id = 1)", List.of(dayStart, dayStart),
                rs -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBoolean(4))).get(0);
    }

    @Transactional(readOnly = true)
    public long memberId(String username) {
        return sql.query("SELECT id FROM members WHERE username = ?", List.of(username), rs -> rs.getLong(1))
                .stream().findFirst().orElseThrow(() -> Problems.notFound("member"));
    }

    @Transactional
    public void audit(long actor, String action, String type, long id, String summary) {
        audit.record(actor, action, type, id, summary, null);
    }

    @Transactional
    public SiteSettings.Crisis setCrisis(long actor, boolean on, String message, List<Long> categoryIds, int slow) {
        SiteSettings.Crisis crisis = site.setCrisis(actor, on, message, categoryIds, slow);
        audit.record(actor, on ? "crisis.on" : "crisis.off", "site", null,
                on ? (categoryIds.isEmpty() ? "everywhere" : "categories " + categoryIds) + ", slow " + slow + " s" : "",
                message);
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
