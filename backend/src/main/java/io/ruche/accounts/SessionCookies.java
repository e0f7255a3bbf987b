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

    public void set(HttpRequest<?> request, MutableHttpResponse<?> response, String token, Duration ttl) {
        response.cookie(Cookie.of(NAME, token).path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(clientAddress.isSecure(request)).maxAge(ttl));
    }

    public void clear(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.cookie(Cookie.of(NAME, "").path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(clientAddress.isSecure(request)).maxAge(0));
    }

    public String tokenOf(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).map(Cookie::getValue).orElse(null);
    }
}
