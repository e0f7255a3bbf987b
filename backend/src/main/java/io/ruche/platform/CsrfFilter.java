package io.ruche.platform;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.filter.ServerFilterPhase;

import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Double-submit CSRF protection: every response hands out a readable {@code XSRF-TOKEN} cookie, and every
 * state-changing API request must echo it in {@code X-XSRF-TOKEN}. A foreign Origin is refused outright.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CsrfFilter implements Ordered {

    public static final String COOKIE = "XSRF-TOKEN";
    public static final String HEADER = "X-XSRF-TOKEN";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);
    private static final String ISSUED = "ruche.csrf.issued";

    private final ProblemResponses problems;
    private final ClientAddress clientAddress;

    /** Paths whose signed token is the credential; no session is used, so there is nothing to forge. */
    static final String CAPABILITY_PATH = "/api/v1/mail/unsubscribe/";

    public CsrfFilter(ProblemResponses problems, ClientAddress clientAddress) {
        this.problems = problems;
        this.clientAddress = clientAddress;
    }

    @Override
    public int getOrder() {
        // Before security and routing: a forged request must not even reach authentication.
        return ServerFilterPhase.FIRST.order();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        if (SAFE.contains(request.getMethod())) {
            return null;
        }
        if (BearerToken.present(request)) {
            // A script with an API key: no session cookie is read for it (a key with cookies is refused outright),
            // so a forged cross-site request has no credential to ride on.
            return null;
        }
        if (request.getPath().equals("/embed/signal")) {
            // A widget on another site counting itself: anonymous, cookie-less, it can only add one to a counter.
            return null;
        }
        if (request.getPath().startsWith(CAPABILITY_PATH)) {
            // One-click unsubscribe (RFC 8058) is posted by mail providers, from no page of ours. The signed token
            // in the path is the whole authority: a forged request could only unsubscribe the token's own owner.
            return null;
        }
        if (!sameOrigin(request)) {
            return problems.of(request, Problems.forbidden("problem.csrf.origin"));
        }
        String cookie = request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null);
        String header = request.getHeaders().get(HEADER);
        if (cookie == null || header == null || !MessageDigest.isEqual(
                cookie.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8))) {
            return problems.of(request, Problems.forbidden("problem.csrf.token"));
        }
        return null;
    }

    @ResponseFilter
    public void issue(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getPath().startsWith("/embed") || BearerToken.present(request)) {
            return; // widgets are anonymous and read-only, scripts with a key use no cookie: no cookie, ever
        }
        if (request.getCookies().findCookie(COOKIE).isPresent() || request.getAttribute(ISSUED).isPresent()) {
            return;
        }
        if (response.getCookie(COOKIE).isPresent()) {
            return; // rotated by the answer itself (a sign-in)
        }
        response.cookie(freshToken(clientAddress.isSecure(request)));
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token cookie, readable by the page so it can echo it in the header. */
    public static Cookie freshToken(boolean secure) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Cookie.of(COOKIE, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))
                .path("/")
                .httpOnly(false)
                .sameSite(SameSite.Lax)
                .secure(secure);
    }

    /** Browsers send Origin on cross-site writes; when present it must name this site. */
    private static boolean sameOrigin(HttpRequest<?> request) {
        String origin = request.getHeaders().get("Origin");
        if (origin == null || origin.isBlank()) {
            return true;
        }
        String host = request.getHeaders().get("X-Forwarded-Host");
        if (host == null) {
            host = request.getHeaders().get("Host");
        }
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(originHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
