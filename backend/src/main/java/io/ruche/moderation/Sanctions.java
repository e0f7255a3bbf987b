package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.mail.MailTemplates;
import io.ruche.notifications.NotificationKind;
import io.ruche.notifications.NotificationPreferences;
import io.ruche.notifications.NotificationService;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import io.ruche.accounts.AccountService;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Warnings, silences (read only) and suspensions (no sign-in), with a reason the member reads and an end that
 * lifts them by itself (the checks compare with the clock; nothing has to run at the end). The member is told by
 * a staff notification, which also goes by mail unless they moved it.
 */
@Singleton
public class Sanctions {

    public enum Kind { WARNING, SILENCE, SUSPENSION }

    private final Sql sql;
    private final SanctionRepository sanctions;
    private final Clock clock;
    private final AuditLog audit;
    private final NotificationService notifications;
    private final NotificationPreferences preferences;
    private final MailTemplates templates;
    private final AccountService accounts;
    private final io.ruche.platform.events.Outbox outbox;

    public Sanctions(SanctionRepository sanctions, Sql sql, Clock clock, AuditLog audit, NotificationService notifications,
                     NotificationPreferences preferences, MailTemplates templates, AccountService accounts,
                     io.ruche.platform.events.Outbox outbox) {
        this.outbox = outbox;
        this.accounts = accounts;
        this.sql = sql;
        this.sanctions = sanctions;
        this.clock = clock;
        this.audit = audit;
        this.notifications = notifications;
        this.preferences = preferences;
        this.templates = templates;
    }

    @Serdeable
    public record Sanction(long id, Kind kind, String reason, @Nullable String by, Instant createdAt,
                           @Nullable Instant endsAt, @Nullable Instant liftedAt, boolean active) {
    }

    record Target(long id, String username, String role, String locale, String zone) {
    }

    private Target target(String username) {
        io.ruche.accounts.Member member = accounts.byUsername(username);
        return new Target(member.id(), member.username(), member.role().name(), member.locale(),
                accounts.timeZoneOf(member.id()));
    }

    /** Applies a sanction; {@code hours} null or 0 means until lifted (warnings have no duration). */
    @Transactional
    public Sanction apply(long actorId, boolean actorIsAdmin, String username, Kind kind, String reason,
                          @Nullable Integer hours) {
        Target member = target(username);
        if (member.id() == actorId) {
            throw Problems.badRequest("problem.sanctionSelf");
        }
        if (!"MEMBER".equals(member.role()) && !actorIsAdmin) {
            throw Problems.forbidden("problem.sanctionStaff");
        }
        if (reason == null || reason.isBlank()) {
            throw Problems.invalidField("reason", "validation.required");
        }
        Instant now = clock.instant();
        Instant ends = kind == Kind.WARNING || hours == null || hours <= 0 ? null : now.plus(Duration.ofHours(hours));
        long id = sanctions.save(new SanctionRecord(null, member.id(), kind.name(), reason.strip(), actorId, now, ends,
                null, null)).id();
        outbox.publish(new ModerationEvents.SanctionApplied(id, member.id(), kind.name(), actorId));
        Instant until = ends == null ? Instant.parse("9999-12-31T00:00:00Z") : ends;
        if (kind == Kind.SILENCE) {
            accounts.restrict(member.id(), AccountService.Restriction.SILENCE, until);
        } else if (kind == Kind.SUSPENSION) {
            accounts.restrict(member.id(), AccountService.Restriction.SUSPENSION, until);
        }
        audit.record(actorId, "sanction." + kind.name().toLowerCase(Locale.ROOT), "member", member.id(),
                member.username() + (ends == null ? "" : " until " + ends), reason);
        Locale locale = MailTemplates.localeOf(member.locale());
        String endText = ends == null ? templates.text(locale, "sanction.noEnd")
                : templates.text(locale, "sanction.until", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(locale).withZone(ZoneId.of(member.zone())).format(ends));
        String message = templates.text(locale, "sanction." + kind.name().toLowerCase(Locale.ROOT), reason.strip(),
                endText);
        notifications.deliver(new NotificationService.Draft(member.id(), NotificationKind.STAFF_MESSAGE, null, null,
                actorId, message.length() > 500 ? message.substring(0, 500) : message, null),
                kind == Kind.SUSPENSION ? NotificationKind.Channel.EMAIL
                        : preferences.channel(member.id(), NotificationKind.STAFF_MESSAGE));
        return history(member.id()).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
    }

    /**
     * Ends a silence or suspension early. The same rule as giving one: only an admin lifts a sanction on staff,
     * and nobody lifts their own.
     */
    @Transactional
    public void lift(long actorId, boolean actorIsAdmin, long sanctionId, String reason) {
        record Row(long memberId, String kind, Instant liftedAt, String role) {
        }
        Row row = sql.query("SELECT s.member_id, s.kind, s.lifted_at, m.role FROM sanctions s "
                        + "JOIN members m ON m.id = s.member_id WHERE s.id = ?", List.of(sanctionId),
                rs -> new Row(rs.getLong(1), rs.getString(2), Sql.instant(rs, 3), rs.getString(4))).stream()
                .findFirst().orElseThrow(() -> Problems.notFound("sanction"));
        if (row.memberId() == actorId) {
            throw Problems.forbidden("problem.sanctionSelf");
        }
        if (!"MEMBER".equals(row.role()) && !actorIsAdmin) {
            throw Problems.forbidden("problem.sanctionStaff");
        }
        if (row.liftedAt() != null) {
            return;
        }
        Instant now = clock.instant();
        sanctions.lift(sanctionId, actorId, now);
        if ("SILENCE".equals(row.kind())) {
            accounts.lift(row.memberId(), AccountService.Restriction.SILENCE);
        } else if ("SUSPENSION".equals(row.kind())) {
            accounts.lift(row.memberId(), AccountService.Restriction.SUSPENSION);
        }
        audit.record(actorId, "sanction.lift", "member", row.memberId(), row.kind(), reason);
    }

    @Transactional(readOnly = true)
    public List<Sanction> history(long memberId) {
        Instant now = clock.instant();
        return sql.query("SELECT s.id, s.kind, s.reason, m.username, s.created_at, s.ends_at, s.lifted_at "
                        + "FROM sanctions s LEFT JOIN members m ON m.id = s.created_by WHERE s.member_id = ? "
                        + "ORDER BY s.id DESC LIMIT 50", List.of(memberId),
                rs -> {
                    Kind kind = Kind.valueOf(rs.getString(2));
                    Instant ends = Sql.instant(rs, 6);
                    Instant lifted = Sql.instant(rs, 7);
                    boolean active = kind != Kind.WARNING && lifted == null && (ends == null || ends.isAfter(now));
                    return new Sanction(rs.getLong(1), kind, rs.getString(3), rs.getString(4), Sql.instant(rs, 5),
                            ends, lifted, active);
                });
    }
}
