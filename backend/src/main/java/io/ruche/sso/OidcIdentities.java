package io.ruche.sso;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Identities (a provider's subject linked to a member) and the links waiting for an owner's confirmation, each step
 * in its own short transaction: the sign-in around them also calls the provider and other features.
 */
@Singleton
class OidcIdentities {

    private final Sql sql;
    private final AccountService accounts;
    private final Clock clock;

    OidcIdentities(Sql sql, AccountService accounts, Clock clock) {
        this.sql = sql;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    @Nullable Long memberOf(long providerId, String subject) {
        return sql.query("SELECT member_id FROM member_identities WHERE provider_id = ? AND subject = ?",
                List.of(providerId, subject), rs -> rs.getLong(1)).stream().findFirst().orElse(null);
    }

    /**
     * Links the subject to the member, unless it is linked already: two sign-ins of the same person at once keep one
     * link (the unique key), and both go on with the member it names, which is returned.
     */
    @Transactional
    long link(long memberId, long providerId, String subject) {
        sql.update("INSERT IGNORE INTO member_identities (member_id, provider_id, subject, linked_at) "
                + "VALUES (?, ?, ?, ?)", List.of(memberId, providerId, subject, clock.instant()));
        return sql.query("SELECT member_id FROM member_identities WHERE provider_id = ? AND subject = ?",
                List.of(providerId, subject), rs -> rs.getLong(1)).get(0);
    }

    @Transactional
    void signedIn(long providerId, String subject) {
        sql.update("UPDATE member_identities SET last_sign_in_at = ? WHERE provider_id = ? AND subject = ?",
                List.of(clock.instant(), providerId, subject));
    }

    /** Keeps a link waiting for the owner's click (one per member and provider); the token's hash is stored. */
    @Transactional
    void awaitConfirmation(String tokenHash, long memberId, long providerId, String subject) {
        sql.update("DELETE FROM oidc_link_requests WHERE member_id = ? AND provider_id = ?",
                List.of(memberId, providerId));
        sql.update("INSERT INTO oidc_link_requests (token_hash, member_id, provider_id, subject, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)", List.of(tokenHash, memberId, providerId, subject,
                clock.instant().plus(Duration.ofDays(1))));
    }

    /** The owner's click: true when the link was waiting and is made now (the address is proven too). */
    @Transactional
    boolean confirm(String tokenHash) {
        record Request(long memberId, long providerId, String subject, Instant expiresAt) {
        }
        Request request = sql.query("SELECT member_id, provider_id, subject, expires_at FROM oidc_link_requests "
                        + "WHERE token_hash = ? FOR UPDATE", List.of(tokenHash),
                rs -> new Request(rs.getLong(1), rs.getLong(2), rs.getString(3), Sql.instant(rs, 4)))
                .stream().findFirst().orElse(null);
        if (request == null) {
            return false;
        }
        sql.update("DELETE FROM oidc_link_requests WHERE token_hash = ?", List.of(tokenHash));
        if (request.expiresAt().isBefore(clock.instant())) {
            return false;
        }
        sql.update("INSERT IGNORE INTO member_identities (member_id, provider_id, subject, linked_at) "
                + "VALUES (?, ?, ?, ?)", List.of(request.memberId(), request.providerId(), request.subject(),
                clock.instant()));
        accounts.markEmailVerified(request.memberId());
        return true;
    }
}
