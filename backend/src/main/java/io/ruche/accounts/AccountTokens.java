package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Single-use, expiring tokens sent by mail (address verification, password reset, address change). Only their
 * SHA-256 is stored; using one marks it used under a row lock, so it works once even if clicked twice at once.
 */
@Singleton
public class AccountTokens {

    public enum Purpose { VERIFY, RESET, EMAIL_CHANGE }

    private final Sql sql;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public AccountTokens(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** Issues a token; earlier unused tokens of the same purpose for this member stop working. */
    public String issue(long memberId, Purpose purpose, @Nullable String newEmail, Duration ttl) {
        Instant now = clock.instant();
        sql.update("UPDATE account_tokens SET used_at = ? WHERE member_id = ? AND purpose = ? AND used_at IS NULL",
                List.of(now, memberId, purpose.name()));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sql.update("INSERT INTO account_tokens (id, member_id, purpose, new_email, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                Arrays.asList(SessionService.digest(token), memberId, purpose.name(), newEmail, now, now.plus(ttl)));
        return token;
    }

    public record Used(long memberId, @Nullable String newEmail) {
    }

    /** Uses a token (in the caller's transaction); a wrong, used or expired token is a clear 400. */
    public Used consume(String token, Purpose purpose) {
        Instant now = clock.instant();
        record Row(long memberId, String newEmail, Instant expiresAt, Instant usedAt) {
        }
        Row row = sql.query("SELECT member_id, new_email, expires_at, used_at FROM account_tokens WHERE id = ? "
                        + "AND purpose = ? FOR UPDATE", List.of(SessionService.digest(token), purpose.name()),
                rs -> new Row(rs.getLong(1), rs.getString(2), Sql.instant(rs, 3), Sql.instant(rs, 4)))
                .stream().findFirst().orElseThrow(() -> Problems.badRequest("problem.token.invalid"));
        if (row.usedAt() != null) {
            throw Problems.badRequest("problem.token.used");
        }
        if (!row.expiresAt().isAfter(now)) {
            throw Problems.badRequest("problem.token.expired");
        }
        sql.update("UPDATE account_tokens SET used_at = ? WHERE id = ?", List.of(now, SessionService.digest(token)));
        return new Used(row.memberId(), row.newEmail());
    }
}
