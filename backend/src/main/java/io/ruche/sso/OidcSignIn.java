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
    private final OidcIdentities identities;
    private final OidcProviders providers;
    private final AccountService accounts;
    private final GroupService groups;
    private final MailQueue mails;
    private final MailTemplates templates;
    private final MailSettings mailSettings;
    private final Clock clock;

    OidcSignIn(Sql sql, OidcIdentities identities, OidcProviders providers, AccountService accounts, GroupService groups, MailQueue mails,
                      MailTemplates templates, MailSettings mailSettings, Clock clock) {
        this.sql = sql;
        this.identities = identities;
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

    /**
     * After the ID token was checked: the member to sign in, or why not. Not one transaction: each step (linking,
     * a new account, a mail) commits on its own, so a sign-in racing another for the same person finds the account
     * the other made instead of failing.
     */
    public Outcome complete(OidcProviders.Provider provider, JWTClaimsSet claims, String returnTo) {
        String subject = claims.getSubject();
        String email = stringClaim(claims, "email");
        boolean emailVerified = booleanClaim(claims, "email_verified");
        Long linked = identities.memberOf(provider.id(), subject);
        Member member;
        if (linked != null) {
            member = accounts.byId(linked);
        } else {
            if (email == null || email.isBlank()) {
                return new Outcome(null, failed("no-email"));
            }
            Member owner = accounts.byEmail(email).orElse(null);
            if (owner == null) {
                try {
                    String preferred = stringClaim(claims, "preferred_username");
                    owner = accounts.registerFromIdentity(preferred != null ? preferred : email.split("@")[0],
                            email, stringClaim(claims, "name"), stringClaim(claims, "locale"), emailVerified);
                } catch (io.ruche.platform.ProblemException e) {
                    // Registration is closed, or the same person's other sign-in made the account a moment ago.
                    owner = accounts.byEmail(email).filter(m -> emailVerified).orElse(null);
                    if (owner == null) {
                        return new Outcome(null, failed("registration-closed"));
                    }
                }
            } else if (!emailVerified) {
                askOwnerToConfirm(owner, provider, subject);
                return new Outcome(null, failed("confirm-by-mail"));
            }
            long winner = identities.link(owner.id(), provider.id(), subject);
            member = winner == owner.id() ? owner : accounts.byId(winner);
        }
        if (accounts.suspended(member.id())) {
            return new Outcome(null, failed("suspended"));
        }
        if (member.role() == Role.MEMBER && !member.emailVerified() && accounts.verificationRequired()) {
            return new Outcome(null, failed("verify-mail"));
        }
        identities.signedIn(provider.id(), subject);
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

    /** The mail to the account's owner; queued with the waiting link, in one transaction. */
    @Transactional
    protected void askOwnerToConfirm(Member owner, OidcProviders.Provider provider, String subject) {
        String token = random();
        identities.awaitConfirmation(sha256(token), owner.id(), provider.id(), subject);
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
    public String confirmLink(String token) {
        return identities.confirm(sha256(token)) ? failed("linked") : failed("link-expired");
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
