package io.k3j.server.net;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 address range in CIDR notation, such as the service CIDR {@code 10.43.0.0/16}.
 * Addresses are unsigned 32-bit values held in an {@code int}.
 *
 * @param network the first address of the range (host bits zero)
 * @param prefixLength how many leading bits the range fixes, 0 to 32
 */
public record Ipv4Cidr(int network, int prefixLength) {

    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not between 0 and 32");
        }
        network &= mask(prefixLength);
    }

    /**
     * Reads {@code a.b.c.d/n}. Host bits are cleared, as Kubernetes reads its service range
     * ({@code 10.43.0.1/16} is {@code 10.43.0.0/16}).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Ipv4Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 CIDR such as 10.43.0.0/16");
        }
        Optional<Integer> address = parseAddress(text.substring(0, slash));
        String prefix = text.substring(slash + 1);
        if (address.isEmpty() || !prefix.matches("\\d{1,2}") || Integer.parseInt(prefix) > 32) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 CIDR such as 10.43.0.0/16");
        }
        return new Ipv4Cidr(address.get(), Integer.parseInt(prefix));
    }

    /** A dotted-quad IPv4 address, strictly: four decimal parts of 0 to 255, no leading zeros. */
    public static Optional<Integer> parseAddress(String text) {
        Matcher parts = DOTTED_QUAD.matcher(text);
        if (!parts.matches()) {
            return Optional.empty();
        }
        int address = 0;
        for (int i = 1; i <= 4; i++) {
            String part = parts.group(i);
            int value = Integer.parseInt(part);
            if (value > 255 || (part.length() > 1 && part.startsWith("0"))) {
                return Optional.empty();
            }
            address = (address << 8) | value;
        }
        return Optional.of(address);
    }

    public static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    /** How many addresses the range spans, network and broadcast addresses included. */
    public long size() {
        return 1L << (32 - prefixLength);
    }

    public boolean contains(int address) {
        return (address & mask(prefixLength)) == network;
    }

    /** The address at an offset from the network address. */
    public int address(long offset) {
        if (offset < 0 || offset >= size()) {
            throw new IllegalArgumentException("offset " + offset + " is outside " + this);
        }
        return (int) (Integer.toUnsignedLong(network) + offset);
    }

    /** The offset of an address of the range from its network address. */
    public long offset(int address) {
        if (!contains(address)) {
            throw new IllegalArgumentException(format(address) + " is outside " + this);
        }
        return Integer.toUnsignedLong(address) - Integer.toUnsignedLong(network);
    }

    private static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }
}
