package io.k3j.server.config;

import io.k3j.server.net.Ipv4Cidr;
import io.k3j.spi.datastore.DatastoreConfig;
import java.nio.file.InvalidPathException;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's settings. The server reads them through MicroProfile Config, so each key can
 * also be given as a system property or as an environment variable ({@code k3j.data-dir} as
 * {@code K3J_DATA_DIR}); the launcher reads the same keys from its flags.
 *
 * @param dataDir where the server keeps its state
 * @param httpsListenPort the port the API listens on
 * @param bindAddress the address the API listens on; {@code 0.0.0.0} for all
 * @param advertiseAddress the address other nodes should use to reach this server
 * @param datastoreEndpoint the datastore URL, whose scheme picks the plugin; may hold a password
 * @param compactRetention how many revisions compaction keeps (kine's minimum retention)
 * @param compactInterval how often the datastore compacts
 * @param token the cluster token as given, a secret
 * @param tokenFile a file that holds the cluster token
 * @param writeKubeconfig where to write the admin kubeconfig
 * @param pluginsDir a folder whose jars hold more plugins
 * @param exitOnFatal whether a failed start ends the JVM (Payara Micro) or only fails the deployment
 * @param serviceCidr the range Services' cluster IPs come from
 * @param endpointLeaseRenewInterval how often a server renews the lease that keeps its address in
 *     the endpoints of Service {@code kubernetes}
 * @param endpointLeaseDuration how long after its last renewal a server's address is removed
 * @param clusterCidr the pod range, of which each node gets a /24 ({@code --cluster-cidr})
 * @param nodeMonitorPeriod how often the node-lifecycle controller looks at the nodes' leases
 * @param nodeMonitorGracePeriod how long a node may go without renewing its lease before it is NotReady
 */
public record ServerConfig(
        Path dataDir,
        int httpsListenPort,
        String bindAddress,
        Optional<String> advertiseAddress,
        String datastoreEndpoint,
        long compactRetention,
        Duration compactInterval,
        Optional<String> token,
        Optional<Path> tokenFile,
        Path writeKubeconfig,
        Optional<Path> pluginsDir,
        boolean exitOnFatal,
        Ipv4Cidr serviceCidr,
        Duration endpointLeaseRenewInterval,
        Duration endpointLeaseDuration,
        Ipv4Cidr clusterCidr,
        Duration nodeMonitorPeriod,
        Duration nodeMonitorGracePeriod) {

    public static final String DATA_DIR = "k3j.data-dir";
    public static final String HTTPS_LISTEN_PORT = "k3j.https-listen-port";
    public static final String BIND_ADDRESS = "k3j.bind-address";
    public static final String ADVERTISE_ADDRESS = "k3j.advertise-address";
    public static final String DATASTORE_ENDPOINT = "k3j.datastore-endpoint";
    public static final String COMPACT_RETENTION = "k3j.datastore-compact-retention";
    public static final String COMPACT_INTERVAL = "k3j.datastore-compact-interval";
    public static final String TOKEN = "k3j.token";
    public static final String TOKEN_FILE = "k3j.token-file";
    public static final String WRITE_KUBECONFIG = "k3j.write-kubeconfig";
    public static final String PLUGINS_DIR = "k3j.plugins-dir";
    public static final String EXIT_ON_FATAL = "k3j.exit-on-fatal";
    public static final String SERVICE_CIDR = "k3j.service-cidr";
    public static final String ENDPOINT_LEASE_RENEW_INTERVAL = "k3j.endpoint-lease-renew-interval";
    public static final String ENDPOINT_LEASE_DURATION = "k3j.endpoint-lease-duration";
    public static final String CLUSTER_CIDR = "k3j.cluster-cidr";
    public static final String NODE_MONITOR_PERIOD = "k3j.node-monitor-period";
    public static final String NODE_MONITOR_GRACE_PERIOD = "k3j.node-monitor-grace-period";

    public static final int DEFAULT_PORT = 6443;
    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    public static final String ANY_ADDRESS = "0.0.0.0";
    public static final String DEFAULT_SERVICE_CIDR = "10.43.0.0/16";
    /** A server renews its endpoint lease every 10 s; one that misses three renewals is taken for dead. */
    public static final Duration DEFAULT_ENDPOINT_LEASE_RENEW_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_ENDPOINT_LEASE_DURATION = Duration.ofSeconds(30);
    public static final String DEFAULT_CLUSTER_CIDR = "10.42.0.0/16";
    /** Kubernetes' node-lifecycle defaults: look every 5 s, and a node silent for 40 s is NotReady. */
    public static final Duration DEFAULT_NODE_MONITOR_PERIOD = Duration.ofSeconds(5);
    public static final Duration DEFAULT_NODE_MONITOR_GRACE_PERIOD = Duration.ofSeconds(40);
    /** Each node gets a /24 of the cluster range, as in K3s; the range must hold at least one. */
    public static final int NODE_CIDR_PREFIX = 24;
    private static final int WIDEST_CLUSTER_PREFIX = 8;
    /** Kubernetes refuses service ranges wider than /12; a range needs room beyond network and broadcast. */
    private static final int WIDEST_SERVICE_PREFIX = 12;
    private static final int NARROWEST_SERVICE_PREFIX = 30;

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertiseAddress, "advertiseAddress");
        Objects.requireNonNull(datastoreEndpoint, "datastoreEndpoint");
        Objects.requireNonNull(compactInterval, "compactInterval");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(writeKubeconfig, "writeKubeconfig");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(serviceCidr, "serviceCidr");
        Objects.requireNonNull(endpointLeaseRenewInterval, "endpointLeaseRenewInterval");
        Objects.requireNonNull(endpointLeaseDuration, "endpointLeaseDuration");
        Objects.requireNonNull(clusterCidr, "clusterCidr");
        Objects.requireNonNull(nodeMonitorPeriod, "nodeMonitorPeriod");
        Objects.requireNonNull(nodeMonitorGracePeriod, "nodeMonitorGracePeriod");
    }

    /** Reads the settings, with the default data dir of the user running this JVM. */
    public static ServerConfig from(Function<String, Optional<String>> lookup) {
        return from(lookup, defaultDataDir(System.getProperty("user.name"), Path.of(System.getProperty("user.home"))));
    }

    /**
     * Reads the settings.
     *
     * @param lookup a key's value, empty when unset; blank values count as unset
     * @throws ConfigException naming the first bad value
     */
    public static ServerConfig from(Function<String, Optional<String>> lookup, Path defaultDataDir) {
        Function<String, Optional<String>> values = key -> lookup.apply(key).map(String::strip).filter(v -> !v.isEmpty());
        Path dataDir = values.apply(DATA_DIR).map(v -> path(DATA_DIR, v)).orElse(defaultDataDir);
        Optional<String> token = values.apply(TOKEN);
        Optional<Path> tokenFile = values.apply(TOKEN_FILE).map(v -> path(TOKEN_FILE, v));
        if (token.isPresent() && tokenFile.isPresent()) {
            throw new ConfigException(TOKEN, "give either a token or a token file, not both");
        }
        Duration leaseRenewInterval = values.apply(ENDPOINT_LEASE_RENEW_INTERVAL)
                .map(v -> duration(ENDPOINT_LEASE_RENEW_INTERVAL, v)).orElse(DEFAULT_ENDPOINT_LEASE_RENEW_INTERVAL);
        Duration leaseDuration = values.apply(ENDPOINT_LEASE_DURATION)
                .map(v -> duration(ENDPOINT_LEASE_DURATION, v)).orElse(DEFAULT_ENDPOINT_LEASE_DURATION);
        if (leaseDuration.compareTo(leaseRenewInterval) <= 0) {
            throw new ConfigException(ENDPOINT_LEASE_DURATION, "'" + leaseDuration.toSeconds() + "s' must be longer than "
                    + ENDPOINT_LEASE_RENEW_INTERVAL + " (" + leaseRenewInterval.toSeconds() + "s)");
        }
        return new ServerConfig(
                dataDir,
                values.apply(HTTPS_LISTEN_PORT).map(v -> port(HTTPS_LISTEN_PORT, v)).orElse(DEFAULT_PORT),
                values.apply(BIND_ADDRESS).map(v -> address(BIND_ADDRESS, v)).orElse(ANY_ADDRESS),
                values.apply(ADVERTISE_ADDRESS).map(v -> address(ADVERTISE_ADDRESS, v)),
                values.apply(DATASTORE_ENDPOINT).orElse("h2:file:" + dataDir.resolve("db").resolve("k3j")),
                values.apply(COMPACT_RETENTION).map(v -> positive(COMPACT_RETENTION, v))
                        .orElse(DatastoreConfig.DEFAULT_RETENTION),
                values.apply(COMPACT_INTERVAL).map(v -> duration(COMPACT_INTERVAL, v))
                        .orElse(DatastoreConfig.DEFAULT_COMPACT_INTERVAL),
                token,
                tokenFile,
                values.apply(WRITE_KUBECONFIG).map(v -> path(WRITE_KUBECONFIG, v)).orElse(dataDir.resolve("k3j.yaml")),
                values.apply(PLUGINS_DIR).map(v -> path(PLUGINS_DIR, v)),
                values.apply(EXIT_ON_FATAL).map(v -> bool(EXIT_ON_FATAL, v)).orElse(true),
                serviceCidr(values.apply(SERVICE_CIDR).orElse(DEFAULT_SERVICE_CIDR)),
                leaseRenewInterval,
                leaseDuration,
                clusterCidr(values.apply(CLUSTER_CIDR).orElse(DEFAULT_CLUSTER_CIDR)),
                values.apply(NODE_MONITOR_PERIOD).map(v -> duration(NODE_MONITOR_PERIOD, v))
                        .orElse(DEFAULT_NODE_MONITOR_PERIOD),
                values.apply(NODE_MONITOR_GRACE_PERIOD).map(v -> duration(NODE_MONITOR_GRACE_PERIOD, v))
                        .orElse(DEFAULT_NODE_MONITOR_GRACE_PERIOD));
    }

    /** K3s's defaults: a system directory for root, the home directory for anyone else. */
    public static Path defaultDataDir(String userName, Path home) {
        return "root".equals(userName) ? Path.of("/var/lib/k3j/server") : home.resolve(".k3j").resolve("server");
    }

    /** Where the server keeps the cluster token. */
    public Path tokenPath() {
        return dataDir.resolve("token");
    }

    /** Whether the API listens on every address rather than one. */
    public boolean bindsAnyAddress() {
        return bindAddress.equals(ANY_ADDRESS) || bindAddress.equals("::");
    }

    /** What the datastore plugin opens. */
    public DatastoreConfig datastoreConfig() {
        return DatastoreConfig.of(datastoreEndpoint, dataDir).withRetention(compactRetention)
                .withCompactInterval(compactInterval);
    }

    /** The datastore endpoint with any password hidden, for logs and messages. */
    public String redactedEndpoint() {
        return datastoreConfig().redactedEndpoint();
    }

    private static Path path(String key, String value) {
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(key, "'" + value + "' is not a valid path");
        }
    }

    private static int port(String key, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new ConfigException(key, "'" + value + "' is not a port number (1-65535)");
    }

    private static long positive(String key, String value) {
        try {
            long number = Long.parseLong(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key, "'" + value + "' is not a positive whole number");
    }

    /** A duration as Go writes them and K3s users know them: 500ms, 30s, 5m, 1h, or 1m30s. */
    private static Duration duration(String key, String value) {
        Matcher part = DURATION_PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
            end = part.end();
        }
        if (end == 0 || end != value.length() || total.isZero()) {
            throw new ConfigException(key, "'" + value + "' is not a duration such as 500ms, 30s, 5m or 1h");
        }
        return total;
    }

    private static String address(String key, String value) {
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
            throw new ConfigException(key, "'" + value + "' is not an address");
        }
        return value;
    }

    private static Ipv4Cidr clusterCidr(String value) {
        Ipv4Cidr cidr;
        try {
            cidr = Ipv4Cidr.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(CLUSTER_CIDR, e.getMessage() + " (k3j gives pods IPv4 addresses only)");
        }
        if (cidr.prefixLength() < WIDEST_CLUSTER_PREFIX || cidr.prefixLength() > NODE_CIDR_PREFIX) {
            throw new ConfigException(CLUSTER_CIDR, "'" + value + "' must have a prefix length between /"
                    + WIDEST_CLUSTER_PREFIX + " and /" + NODE_CIDR_PREFIX + ": each node takes a /" + NODE_CIDR_PREFIX);
        }
        return cidr;
    }

    private static Ipv4Cidr serviceCidr(String value) {
        Ipv4Cidr cidr;
        try {
            cidr = Ipv4Cidr.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SERVICE_CIDR, e.getMessage() + " (k3j serves IPv4 services only)");
        }
        if (cidr.prefixLength() < WIDEST_SERVICE_PREFIX || cidr.prefixLength() > NARROWEST_SERVICE_PREFIX) {
            throw new ConfigException(SERVICE_CIDR, "'" + value + "' must have a prefix length between /"
                    + WIDEST_SERVICE_PREFIX + " and /" + NARROWEST_SERVICE_PREFIX);
        }
        return cidr;
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "'" + value + "' is neither true nor false");
        };
    }

    /** Leaves out the token and any password in the endpoint. */
    @Override
    public String toString() {
        return "ServerConfig[dataDir=" + dataDir + ", httpsListenPort=" + httpsListenPort + ", bindAddress=" + bindAddress
                + ", advertiseAddress=" + advertiseAddress.orElse("") + ", datastoreEndpoint="
                + redactedEndpoint() + ", compactRetention=" + compactRetention + ", compactInterval=" + compactInterval
                + ", token=" + (token.isPresent() ? "***" : "")
                + ", tokenFile=" + tokenFile.map(Path::toString).orElse("") + ", writeKubeconfig=" + writeKubeconfig
                + ", pluginsDir=" + pluginsDir.map(Path::toString).orElse("") + ", exitOnFatal=" + exitOnFatal
                + ", serviceCidr=" + serviceCidr + ", endpointLeaseRenewInterval=" + endpointLeaseRenewInterval
                + ", endpointLeaseDuration=" + endpointLeaseDuration + "]";
    }
}
