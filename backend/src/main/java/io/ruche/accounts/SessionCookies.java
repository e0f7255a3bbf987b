package io.ruche.accounts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.ruche.platform.ClientAddress;
import jakarta.inject.Singleton;

import java.time.Duration;

/** The session cookie: HttpOnly, SameSite=Lax, Secure whenever the site is reached over HTTPS. */
@Singleton
public class SessionCookies {

    public static final String NAME = "ruche_session";

    private final ClientAddress clientAddress;

    public SessionCookies(ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
    }

    /** Marks a browser where a member signed in: sign-in throttling spares it (see SignInThrottle). */
    public static final String DEVICE = "ruche_device";

    /**
     * Starts the session cookie, and hands out a new CSRF token with it: a token a page received before signing in
     * (perhaps planted by someone else) is worth nothing after.
     */
    public void set(HttpRequest<?> request, MutableHttpResponse<?> response, String token, Duration ttl) {
        boolean secure = clientAddress.isSecure(request);
        response.cookie(Cookie.of(NAME, token).path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(secure).maxAge(ttl));
        response.cookie(io.ruche.platform.CsrfFilter.freshToken(secure));
    }

    public void setDevice(HttpRequest<?> request, MutableHttpResponse<?> response, String value) {
        response.cookie(Cookie.of(DEVICE, value).path("/api/v1/session").httpOnly(true).sameSite(SameSite.Strict)
                .secure(clientAddress.isSecure(request)).maxAge(Duration.ofDays(365)));
    }

    public String deviceOf(HttpRequest<?> request) {
        return request.getCookies().findCookie(DEVICE).map(Cookie::getValue).orElse(null);
    }

    public void clear(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.cookie(Cookie.of(NAME, "").path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(clientAddress.isSecure(request)).maxAge(0));
    }

    public String tokenOf(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).map(Cookie::getValue).orElse(null);
    }
}
