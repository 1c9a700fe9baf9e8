package io.k3j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerConfigTest {

    private static final Path DEFAULT_DIR = Path.of("/home/k/.k3j/server");

    private static ServerConfig read(Map<String, String> values) {
        return ServerConfig.from(key -> Optional.ofNullable(values.get(key)), DEFAULT_DIR);
    }

    @Test
    void defaultsFollowK3s() {
        ServerConfig config = read(Map.of());

        assertEquals(DEFAULT_DIR, config.dataDir());
        assertEquals(6443, config.httpsListenPort());
        assertEquals("0.0.0.0", config.bindAddress());
        assertTrue(config.bindsAnyAddress());
        assertEquals(Optional.empty(), config.advertiseAddress());
        assertEquals("h2:file:/home/k/.k3j/server/db/k3j", config.datastoreEndpoint());
        assertEquals(1000, config.datastoreConfig().retention());
        assertEquals(Duration.ofSeconds(30), config.datastoreConfig().compactInterval());
        assertEquals(Optional.empty(), config.token());
        assertEquals(Optional.empty(), config.tokenFile());
        assertEquals(DEFAULT_DIR.resolve("k3j.yaml"), config.writeKubeconfig());
        assertEquals(DEFAULT_DIR.resolve("token"), config.tokenPath());
        assertEquals(Optional.empty(), config.pluginsDir());
        assertTrue(config.exitOnFatal());
    }

    @Test
    void defaultDataDirIsASystemDirectoryForRootOnly() {
        assertEquals(Path.of("/var/lib/k3j/server"), ServerConfig.defaultDataDir("root", Path.of("/root")));
        assertEquals(Path.of("/home/k/.k3j/server"), ServerConfig.defaultDataDir("k", Path.of("/home/k")));
    }

    @Test
    void readsEveryKey() {
        ServerConfig config = read(Map.of(
                "k3j.data-dir", "/srv/k3j/../k3j",
                "k3j.https-listen-port", " 7443 ",
                "k3j.bind-address", "127.0.0.1",
                "k3j.advertise-address", "10.0.0.5",
                "k3j.datastore-endpoint", "postgres://k3j:secret@db:5432/k3j",
                "k3j.token", "s3cret",
                "k3j.write-kubeconfig", "/etc/k3j/admin.yaml",
                "k3j.plugins-dir", "/opt/k3j/plugins",
                "k3j.exit-on-fatal", "FALSE"));

        assertEquals(Path.of("/srv/k3j"), config.dataDir());
        assertEquals(7443, config.httpsListenPort());
        assertEquals("127.0.0.1", config.bindAddress());
        assertFalse(config.bindsAnyAddress());
        assertEquals(Optional.of("10.0.0.5"), config.advertiseAddress());
        assertEquals("postgres://k3j:secret@db:5432/k3j", config.datastoreEndpoint());
        assertEquals(Optional.of("s3cret"), config.token());
        assertEquals(Path.of("/etc/k3j/admin.yaml"), config.writeKubeconfig());
        assertEquals(Optional.of(Path.of("/opt/k3j/plugins")), config.pluginsDir());
        assertFalse(config.exitOnFatal());
    }

    @Test
    void theDefaultDatastoreFollowsTheDataDir() {
        assertEquals("h2:file:/srv/k3j/db/k3j", read(Map.of("k3j.data-dir", "/srv/k3j")).datastoreEndpoint());
    }

    @Test
    void blankValuesCountAsUnset() {
        ServerConfig config = read(Map.of("k3j.token", "  ", "k3j.https-listen-port", ""));
        assertEquals(Optional.empty(), config.token());
        assertEquals(6443, config.httpsListenPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "0", "65536", "-1", "64 43"})
    void aBadPortIsOneClearLine(String port) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("k3j.https-listen-port", port)));
        assertEquals("k3j.https-listen-port", e.key());
        assertEquals("k3j.https-listen-port: '" + port + "' is not a port number (1-65535)", e.getMessage());
    }

    @Test
    void otherBadValuesNameTheirKey() {
        assertEquals("k3j.exit-on-fatal",
                assertThrows(ConfigException.class, () -> read(Map.of("k3j.exit-on-fatal", "maybe"))).key());
        assertEquals("k3j.bind-address",
                assertThrows(ConfigException.class, () -> read(Map.of("k3j.bind-address", "10.0.0.0/8"))).key());
        assertEquals("k3j.data-dir",
                assertThrows(ConfigException.class, () -> read(Map.of("k3j.data-dir", "/a\0b"))).key());
    }

    @Test
    void readsTheCompactionSettings() {
        ServerConfig config = read(Map.of("k3j.datastore-compact-retention", "50",
                "k3j.datastore-compact-interval", "1m30s"));
        assertEquals(50, config.datastoreConfig().retention());
        assertEquals(Duration.ofSeconds(90), config.datastoreConfig().compactInterval());
        assertEquals(Duration.ofMillis(500),
                read(Map.of("k3j.datastore-compact-interval", "500ms")).datastoreConfig().compactInterval());
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "s", "0s", "1d", "5m 3s", "-1s"})
    void aBadCompactIntervalSaysWhatADurationLooksLike(String interval) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> read(Map.of("k3j.datastore-compact-interval", interval)));
        assertEquals("k3j.datastore-compact-interval: '" + interval
                + "' is not a duration such as 500ms, 30s, 5m or 1h", e.getMessage());
    }

    @Test
    void aCompactRetentionBelowOneIsRefused() {
        assertEquals("k3j.datastore-compact-retention: '0' is not a positive whole number", assertThrows(
                ConfigException.class, () -> read(Map.of("k3j.datastore-compact-retention", "0"))).getMessage());
    }

    @Test
    void aTokenAndATokenFileTogetherAreRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> read(Map.of("k3j.token", "a", "k3j.token-file", "/tmp/t")));
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
    }

    @Test
    void toStringHidesTheTokenAndTheDatastorePassword() {
        String text = read(Map.of("k3j.token", "tok-123", "k3j.datastore-endpoint", "postgres://k3j:pw-456@db/k3j")).toString();

        assertFalse(text.contains("tok-123"), text);
        assertFalse(text.contains("pw-456"), text);
        assertTrue(text.contains("postgres://k3j:***@db/k3j"), text);
    }

    @Test
    void serviceCidrAndEndpointLeasesDefaultAsK3sAndKubernetes() {
        ServerConfig defaults = read(Map.of());
        assertEquals("10.43.0.0/16", defaults.serviceCidr().toString());
        assertEquals(Duration.ofSeconds(10), defaults.endpointLeaseRenewInterval());
        assertEquals(Duration.ofSeconds(30), defaults.endpointLeaseDuration());

        ServerConfig config = read(Map.of("k3j.service-cidr", "10.96.0.1/12",
                "k3j.endpoint-lease-renew-interval", "500ms", "k3j.endpoint-lease-duration", "2s"));
        assertEquals("10.96.0.0/12", config.serviceCidr().toString());
        assertEquals(Duration.ofMillis(500), config.endpointLeaseRenewInterval());
        assertEquals(Duration.ofSeconds(2), config.endpointLeaseDuration());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.43.0.0", "fd00::/108", "10.43.0.0/33", "10.0.0.0/8", "10.43.0.0/31"})
    void aBadServiceCidrIsRefusedByName(String cidr) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("k3j.service-cidr", cidr)));
        assertEquals("k3j.service-cidr", e.key());
        assertTrue(e.getMessage().contains(cidr), e.getMessage());
    }

    @Test
    void anEndpointLeaseMustOutlastItsRenewal() {
        ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of(
                "k3j.endpoint-lease-renew-interval", "10s", "k3j.endpoint-lease-duration", "10s")));
        assertEquals("k3j.endpoint-lease-duration", e.key());
    }

    @Test
    void clusterCidrAndNodeMonitorDefaultAsK3sAndKubernetes() {
        ServerConfig defaults = read(Map.of());
        assertEquals("10.42.0.0/16", defaults.clusterCidr().toString());
        assertEquals(Duration.ofSeconds(5), defaults.nodeMonitorPeriod());
        assertEquals(Duration.ofSeconds(40), defaults.nodeMonitorGracePeriod());

        ServerConfig config = read(Map.of("k3j.cluster-cidr", "10.32.0.0/12", "k3j.node-monitor-period", "1s",
                "k3j.node-monitor-grace-period", "4s"));
        assertEquals("10.32.0.0/12", config.clusterCidr().toString());
        assertEquals(Duration.ofSeconds(1), config.nodeMonitorPeriod());
        assertEquals(Duration.ofSeconds(4), config.nodeMonitorGracePeriod());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.42.0.0", "10.42.0.0/25", "10.0.0.0/7", "fd00::/48"})
    void aClusterCidrWithoutRoomForANodeIsRefusedByName(String cidr) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("k3j.cluster-cidr", cidr)));
        assertEquals("k3j.cluster-cidr", e.key());
        assertTrue(e.getMessage().contains(cidr), e.getMessage());
    }
}
