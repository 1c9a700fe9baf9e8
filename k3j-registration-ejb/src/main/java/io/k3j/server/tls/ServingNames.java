package io.k3j.server.tls;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names the serving certificate must hold (its subject alternative names): every name a
 * client may use to reach the API.
 *
 * @param dnsNames host names, lower case
 * @param addresses IP addresses
 */
public record ServingNames(Set<String> dnsNames, Set<InetAddress> addresses) {

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public ServingNames {
        dnsNames = Set.copyOf(dnsNames);
        addresses = Set.copyOf(addresses);
    }

    /**
     * Loopback by address and name, the host's name, the bind address unless it is every
     * address, and the advertise address, by default {@linkplain #defaultAdvertiseAddress the
     * host's}: what K3s puts in its serving certificate.
     */
    public static ServingNames forServer(String bindAddress, boolean anyAddress, Optional<String> advertiseAddress,
            Optional<String> hostName) {
        List<String> names = new ArrayList<>(List.of("127.0.0.1", "::1", "localhost"));
        hostName.ifPresent(names::add);
        if (!anyAddress) {
            names.add(bindAddress);
        }
        names.add(advertisedAddress(bindAddress, anyAddress, advertiseAddress));
        return of(names);
    }

    /**
     * The address a server tells other nodes to use: {@code --advertise-address}, else the bind
     * address when the server listens on one address only (as kube-apiserver defaults it), else
     * {@linkplain #defaultAdvertiseAddress the host's}.
     */
    public static String advertisedAddress(String bindAddress, boolean anyAddress, Optional<String> advertiseAddress) {
        return advertiseAddress.orElseGet(() -> anyAddress ? defaultAdvertiseAddress() : bindAddress);
    }

    /**
     * The address a server advertises when none is configured, as K3s picks it: the host's first
     * non-loopback IPv4 address (by interface index), else {@code 127.0.0.1}.
     */
    public static String defaultAdvertiseAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(ServingNames::isUp)
                    .sorted(Comparator.comparingInt(NetworkInterface::getIndex))
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .map(InetAddress::getHostAddress)
                    .findFirst()
                    .orElse("127.0.0.1");
        } catch (SocketException e) {
            return "127.0.0.1";
        }
    }

    private static boolean isUp(NetworkInterface networkInterface) {
        try {
            return networkInterface.isUp() && !networkInterface.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    /** Each name an IP address if it is written as one, else a host name. */
    public static ServingNames of(Collection<String> names) {
        Set<String> dnsNames = new LinkedHashSet<>();
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String name : names) {
            ipLiteral(name).ifPresentOrElse(addresses::add, () -> dnsNames.add(name.toLowerCase(Locale.ROOT)));
        }
        return new ServingNames(dnsNames, addresses);
    }

    /** This host's name, when the JVM can tell it. */
    public static Optional<String> localHostName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName()).filter(name -> !name.isBlank());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether a certificate names every one of these names (it may name more). */
    public boolean coveredBy(X509Certificate certificate) {
        Set<String> certificateDnsNames = new HashSet<>();
        Set<InetAddress> certificateAddresses = new HashSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries == null) {
                return false;
            }
            for (List<?> entry : entries) {
                int type = (Integer) entry.get(0);
                if (type == DNS_NAME) {
                    certificateDnsNames.add(((String) entry.get(1)).toLowerCase(Locale.ROOT));
                } else if (type == IP_ADDRESS) {
                    ipLiteral((String) entry.get(1)).ifPresent(certificateAddresses::add);
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        return certificateDnsNames.containsAll(dnsNames) && certificateAddresses.containsAll(addresses);
    }

    /** An IP address written as one (IPv6 possibly in brackets), without any name lookup. */
    static Optional<InetAddress> ipLiteral(String name) {
        String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (!IPV4.matcher(bare).matches() && !bare.contains(":")) {
            return Optional.empty();
        }
        try {
            // a literal address: getByName parses it and looks nothing up
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
