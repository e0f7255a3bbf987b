package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Messages;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import io.ruche.platform.SiteSettings;
import io.ruche.platform.Sql;
import io.ruche.platform.events.Outbox;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A member deletes their account: asked with the password, carried out after a week in which signing in and one
 * click cancel it. Then the member row keeps no personal data ("deleted-42", "Deleted member"), the account's
 * sessions, groups and tokens go, and {@link AccountEvents.MemberErased} has every feature erase what it holds
 * (see {@link io.ruche.platform.PersonalData}). Posts stay under "deleted member" or lose their text, as the site
 * chose.
 */
@Singleton
public class AccountDeletion {

    private static final Logger LOG = LoggerFactory.getLogger(AccountDeletion.class);
    public static final Duration GRACE = Duration.ofDays(7);

    private final Sql sql;
    private final MemberRepository members;
    private final PasswordHasher hasher;
    private final RateLimiter rateLimiter;
    private final AccountMails mails;
    private final Outbox outbox;
    private final SiteSettings site;
    private final Messages messages;
    private final Clock clock;
    private final TransactionOperations<Connection> tx;
    private final SecureRandom random = new SecureRandom();

    public AccountDeletion(Sql sql, MemberRepository members, PasswordHasher hasher, RateLimiter rateLimiter,
                           AccountMails mails, Outbox outbox, SiteSettings site, Messages messages, Clock clock,
                           TransactionOperations<Connection> tx) {
        this.sql = sql;
        this.members = members;
        this.hasher = hasher;
        this.rateLimiter = rateLimiter;
        this.mails = mails;
        this.outbox = outbox;
        this.site = site;
        this.messages = messages;
        this.clock = clock;
        this.tx = tx;
    }

    /** Whether a deletion waits, and until when; what the site does with the posts. */
    @Serdeable
    public record DeletionView(@Nullable Instant dueAt, String posts) {
    }

    @Transactional(readOnly = true)
    public DeletionView status(long memberId) {
        List<java.util.Optional<Instant>> due = sql.query("SELECT deletion_due_at FROM members WHERE id = ?",
                List.of(memberId), rs -> java.util.Optional.ofNullable(Sql.instant(rs, 1)));
        return new DeletionView(due.isEmpty() ? null : due.get(0).orElse(null), site.deletedMemberPosts());
    }

    /** Schedules the deletion a week from now; the address on file hears when, and how to cancel. */
    @Transactional
    public DeletionView request(long memberId, String password) {
        rateLimiter.hit("account-deletion:" + memberId, 10, Duration.ofHours(1));
        Member member = members.findById(memberId).orElseThrow(() -> Problems.notFound("member"));
        if (!hasher.matches(password, member.passwordHash())) {
            throw Problems.invalidField("password", "validation.passwordWrong");
        }
        if (member.role() == Role.ADMIN && members.lockAndCountAdmins() <= 1) {
            throw Problems.forbidden("problem.account.lastAdmin");
        }
        Instant due = clock.instant().plus(GRACE).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        sql.update("UPDATE members SET deletion_due_at = ? WHERE id = ? AND erased_at IS NULL",
                List.of(due, memberId));
        mails.deletionScheduled(member, due, members.timeZoneOf(memberId).orElse("UTC"));
        return new DeletionView(due, site.deletedMemberPosts());
    }

    @Transactional
    public DeletionView cancel(long memberId) {
        sql.update("UPDATE members SET deletion_due_at = NULL WHERE id = ?", List.of(memberId));
        return new DeletionView(null, site.deletedMemberPosts());
    }

    /** Erases the accounts whose grace period ended; each in its own transaction, taken by one node only. */
    @Scheduled(fixedDelay = "${ruche.accounts.erase-every:5m}", initialDelay = "1m")
    public int eraseDue() {
        List<Long> due = tx.executeRead(status -> sql.query("SELECT id FROM members WHERE deletion_due_at <= ? "
                + "AND erased_at IS NULL ORDER BY deletion_due_at LIMIT 100", List.of(clock.instant()),
                rs -> rs.getLong(1)));
        int erased = 0;
        for (long id : due) {
            try {
                if (Boolean.TRUE.equals(tx.executeWrite(status -> erase(id)))) {
                    erased++;
                }
            } catch (RuntimeException e) {
                LOG.warn("Erasing account {} failed; it is tried again on the next round", id, e);
            }
        }
        return erased;
    }

    /**
     * First step: the account closes for good (no password opens it, no session stays, no group, no token) and
     * {@link AccountEvents.MemberErased} is published with it. The name and address stay on the row until
     * {@link #finish} has had every feature erase what it holds.
     */
    private boolean erase(long memberId) {
        List<Long> rows = sql.query("SELECT id FROM members WHERE id = ? AND deletion_due_at <= ? "
                        + "AND erased_at IS NULL FOR UPDATE SKIP LOCKED", List.of(memberId, clock.instant()),
                rs -> rs.getLong(1));
        if (rows.isEmpty()) {
            return false; // cancelled meanwhile, or another node is at it
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        sql.update("UPDATE members SET password_hash = ?, role = 'MEMBER', deletion_due_at = NULL, erased_at = ?, "
                        + "digest = 'OFF', next_digest_at = NULL WHERE id = ?",
                List.of(hasher.hash(Base64.getEncoder().encodeToString(secret)), clock.instant(), memberId));
        sql.update("DELETE FROM sessions WHERE member_id = ?", List.of(memberId));
        sql.update("DELETE FROM group_memberships WHERE member_id = ?", List.of(memberId));
        sql.update("DELETE FROM account_tokens WHERE member_id = ?", List.of(memberId));
        outbox.publish(new AccountEvents.MemberErased(memberId, "REMOVE".equals(site.deletedMemberPosts())));
        return true;
    }

    /** Whom the erasure is about, while the row still names them; empty once the row is anonymous. */
    @Transactional(readOnly = true)
    public java.util.Optional<io.ruche.platform.PersonalData.Erasure> erasure(long memberId, boolean removeContent) {
        return sql.query("SELECT username, email FROM members WHERE id = ? AND erased_at IS NOT NULL "
                        + "AND email NOT LIKE '%@invalid'", List.of(memberId),
                rs -> new io.ruche.platform.PersonalData.Erasure(memberId, rs.getString(1), rs.getString(2),
                        removeContent)).stream().findFirst();
    }

    /** Last step, once every feature erased: the row keeps no personal data ("deleted-42", "Deleted member"). */
    @Transactional
    public void finish(io.ruche.platform.PersonalData.Erasure erasure) {
        long memberId = erasure.memberId();
        String language = site.settings().languages().split(",")[0].strip();
        sql.update("UPDATE members SET username = ?, email = ?, display_name = ?, bio = '', locale = NULL, "
                        + "time_zone = 'UTC', email_verified_at = NULL, last_seen_at = NULL, last_visit_day = NULL, "
                        + "last_digest_at = NULL, silenced_until = NULL, suspended_until = NULL, avatar_key = NULL "
                        + "WHERE id = ?",
                List.of("deleted-" + memberId, "deleted-" + memberId + "@invalid",
                        messages.get(Locale.forLanguageTag(language), "account.deletedMember"), memberId));
        sql.update("DELETE FROM sign_in_throttle WHERE login IN (?, ?)",
                List.of(erasure.username().toLowerCase(Locale.ROOT), erasure.email().toLowerCase(Locale.ROOT)));
        rateLimiter.forget(erasure.username());
        rateLimiter.forget(erasure.email());
        outbox.publish(new AccountEvents.MemberAnonymised(memberId));
        LOG.info("Account {} deleted: its personal data is erased", memberId);
    }
}
