package io.ruche.integrations;

import io.ruche.platform.ProblemException;
import io.ruche.platform.Problems;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The server-side request forgery guard: a webhook may only call a public address over HTTP(S), unless an admin
 * explicitly allowed private networks for it. Checked when the webhook is saved and again before every delivery (a
 * name may resolve elsewhere later).
 */
final class WebhookTargets {

    private WebhookTargets() {
    }

    /** The URL, checked; a problem naming {@code field} when it is not one a webhook may call. */
    static URI check(String url, boolean allowPrivateNetwork, String field) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField(field, "validation.webhook.url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getUserInfo() != null) {
            throw Problems.invalidField(field, "validation.webhook.url");
        }
        if (!allowPrivateNetwork) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(uri.getHost());
            } catch (UnknownHostException e) {
                throw Problems.invalidField(field, "validation.webhook.unknownHost");
            }
            for (InetAddress address : addresses) {
                if (isPrivate(address)) {
                    throw Problems.invalidField(field, "validation.webhook.privateAddress");
                }
            }
        }
        return uri;
    }

    /** Loopback, private, link-local, carrier-grade NAT, unique-local, multicast or unspecified. */
    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            boolean mappedV4 = b.length == 16 && isMappedIpv4(b);
            if (mappedV4) {
                try {
                    return isPrivate(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 192 && second == 0
                && (b[2] & 0xff) == 0) || (first == 198 && (second == 18 || second == 19)) || first >= 240;
    }

    private static boolean isMappedIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** The same check as a yes/no, for the sender (a target turned private is a failed delivery, not a 4xx). */
    static boolean allowed(String url, boolean allowPrivateNetwork) {
        try {
            check(url, allowPrivateNetwork, "url");
            return true;
        } catch (ProblemException e) {
            return false;
        }
    }
}
