package io.ruche.platform;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Headers every page and API answer carries. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter {

    private final ClientAddress clientAddress;

    public SecurityHeadersFilter(ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
    }

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "strict-origin-when-cross-origin");
        if (!response.getHeaders().contains("Content-Security-Policy")) {
            // Pages refuse framing; an answer that states its own policy (a widget naming the sites allowed to
            // frame it) keeps it.
            response.header("X-Frame-Options", "SAMEORIGIN");
            response.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:; "
                    + "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'self'; base-uri 'self'");
        }
        if (clientAddress.isSecure(request)) {
            // Browsers that once reached the site over HTTPS never try plain HTTP again (no downgrade in between).
            response.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (isPersonal(request) && !response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            // A member's own answers (session, console, anything read with their cookie) stay out of every cache,
            // shared or in the browser's history.
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }

    private static boolean isPersonal(HttpRequest<?> request) {
        String path = request.getPath();
        if (!path.startsWith("/api/")) {
            return false;
        }
        return path.startsWith("/api/v1/session") || path.startsWith("/api/v1/admin") || path.startsWith("/api/v1/me")
                || path.startsWith("/api/v1/accounts") || request.getCookies().contains("ruche_session");
    }
}
