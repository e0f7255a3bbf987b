package io.ruche.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressRangeTest {

    @Test
    void privateNetworksTrustedByDefaultCoverTheUsualProxyAddresses() {
        for (String proxy : new String[]{"127.0.0.1", "10.1.2.3", "172.20.0.5", "192.168.1.10", "::1", "fd00::2"}) {
            assertTrue(java.util.Arrays.stream(ClientAddress.PRIVATE_NETWORKS.split(","))
                    .anyMatch(r -> AddressRange.parse(r).orElseThrow().contains(proxy)), proxy);
        }
        for (String visitor : new String[]{"8.8.8.8", "172.32.0.1", "2001:db8::1"}) {
            assertFalse(java.util.Arrays.stream(ClientAddress.PRIVATE_NETWORKS.split(","))
                    .anyMatch(r -> AddressRange.parse(r).orElseThrow().contains(visitor)), visitor);
        }
    }

    @Test
    void onlyLiteralAddressesAndValidPrefixesParse() {
        assertTrue(AddressRange.parse("203.0.113.0/24").isPresent());
        assertFalse(AddressRange.parse("example.com").isPresent(), "no DNS look-up");
        assertFalse(AddressRange.parse("10.0.0.0/33").isPresent());
        assertFalse(AddressRange.parse("10.0.0.0/8/1").isPresent());
        assertFalse(AddressRange.parse("10.0.0.0/8").orElseThrow().contains("::ffff:10.0.0.1x"));
    }
}
