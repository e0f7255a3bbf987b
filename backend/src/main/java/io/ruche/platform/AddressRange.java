package io.ruche.platform;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a lone address is a /32 or /128. */
public record AddressRange(BigInteger network, int bits, int length) {

    /** Only literal addresses: never a host name, so parsing never asks DNS. */
    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("[0-9a-fA-F.:]+");

    public static Optional<AddressRange> parse(String cidr) {
        String[] parts = cidr.strip().split("/");
        if (parts.length > 2 || !LITERAL.matcher(parts[0]).matches()) {
            return Optional.empty();
        }
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int length = address.length * 8;
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : length;
            if (bits < 0 || bits > length) {
                return Optional.empty();
            }
            return Optional.of(new AddressRange(new BigInteger(1, address).shiftRight(length - bits), bits, length));
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean contains(String address) {
        return bytesOf(address).map(this::contains).orElse(false);
    }

    public boolean contains(byte[] address) {
        return address.length * 8 == length && new BigInteger(1, address).shiftRight(length - bits).equals(network);
    }

    /** The bytes of a literal IPv4 or IPv6 address; empty for anything else (never a DNS look-up). */
    public static Optional<byte[]> bytesOf(String address) {
        if (address == null || !LITERAL.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
