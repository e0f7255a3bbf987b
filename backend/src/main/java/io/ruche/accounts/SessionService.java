package io.ruche.accounts;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** Sign-in, sign-out and session look-up. Sessions live in the database so every node shares them. */
@Singleton
public class SessionService {

    private final MemberRepository members;
    private final MemberSessionRepository sessions;
    private final PasswordHasher hasher;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final Duration ttl;
    private final SignInThrottle throttle;
    private final AccountService accounts;
    private final SsoPolicy sso;
    private final SecureRandom random = new SecureRandom();

    public SessionService(MemberRepository members, MemberSessionRepository sessions, PasswordHasher hasher,
                          RateLimiter rateLimiter, Clock clock,
                          @Value("${ruche.session.ttl:30d}") Duration ttl,
                          SignInThrottle throttle, AccountService accounts, SsoPolicy sso) {
        this.sso = sso;
        this.throttle = throttle;
        this.accounts = accounts;
        this.members = members;
        this.sessions = sessions;
        this.hasher = hasher;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    /** A started session: the member and the token that goes into their cookie (never stored as is). */
    public record Started(Member member, String token, String deviceCookie) {
    }

    /**
     * Checks the password, slowed down by {@link SignInThrottle}. {@code deviceCookie}: the browser's device cookie,
     * if any; the started session carries the device cookie to set.
     */
    public Started signIn(String login, String password, String clientAddress, String userAgent,
                          String deviceCookie) {
        String name = login.strip();
        Optional<Member> found = name.contains("@") ? members.findByEmail(name) : members.findByUsername(name);
        boolean trusted = throttle.trustedDevice(deviceCookie, found.map(Member::id).orElse(null));
        if (!trusted) {
            throttle.requireAllowed(name, clientAddress);
        }
        if (found.isEmpty()) {
            hasher.burnTime(password);
            throttle.failed(name, clientAddress, deviceCookie, false);
            throw Problems.unauthorized("problem.badCredentials");
        }
        Member member = found.get();
        if (!hasher.matches(password, member.passwordHash())) {
            throttle.failed(name, clientAddress, deviceCookie, trusted);
            throw Problems.unauthorized("problem.badCredentials");
        }
        if (members.countSuspended(member.id(), clock.instant()) > 0) {
            // Told only once the password is right: a stranger learns nothing about the account.
            throw Problems.forbidden("problem.suspended");
        }
        if (member.role() == Role.MEMBER && sso.ssoOnly()) {
            // Told only once the password is right, as for a suspension; staff keep their password as a way in.
            throw Problems.forbidden("problem.ssoOnly");
        }
        if (accounts.verificationRequired() && !member.emailVerified() && member.role() == Role.MEMBER) {
            // Sign-up does not say whether an address was new, so an account is used from its mailbox's link on.
            accounts.refuseUnverifiedSignIn(member);
        }
        String device = throttle.succeeded(name, member.id());
        return new Started(member, start(member, clientAddress, userAgent), device);
    }

    /** Opens a session for a member who just proved who they are (sign-in, sign-up, setup). */
    public String start(Member member, String clientAddress, String userAgent) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        sessions.save(new MemberSession(digest(token), member.id(), now, now, now.plus(ttl), clientAddress,
                userAgent == null ? "" : truncate(userAgent, 255)));
        members.touchSeen(member.id(), now, now);
        accounts.recordVisit(member.id(), now);
        return token;
    }

    public Optional<Member> resolve(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String id = digest(token);
        Optional<Member> member = members.findBySession(id, now);
        member.ifPresent(m -> {
            // At most one write per five minutes per session, and the member's "last seen" only then. This node
            // remembers when it last wrote it, so most requests write nothing (another node may write once
            // more in the same five minutes: the statement's own condition keeps that harmless).
            Instant touched = touchedHere.get(id);
            if (touched != null && touched.isAfter(now.minus(Duration.ofMinutes(5)))) {
                return;
            }
            if (sessions.touch(id, now, now.plus(ttl), now.minus(Duration.ofMinutes(5))) > 0) {
                members.touchSeen(m.id(), now, now.minus(Duration.ofMinutes(5)));
                accounts.recordVisit(m.id(), now);
            }
            if (touchedHere.size() > 100_000) {
                touchedHere.clear();
            }
            touchedHere.put(id, now);
        });
        return member;
    }

    /** Sessions this node wrote "last seen" for, and when (bounded: cleared past 100,000). */
    private final java.util.concurrent.ConcurrentHashMap<String, Instant> touchedHere =
            new java.util.concurrent.ConcurrentHashMap<>();

    public void signOut(String token) {
        if (token != null && !token.isBlank()) {
            sessions.deleteById(digest(token));
        }
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void purgeExpired() {
        sessions.deleteExpired(clock.instant());
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
