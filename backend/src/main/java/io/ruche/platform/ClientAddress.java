package io.ruche.platform;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;

/**
 * The address a request comes from. X-Forwarded-For is believed only when the direct peer is one of the
 * configured trusted proxies ({@code RUCHE_TRUSTED_PROXIES}), so clients cannot dodge rate limits by forging it.
 */
@Singleton
public class ClientAddress {

    private final List<String> trustedProxies;

    public ClientAddress(@Value("${ruche.trusted-proxies:}") String trustedProxies) {
        this.trustedProxies = Arrays.stream(trustedProxies.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public String of(HttpRequest<?> request) {
        String peer = request.getRemoteAddress().getAddress() == null
                ? request.getRemoteAddress().getHostString()
                : request.getRemoteAddress().getAddress().getHostAddress();
        if (trustedProxies.contains(peer)) {
            String forwarded = request.getHeaders().get("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].trim();
            }
        }
        return peer;
    }

    /** True when the request reached the site over HTTPS, directly or through a trusted proxy. */
    public boolean isSecure(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        String peer = request.getRemoteAddress().getAddress() == null ? ""
                : request.getRemoteAddress().getAddress().getHostAddress();
        return trustedProxies.contains(peer) && "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }
}
