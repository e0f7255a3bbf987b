package io.ruche.badges;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.Viewer;
import io.ruche.forum.StaffActionLog;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What staff do with badges: make one (a template rule or none, for badges given by hand), try its rule on the
 * community before it grants anything, switch it on (which starts a backfill), retire it, grant and revoke by hand.
 * Every change is in the audit log.
 */
@Singleton
public class BadgeAdministration {

    private static final int EXAMPLES = 10;

    private final BadgeRepository badges;
    private final BadgeAwards awards;
    private final BadgeBackfills backfills;
    private final StaffActionLog audit;
    private final Sql sql;
    private final io.ruche.accounts.AccountService accounts;
    private final ObjectMapper json;
    private final Clock clock;

    public BadgeAdministration(io.ruche.accounts.AccountService accounts, BadgeRepository badges, BadgeAwards awards, BadgeBackfills backfills,
                               StaffActionLog audit, Sql sql, ObjectMapper json, Clock clock) {
        this.badges = badges;
        this.awards = awards;
        this.backfills = backfills;
        this.audit = audit;
        this.sql = sql;
        this.accounts = accounts;
        this.json = json;
        this.clock = clock;
    }

    /** What a rule would do now: how many members it would grant, and some of them. */
    @Serdeable
    public record DryRun(long wouldGrant, List<String> examples) {
    }

    @Serdeable
    public record GrantResult(int granted, int alreadyHeld, List<String> unknown) {
    }

    @Transactional(readOnly = true)
    public DryRun dryRun(BadgeTemplate rule) {
        BadgeTemplate.Sql where = rule.validated().toSql();
        long count = sql.query("SELECT COUNT(*) FROM members m WHERE " + where.where(), where.params(),
                rs -> rs.getLong(1)).get(0);
        List<String> examples = sql.query("SELECT m.username FROM members m WHERE " + where.where()
                + " ORDER BY m.id LIMIT " + EXAMPLES, where.params(), rs -> rs.getString(1));
        return new DryRun(count, examples);
    }

    /** A new badge starts switched off: its rule is tried first, then it is switched on. */
    @Transactional
    public Badge create(Viewer staff, BadgeRequests.Save save) {
        Instant now = clock.instant();
        String slug = slugOf(save.nameEn());
        Badge badge = badges.save(new Badge(null, slug, save.nameEn().strip(), save.nameFr().strip(),
                save.descriptionEn().strip(), save.descriptionFr().strip(), save.icon(), save.tier(), save.group(),
                false, false, false, save.allowTitle(), null, 0, rule(save.rule()), 0, now, now));
        audit.record(staff.memberId(), "badge.create", "badge", badge.id(), badge.nameEn(), null);
        awards.catalogueChanged();
        return badge;
    }

    /** Changes what a badge says; a console-made badge's rule may change too (and is backfilled if on). */
    @Transactional
    public Badge update(Viewer staff, long id, BadgeRequests.Save save) {
        Badge badge = require(id);
        String rule = badge.ruleKey() == null ? rule(save.rule()) : badge.ruleJson();
        boolean ruleChanged = !java.util.Objects.equals(rule, badge.ruleJson());
        Badge updated = badges.update(new Badge(badge.id(), badge.slug(), save.nameEn().strip(), save.nameFr().strip(),
                save.descriptionEn().strip(), save.descriptionFr().strip(), save.icon(), save.tier(), save.group(),
                badge.multiple(), badge.enabled(), badge.retired(), save.allowTitle(), badge.ruleKey(),
                badge.threshold(), rule, badge.holderCount(), badge.createdAt(), clock.instant()));
        audit.record(staff.memberId(), "badge.update", "badge", id, updated.nameEn(), ruleChanged ? "rule changed" : null);
        awards.catalogueChanged();
        if (ruleChanged && updated.enabled() && rule != null) {
            backfills.start(staff, updated);
        }
        return updated;
    }

    /** Switching a badge on grants it to whoever already earned it (a backfill); off stops granting. */
    @Transactional
    public Badge setEnabled(Viewer staff, long id, boolean on) {
        Badge badge = require(id);
        Badge updated = badges.update(withFlags(badge, on, badge.retired()));
        audit.record(staff.memberId(), on ? "badge.enable" : "badge.disable", "badge", id, badge.nameEn(), null);
        awards.catalogueChanged();
        if (on && !badge.enabled() && (badge.ruleJson() != null || BadgeBackfills.backfillable(badge))) {
            backfills.start(staff, updated);
        }
        return updated;
    }

