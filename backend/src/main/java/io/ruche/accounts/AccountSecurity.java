package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A member looking after their own account: a new password, and the browsers signed in to it. Sessions are named
 * to the member by a prefix of their stored digest, which opens nothing (the cookie token is never stored).
 */
@Singleton
public class AccountSecurity {

    /** Enough of the digest to tell sessions apart, far too little to be of use to anyone else. */
    static final int SESSION_KEY_LENGTH = 16;

    private final Sql sql;
    private final MemberRepository members;
    private final PasswordHasher hasher;
    private final RateLimiter rateLimiter;
    private final AccountMails mails;
    private final Clock clock;

    public AccountSecurity(Sql sql, MemberRepository members, PasswordHasher hasher, RateLimiter rateLimiter,
                           AccountMails mails, Clock clock) {
        this.sql = sql;
        this.members = members;
        this.hasher = hasher;
        this.rateLimiter = rateLimiter;
        this.mails = mails;
        this.clock = clock;
    }

    /** One signed-in browser as its owner sees it. */
    @Serdeable
    public record SessionView(String id, Instant createdAt, Instant lastSeenAt, String ip, String browser,
                              String system, boolean current) {
    }

    /**
     * Replaces the password when the current one is right; every other browser signed in to the account is signed
     * out (the one asking stays), and the address on file hears of it, in case it was not its owner.
     */
    @Transactional
    public void changePassword(long memberId, @Nullable String currentToken, String currentPassword,
                               String newPassword) {
        rateLimiter.hit("password-change:" + memberId, 10, Duration.ofHours(1));
        Member member = members.findById(memberId).orElseThrow(() -> Problems.notFound("member"));
        // Two browsers changing it at once: the second reads the password the first set, so its "current" is wrong.
        String hash = sql.query("SELECT password_hash FROM members WHERE id = ? FOR UPDATE", List.of(memberId),
                rs -> rs.getString(1)).get(0);
        if (!hasher.matches(currentPassword, hash)) {
            throw Problems.invalidField("currentPassword", "validation.passwordWrong");
        }
        PasswordPolicy.violation(newPassword, member.username()).ifPresent(code -> {
            throw Problems.invalidField("newPassword", code);
        });
        if (hasher.matches(newPassword, hash)) {
            throw Problems.invalidField("newPassword", "validation.password.same");
        }
        sql.update("UPDATE members SET password_hash = ? WHERE id = ?", List.of(hasher.hash(newPassword), memberId));
        endOthers(memberId, currentToken);
        mails.passwordChanged(member);
    }

    @Transactional(readOnly = true)
    public List<SessionView> sessions(long memberId, @Nullable String currentToken) {
        String current = currentToken == null ? "" : SessionService.digest(currentToken);
        return sql.query("SELECT id, created_at, last_seen_at, ip, user_agent FROM sessions "
                        + "WHERE member_id = ? AND expires_at > ? ORDER BY last_seen_at DESC, id LIMIT 100",
                List.of(memberId, clock.instant()), rs -> {
                    String id = rs.getString(1);
                    String agent = rs.getString(5);
                    return new SessionView(id.substring(0, SESSION_KEY_LENGTH), rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant(), rs.getString(4), UserAgents.browser(agent),
                            UserAgents.system(agent), id.equals(current));
                });
    }

    /** Signs one browser out; another member's session, or none, is 404. */
    @Transactional
    public void endSession(long memberId, String sessionKey) {
        if (!sessionKey.matches("[0-9a-f]{" + SESSION_KEY_LENGTH + "}")
                || sql.update("DELETE FROM sessions WHERE member_id = ? AND id LIKE ?",
                List.of(memberId, sessionKey + "%")) == 0) {
            throw Problems.notFound("session");
        }
    }

    /** Signs out every browser of the member but the one asking; answers how many were signed out. */
    @Transactional
    public int endOthers(long memberId, @Nullable String currentToken) {
        String current = currentToken == null ? "" : SessionService.digest(currentToken);
        return sql.update("DELETE FROM sessions WHERE member_id = ? AND id <> ?", List.of(memberId, current));
    }
}
