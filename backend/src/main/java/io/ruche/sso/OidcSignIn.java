package io.ruche.sso;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.GroupService;
import io.ruche.accounts.Member;
import io.ruche.accounts.Role;
import io.ruche.mail.MailContent;
import io.ruche.mail.MailQueue;
import io.ruche.mail.MailSettings;
import io.ruche.mail.MailTemplates;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sign-in with an identity provider (OpenID Connect authorization code flow with PKCE). {@link #start} keeps the
 * flow (state, nonce, code verifier, the hash of a cookie binding it to this browser) and sends the browser to the
 * provider; the callback consumes the flow once, and after {@link OidcTokens} checked the ID token, {@link #complete}
 * finds the member: by the identity already linked; else by address, linked at once only when the provider says the
 * address is verified (otherwise the account's owner confirms by mail); else a new account. Group memberships follow
 * the provider's group claim for the groups it manages.
 */
@Singleton
public class OidcSignIn {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration FLOW_TTL = Duration.ofMinutes(10);

    /** Where the browser goes next; {@code browserKey}: the value of the cookie that binds the flow to it. */
    public record Started(String redirect, String browserKey) {
    }

    /** A flow found and used up by the callback. */
    record Flow(long providerId, String nonce, String verifier, String returnTo) {
    }

    /**
     * How a sign-in ended: a member to open a session for (or null), and where the browser goes: the page it came
     * from, or the sign-in page with a reason ({@code ?sso=...}).
     */
    public record Outcome(@Nullable Member member, String redirect) {
    }

    private final Sql sql;
    private final OidcProviders providers;
    private final AccountService accounts;
    private final GroupService groups;
    private final MailQueue mails;
    private final MailTemplates templates;
    private final MailSettings mailSettings;
    private final Clock clock;

    public OidcSignIn(Sql sql, OidcProviders providers, AccountService accounts, GroupService groups, MailQueue mails,
                      MailTemplates templates, MailSettings mailSettings, Clock clock) {
        this.sql = sql;
        this.providers = providers;
        this.accounts = accounts;
        this.groups = groups;
        this.mails = mails;
        this.templates = templates;
        this.mailSettings = mailSettings;
        this.clock = clock;
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A path of this site to come back to, or the home page: never another site. */
    static String safeReturn(@Nullable String returnTo) {
        if (returnTo == null || !returnTo.startsWith("/") || returnTo.startsWith("//") || returnTo.contains("\\")
                || returnTo.length() > 300 || returnTo.startsWith("/auth/")) {
            return "/";
        }
        return returnTo;
    }

    @Transactional
    public Started start(String slug, @Nullable String returnTo, String redirectUri) {
        OidcProviders.Provider provider = providers.bySlug(slug);
        if (provider == null || !provider.enabled()) {
            throw Problems.notFound("provider");
        }
        Instant now = clock.instant();
        sql.update("DELETE FROM oidc_flows WHERE expires_at < ? LIMIT 100", List.of(now));
        String state = random();
        String nonce = random();
        String verifier = random();
        String browserKey = random();
        sql.update("INSERT INTO oidc_flows (state, provider_id, nonce, code_verifier, browser_hash, return_to, "
                        + "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                List.of(state, provider.id(), nonce, verifier, sha256(browserKey), safeReturn(returnTo), now,
                        now.plus(FLOW_TTL)));
        String challenge;
        try {
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String endpoint = provider.authorizationEndpoint();
        String url = endpoint + (endpoint.contains("?") ? "&" : "?") + "response_type=code"
                + "&client_id=" + encode(provider.clientId()) + "&redirect_uri=" + encode(redirectUri)
                + "&scope=" + encode(provider.scopes()) + "&state=" + state + "&nonce=" + nonce
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        return new Started(url, browserKey);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Uses up the flow named by {@code state} (once, whoever asks), if it is still fresh and started in this browser;
     * null otherwise.
     */
    @Transactional
    @Nullable Flow consume(String state, @Nullable String browserKey) {
        if (state == null || state.length() != 43) {
            return null;
        }
        record Stored(Flow flow, String browserHash, Instant expiresAt) {
        }
        Stored stored = sql.query("SELECT provider_id, nonce, code_verifier, return_to, browser_hash, expires_at "
                        + "FROM oidc_flows WHERE state = ? FOR UPDATE", List.of(state),
                rs -> new Stored(new Flow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                        rs.getString(5), Sql.instant(rs, 6))).stream().findFirst().orElse(null);
        if (stored == null) {
            return null;
        }
        sql.update("DELETE FROM oidc_flows WHERE state = ?", List.of(state));
        // Whoever plays the callback uses the flow up; only the browser that started it is signed in.
        boolean sameBrowser = browserKey != null && MessageDigest.isEqual(
                stored.browserHash().getBytes(StandardCharsets.US_ASCII),
                sha256(browserKey).getBytes(StandardCharsets.US_ASCII));
        return sameBrowser && stored.expiresAt().isAfter(clock.instant()) ? stored.flow() : null;
    }

    static String failed(String reason) {
        return "/sign-in?sso=" + reason;
    }

    /** After the ID token was checked: the member to sign in, or why not. */
    @Transactional
    public Outcome complete(OidcProviders.Provider provider, JWTClaimsSet claims, String returnTo) {
        String subject = claims.getSubject();
        String email = stringClaim(claims, "email");
        boolean emailVerified = booleanClaim(claims, "email_verified");
        Instant now = clock.instant();
        Long linked = sql.query("SELECT member_id FROM member_identities WHERE provider_id = ? AND subject = ?",
                List.of(provider.id(), subject), rs -> rs.getLong(1)).stream().findFirst().orElse(null);
        Member member;
        if (linked != null) {
            member = accounts.byId(linked);
        } else {
            if (email == null || email.isBlank()) {
                return new Outcome(null, failed("no-email"));
            }
            Member owner = accounts.byEmail(email).orElse(null);
            if (owner != null && !emailVerified) {
                askOwnerToConfirm(owner, provider, subject);
                return new Outcome(null, failed("confirm-by-mail"));
            }
            if (owner != null) {
                member = owner;
            } else {
                try {
                    String preferred = stringClaim(claims, "preferred_username");
                    member = accounts.registerFromIdentity(preferred != null ? preferred : email.split("@")[0],
                            email, stringClaim(claims, "name"), stringClaim(claims, "locale"), emailVerified);
                } catch (io.ruche.platform.ProblemException e) {
                    return new Outcome(null, failed("registration-closed"));
                }
            }
            // Two sign-ins of the same person at once: the unique key keeps one link, both reach the same member.
            sql.update("INSERT IGNORE INTO member_identities (member_id, provider_id, subject, linked_at) "
                    + "VALUES (?, ?, ?, ?)", List.of(member.id(), provider.id(), subject, now));
            Long winner = sql.query("SELECT member_id FROM member_identities WHERE provider_id = ? AND subject = ?",
                    List.of(provider.id(), subject), rs -> rs.getLong(1)).get(0);
            member = winner == member.id() ? member : accounts.byId(winner);
        }
        if (accounts.suspended(member.id())) {
            return new Outcome(null, failed("suspended"));
        }
        if (member.role() == Role.MEMBER && !member.emailVerified() && accounts.verificationRequired()) {
            return new Outcome(null, failed("verify-mail"));
        }
        sql.update("UPDATE member_identities SET last_sign_in_at = ? WHERE provider_id = ? AND subject = ?",
                List.of(now, provider.id(), subject));
        syncGroups(provider, claims, member);
        return new Outcome(member, returnTo);
    }

    /** The groups this provider manages follow its claim: joined when named, left when not. */
    private void syncGroups(OidcProviders.Provider provider, JWTClaimsSet claims, Member member) {
        if (provider.groupClaim() == null || provider.syncedGroups().isEmpty()) {
            return;
        }
        Object claim = claims.getClaim(provider.groupClaim());
        Set<String> named = claim instanceof Collection<?> values
                ? values.stream().map(String::valueOf).map(String::strip).collect(Collectors.toSet())
                : claim instanceof String text ? Set.of(text.split("[,\\s]+")) : Set.of();
        Set<Long> mine = groups.groupIdsOf(member.id());
        for (String group : provider.syncedGroups()) {
            groups.idByName(group).ifPresent(id -> {
                if (named.contains(group) && !mine.contains(id)) {
                    groups.addMember(id, member.username());
                } else if (!named.contains(group) && mine.contains(id)) {
                    groups.removeMember(id, member.username());
                }
            });
        }
    }

    private void askOwnerToConfirm(Member owner, OidcProviders.Provider provider, String subject) {
        String token = random();
        sql.update("DELETE FROM oidc_link_requests WHERE member_id = ? AND provider_id = ?",
                List.of(owner.id(), provider.id()));
        sql.update("INSERT INTO oidc_link_requests (token_hash, member_id, provider_id, subject, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)", List.of(sha256(token), owner.id(), provider.id(), subject,
                clock.instant().plus(Duration.ofDays(1))));
        Locale locale = MailTemplates.localeOf(owner.locale());
        String link = mailSettings.publicUrl() + "/auth/oidc/link/" + token;
        MailContent content = new MailContent(templates.text(locale, "sso.link.subject", provider.name()),
                templates.text(locale, "sso.link.heading", provider.name()),
                List.of(templates.text(locale, "sso.link.intro", provider.name()),
                        templates.text(locale, "sso.link.ignore")),
                new MailContent.Action(templates.text(locale, "sso.link.action", provider.name()), link), List.of(),
                templates.text(locale, "sso.link.footer", templates.brandName(locale)), null);
        mails.queue(owner.id(), owner.email(), "sso.link", locale, content, null);
    }

    /** The owner's click in the mail: the identity is linked; they sign in with the provider from now on. */
    @Transactional
    public String confirmLink(String token) {
        record Request(long memberId, long providerId, String subject, Instant expiresAt) {
        }
        Request request = sql.query("SELECT member_id, provider_id, subject, expires_at FROM oidc_link_requests "
                        + "WHERE token_hash = ? FOR UPDATE", List.of(sha256(token)),
                rs -> new Request(rs.getLong(1), rs.getLong(2), rs.getString(3), Sql.instant(rs, 4)))
                .stream().findFirst().orElse(null);
        if (request == null || request.expiresAt().isBefore(clock.instant())) {
            return failed("link-expired");
        }
        sql.update("DELETE FROM oidc_link_requests WHERE token_hash = ?", List.of(sha256(token)));
        sql.update("INSERT IGNORE INTO member_identities (member_id, provider_id, subject, linked_at) "
                + "VALUES (?, ?, ?, ?)", List.of(request.memberId(), request.providerId(), request.subject(),
                clock.instant()));
        // Clicking the link proves the address too.
        accounts.markEmailVerified(request.memberId());
        return failed("linked");
    }

    private static @Nullable String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String text && !text.isBlank() ? text.strip() : null;
    }

    private static boolean booleanClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }
}
