package io.k3j.agent.node;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/** The node's InternalIP: the IPv4 address its traffic toward the server leaves from. */
public final class NodeAddresses {

    /** A documentation address (TEST-NET-1): connecting a UDP socket to it sends nothing, but picks the default route. */
    private static final InetSocketAddress DEFAULT_ROUTE_PROBE = new InetSocketAddress("192.0.2.1", 9);

    private NodeAddresses() {
    }

    /**
     * The source address toward the server; for a server on this host (loopback), the address of
     * the default route, which other nodes can reach; loopback as the last resort.
     */
    public static String internalIp(URI server) {
        Optional<InetAddress> towardServer = resolveIpv4(server.getHost())
                .flatMap(address -> sourceAddress(new InetSocketAddress(address, server.getPort() < 0 ? 443 : server.getPort())));
        return towardServer.filter(address -> !address.isLoopbackAddress())
                .or(() -> sourceAddress(DEFAULT_ROUTE_PROBE))
                .or(() -> towardServer)
                .map(InetAddress::getHostAddress)
                .orElse("127.0.0.1");
    }

    private static Optional<InetAddress> resolveIpv4(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address instanceof Inet4Address) {
                    return Optional.of(address);
                }
            }
        } catch (IOException e) {
            // unresolvable now: the default route's address
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> sourceAddress(InetSocketAddress target) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(target);
            InetAddress local = socket.getLocalAddress();
            return local instanceof Inet4Address && !local.isAnyLocalAddress() ? Optional.of(local) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
