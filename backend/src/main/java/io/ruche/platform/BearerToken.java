package io.ruche.platform;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

import java.util.Optional;

/**
 * The {@code Authorization: Bearer} credential of a request (an API key), if it carries one. Requests that do are
 * scripts, not browsers: CSRF does not apply to them, no cookie is handed to them, and the session cookie is not read.
 */
public final class BearerToken {

    private BearerToken() {
    }

    public static Optional<String> of(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    public static boolean present(HttpRequest<?> request) {
        return of(request).isPresent();
    }
}
