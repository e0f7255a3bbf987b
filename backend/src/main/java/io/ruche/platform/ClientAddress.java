package io.ruche.platform;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The address a request comes from. X-Forwarded-For is believed only from trusted proxies
 * ({@code RUCHE_TRUSTED_PROXIES}: addresses or CIDR ranges), so clients cannot dodge rate limits by forging it.
 * By default the loopback and private networks are trusted, where reverse proxies of a self-hosted site live;
 * a public peer's header is never believed. Behind a chain of proxies, the client is the rightmost address that is
 * not itself a trusted proxy.
 */
@Singleton
public class ClientAddress {

    private static final Logger LOG = LoggerFactory.getLogger(ClientAddress.class);
    static final String PRIVATE_NETWORKS = "127.0.0.0/8,::1,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";

    private final List<AddressRange> trustedProxies;
    private final AtomicBoolean warned = new AtomicBoolean();

    /** {@code configured}: blank for the private networks, {@code none} to believe no header at all. */
    public ClientAddress(@Value("${ruche.trusted-proxies:}") String configured) {
        String trustedProxies = configured.isBlank() ? PRIVATE_NETWORKS
                : "none".equalsIgnoreCase(configured.strip()) ? "" : configured;
        this.trustedProxies = Arrays.stream(trustedProxies.split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> AddressRange.parse(s).orElseThrow(() -> new IllegalArgumentException(
                        "RUCHE_TRUSTED_PROXIES: '" + s + "' is not an address or a CIDR range")))
                .toList();
    }

    /** Parsed once per address, then matched against every range (this runs on every request). */
    private boolean trusted(String address) {
        return AddressRange.bytesOf(address)
                .map(bytes -> trustedProxies.stream().anyMatch(range -> range.contains(bytes)))
                .orElse(false);
    }

    private static String peer(HttpRequest<?> request) {
        return request.getRemoteAddress().getAddress() == null
                ? request.getRemoteAddress().getHostString()
                : request.getRemoteAddress().getAddress().getHostAddress();
    }

    public String of(HttpRequest<?> request) {
        String peer = peer(request);
        String forwarded = request.getHeaders().get("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        if (!trusted(peer)) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("A request from {} carries X-Forwarded-For, and {} is not a trusted proxy: its header is "
                        + "ignored. If Ruche runs behind that proxy, add it to RUCHE_TRUSTED_PROXIES, or every "
                        + "visitor shares one address for the rate limits.", peer, peer);
            }
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && (i == 0 || !trusted(hop))) {
                return hop;
            }
        }
        return peer;
    }

    /** True when the request reached the site over HTTPS, directly or through a trusted proxy. */
    public boolean isSecure(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        return trusted(peer(request)) && "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }
}