    /** A retired badge stays on the profiles of those who hold it and is no longer granted. */
    @Transactional
    public Badge setRetired(Viewer staff, long id, boolean retired) {
        Badge badge = require(id);
        Badge updated = badges.update(withFlags(badge, badge.enabled(), retired));
        audit.record(staff.memberId(), retired ? "badge.retire" : "badge.unretire", "badge", id, badge.nameEn(), null);
        awards.catalogueChanged();
        return updated;
    }

    /** Grants a badge by hand to a list of members (usernames, or CSV lines whose first column is one). */
    @Transactional
    public GrantResult grant(Viewer staff, long id, List<String> lines, String reason) {
        Badge badge = require(id);
        if (badge.retired()) {
            throw Problems.badRequest("problem.badgeRetired");
        }
        Set<String> usernames = new LinkedHashSet<>();
        for (String line : lines) {
            String first = line.split("[,;\\t]", 2)[0].strip().replace("\"", "");
            if (!first.isEmpty() && !"username".equalsIgnoreCase(first)) {
                usernames.add(first.startsWith("@") ? first.substring(1) : first);
            }
        }
        int granted = 0;
        int held = 0;
        List<String> unknown = new ArrayList<>();
        Instant now = clock.instant();
        for (String username : usernames) {
            Long memberId = accounts.idOf(username).orElse(null);
            if (memberId == null) {
                unknown.add(username);
                continue;
            }
            String key = badge.multiple() ? "staff:" + now.toEpochMilli() : "once";
            if (awards.grant(badge, memberId, key, null, null, staff.memberId(), reason.strip())) {
                granted++;
            } else {
                held++;
            }
        }
        audit.record(staff.memberId(), "badge.grant", "badge", id, badge.nameEn() + ": " + granted + " granted",
                reason);
        return new GrantResult(granted, held, unknown);
    }

    @Transactional
    public void revoke(Viewer staff, long grantId, String reason) {
        record Grant(long badgeId, long memberId, String username) {
        }
        Grant grant = sql.query("SELECT g.badge_id, g.member_id, m.username FROM badge_grants g JOIN members m "
                        + "ON m.id = g.member_id WHERE g.id = ?", List.of(grantId),
                rs -> new Grant(rs.getLong(1), rs.getLong(2), rs.getString(3))).stream().findFirst()
                .orElseThrow(() -> Problems.notFound("grant"));
        sql.update("DELETE FROM badge_grants WHERE id = ?", List.of(grantId));
        if (badges.grantsOf(grant.badgeId(), grant.memberId()) == 0) {
            badges.countHolders(grant.badgeId(), -1);
        }
        audit.record(staff.memberId(), "badge.revoke", "badge", grant.badgeId(), grant.username(), reason.strip());
    }

    private Badge require(long id) {
        return badges.findById(id).orElseThrow(() -> Problems.notFound("badge"));
    }

    private static Badge withFlags(Badge b, boolean enabled, boolean retired) {
        return new Badge(b.id(), b.slug(), b.nameEn(), b.nameFr(), b.descriptionEn(), b.descriptionFr(), b.icon(),
                b.tier(), b.badgeGroup(), b.multiple(), enabled, retired, b.allowTitle(), b.ruleKey(), b.threshold(),
                b.ruleJson(), b.holderCount(), b.createdAt(), Instant.now());
    }

    @Nullable
    private String rule(@Nullable BadgeTemplate template) {
        if (template == null) {
            return null;
        }
        try {
            String text = json.writeValueAsString(template.validated());
            if (text.length() > 2000) {
                throw Problems.invalidField("rule", "validation.badgeRule.conditions");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    BadgeTemplate template(Badge badge) {
        try {
            return json.readValue(badge.ruleJson(), BadgeTemplate.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String slugOf(String name) {
        String base = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String slug = base.isEmpty() ? "badge" : base.length() > 50 ? base.substring(0, 50) : base;
        String candidate = slug;
        for (int i = 2; !sql.query("SELECT 1 FROM badges WHERE slug = ?", List.of(candidate), rs -> 1).isEmpty(); i++) {
            candidate = slug + "-" + i;
        }
        return candidate;
    }
}
