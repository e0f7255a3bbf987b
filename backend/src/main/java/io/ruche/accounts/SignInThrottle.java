package io.ruche.accounts;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.AppSecrets;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Slows password guessing without locking the rightful owner out (the "device cookie" design OWASP describes):
 * <ul>
 *   <li>only failures count, never successful sign-ins;</li>
 *   <li>per address and per (login, address): a fixed number of failures per 15 minutes, so a guesser behind one
 *       address stops while the members behind the same office or carrier address who sign in correctly do not;</li>
 *   <li>per login, across addresses: after a number of failures every further try waits a delay that doubles
 *       (1 s, 2 s, 4 s, ... up to 15 min), which makes guessing hopeless but never closes the door for good;</li>
 *   <li>a browser where the member signed in before carries a signed device cookie for them: none of the above
 *       applies to it (until it fails ten times itself), so a flood of guesses against an account does not keep
 *       its owner out on their own devices.</li>
 * </ul>
 */
@Singleton
public class SignInThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int DEVICE_FAILURES = 10;
    private static final long MAX_DELAY_SECONDS = 900;

    private final RateLimiter rateLimiter;
    private final Sql sql;
    private final Clock clock;
    private final AppSecrets secrets;
    private final int failuresPerAddress;
    private final int failuresPerLogin;
    private final int failuresPerLoginAndAddress;

    public SignInThrottle(RateLimiter rateLimiter, Sql sql, Clock clock, AppSecrets secrets,
                          @Value("${ruche.rate-limits.sign-ins-per-address:20}") int failuresPerAddress,
                          @Value("${ruche.rate-limits.sign-ins-per-login:10}") int failuresPerLogin,
                          @Value("${ruche.rate-limits.sign-ins-per-login-and-address:5}") int failuresPerLoginAndAddress) {
        this.rateLimiter = rateLimiter;
        this.sql = sql;
        this.clock = clock;
        this.secrets = secrets;
        this.failuresPerAddress = failuresPerAddress;
        this.failuresPerLogin = failuresPerLogin;
        this.failuresPerLoginAndAddress = failuresPerLoginAndAddress;
    }

    static String normalise(String login) {
        return login.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether this browser's device cookie was issued to {@code memberId} and has not failed too often. */
    @Transactional(readOnly = true)
    public boolean trustedDevice(String deviceCookie, Long memberId) {
        if (deviceCookie == null || memberId == null) {
            return false;
        }
        String[] parts = deviceCookie.split("\\.");
        if (parts.length != 3 || !parts[0].equals(String.valueOf(memberId))) {
            return false;
        }
        String expected = deviceCookie(memberId, parts[1]);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                deviceCookie.getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        int failures = sql.query("SELECT hits FROM rate_limit_buckets WHERE bucket = ?",
                List.of(deviceBucket(deviceCookie)), rs -> rs.getInt(1)).stream().findFirst().orElse(0);
        return failures < DEVICE_FAILURES;
    }

    /** Refuses (429) a try that an untrusted browser may not make yet. */
    @Transactional(readOnly = true)
    public void requireAllowed(String login, String clientAddress) {
        String who = normalise(login);
        rateLimiter.requireUnder("sign-in-fail:address:" + clientAddress, failuresPerAddress, WINDOW);
        rateLimiter.requireUnder("sign-in-fail:pair:" + clientAddress + ":" + who, failuresPerLoginAndAddress, WINDOW);
        record Throttle(int failures, Instant last) {
        }
        Throttle throttle = sql.query("SELECT failures, last_failure_at FROM sign_in_throttle WHERE login = ?",
                List.of(key(who)), rs -> new Throttle(rs.getInt(1), Sql.instant(rs, 2))).stream().findFirst()
                .orElse(null);
        if (throttle == null || throttle.failures() < failuresPerLogin) {
            return;
        }
        long delay = Math.min(MAX_DELAY_SECONDS, 1L << Math.min(30, throttle.failures() - failuresPerLogin));
        long waited = Duration.between(throttle.last(), clock.instant()).toSeconds();
        if (waited < delay) {
            throw Problems.tooManyRequests(delay - waited);
        }
    }

    /** A wrong password (or unknown login): counted against the address, the pair, the login and the device. */
    @Transactional
    public void failed(String login, String clientAddress, String deviceCookie, boolean trustedDevice) {
        String who = normalise(login);
        rateLimiter.count("sign-in-fail:address:" + clientAddress, WINDOW);
        rateLimiter.count("sign-in-fail:pair:" + clientAddress + ":" + who, WINDOW);
        Instant now = clock.instant();
        // Failures older than the window are forgiven: the count starts again.
        sql.update("INSERT INTO sign_in_throttle (login, failures, last_failure_at) VALUES (?, 1, ?) "
                + "ON DUPLICATE KEY UPDATE failures = IF(last_failure_at < ?, 1, failures + 1), last_failure_at = ?",
                List.of(key(who), now, now.minus(WINDOW), now));
        if (trustedDevice) {
            rateLimiter.count(deviceBucket(deviceCookie), Duration.ofDays(1));
        }
    }

    /** The right password: the login's count starts again, and the browser gets (or keeps) its device cookie. */
    @Transactional
    public String succeeded(String login, long memberId) {
        sql.update("DELETE FROM sign_in_throttle WHERE login = ?", List.of(key(normalise(login))));
        byte[] nonce = new byte[9];
        new java.security.SecureRandom().nextBytes(nonce);
        return deviceCookie(memberId, Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
    }

    private String deviceCookie(long memberId, String nonce) {
        String payload = memberId + "." + nonce;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.get("device-cookie"), "HmacSHA256"));
            return payload + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String deviceBucket(String deviceCookie) {
        return "sign-in-fail:device:" + deviceCookie.substring(Math.max(0, deviceCookie.length() - 43));
    }

    private static String key(String login) {
        return login.length() > 190 ? login.substring(0, 190) : login;
    }
}
