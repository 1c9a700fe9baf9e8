package io.k3j.server.endpoints;

import java.util.Comparator;
import java.util.Objects;

/**
 * Where one API server is reached: its advertised IP address and its HTTPS port.
 *
 * @param ip an IP address, IPv6 without brackets
 * @param port the HTTPS port
 */
public record ServerAddress(String ip, int port) implements Comparable<ServerAddress> {

    private static final Comparator<ServerAddress> ORDER = Comparator.comparing(ServerAddress::ip, IpOrder.INSTANCE)
            .thenComparingInt(ServerAddress::port);

    public ServerAddress {
        Objects.requireNonNull(ip, "ip");
        if (ip.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a server address: " + ip + ":" + port);
        }
    }

    /** Reads {@code ip:port} or {@code [ipv6]:port}. */
    public static ServerAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("not a server address: " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new ServerAddress(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a server address: " + text, e);
        }
    }

    /** The API's URL, such as {@code https://10.0.0.5:6443}. */
    public String url() {
        return "https://" + this;
    }

    /** {@code ip:port}, IPv6 in brackets, as Go's net.JoinHostPort writes it. */
    @Override
    public String toString() {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    /** By address, numerically for IPv4, then by port. */
    @Override
    public int compareTo(ServerAddress other) {
        return ORDER.compare(this, other);
    }
}
