package io.k3j.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.config.ServerConfig;
import io.k3j.server.datastore.Datastore;
import io.k3j.server.tls.TlsFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bootstraps against the real embedded H2 datastore, shared by "servers" with their own data dirs. */
class ClusterBootstrapTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00.123Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private Datastore datastore;

    @BeforeEach
    void openDatastore() {
        datastore = Datastore.open(server("db-owner", Map.of()), getClass().getClassLoader());
    }

    @AfterEach
    void closeDatastore() {
        datastore.close();
    }

    /** The settings of one server, with its own data dir and the shared datastore. */
    private ServerConfig server(String name, Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.put(ServerConfig.DATA_DIR, temp.resolve(name).toString());
        values.put(ServerConfig.DATASTORE_ENDPOINT, "h2:file:" + temp.resolve("shared-db/k3j"));
        values.put(ServerConfig.HTTPS_LISTEN_PORT, "7443");
        return ServerConfig.from(key -> Optional.ofNullable(values.get(key)), temp.resolve("unused"));
    }

    private Cluster bootstrap(ServerConfig config) {
        return new ClusterBootstrap(datastore.log(), new SecureRandom(), CLOCK, 1000).run(config);
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void aFreshDatastoreGetsANewClusterAndARandomToken() throws Exception {
        ServerConfig config = server("s1", Map.of());
        Cluster cluster = bootstrap(config);

        assertTrue(cluster.created());
        String token = Files.readString(config.tokenPath()).strip();
        assertTrue(token.matches("[0-9a-f]{64}"), token);
        assertEquals(token, cluster.token());
        assertFalse(cluster.toString().contains(token), cluster.toString());
        assertEquals("rw-------", mode(config.tokenPath()));
        assertEquals("rw-------", mode(config.writeKubeconfig()));
        String kubeconfig = Files.readString(config.writeKubeconfig());
        assertTrue(kubeconfig.contains("server: http://127.0.0.1:7443\n"), kubeconfig);
        assertTrue(kubeconfig.contains("token: " + AdminKubeconfig.credential(token) + "\n"), kubeconfig);

        BootstrapRecord stored = BootstrapRecord.fromJson(datastore.log().get(ClusterBootstrap.KEY).orElseThrow().value());
        assertEquals(cluster.id(), stored.clusterId());
        assertEquals(Instant.parse("2025-06-01T12:00:00Z"), stored.created());
        assertTrue(TokenHash.matches(token, stored.tokenHash()));
        assertFalse(new String(datastore.log().get(ClusterBootstrap.KEY).orElseThrow().value(), StandardCharsets.UTF_8).contains(token));
    }

    @Test
    void withTheLaunchersCaTheKubeconfigIsHttpsAndTrustsThatCa() throws Exception {
        ServerConfig config = server("s1", Map.of());
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        SecureFiles.writePrivate(TlsFiles.of(config.dataDir()).caCertificate(), pem);

        bootstrap(config);

        String kubeconfig = Files.readString(config.writeKubeconfig());
        assertTrue(kubeconfig.contains("server: https://127.0.0.1:7443\n"), kubeconfig);
        assertTrue(kubeconfig.contains("certificate-authority-data: "
                + Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)) + "\n"), kubeconfig);
    }

    @Test
    void withACaTheTokenFileHoldsTheFullFormThatPinsIt() throws Exception {
        ServerConfig config = server("s1", Map.of(ServerConfig.TOKEN, "my-secret"));
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        SecureFiles.writePrivate(TlsFiles.of(config.dataDir()).caCertificate(), pem);

        Cluster cluster = bootstrap(config);

        String full = Files.readString(config.tokenPath()).strip();
        assertEquals("K10" + ClusterToken.sha256(pem) + "::server:my-secret", full);
        assertEquals("my-secret", cluster.token(), "credentials derive from the secret");
        assertTrue(Files.readString(config.writeKubeconfig()).contains(AdminKubeconfig.credential("my-secret")));

        ServerConfig again = server("s1", Map.of(ServerConfig.TOKEN, full));
        assertEquals("my-secret", bootstrap(again).token(), "the full form is accepted as the token");

        String otherCa = "K10" + "ab".repeat(32) + "::server:my-secret";
        BootstrapException e = assertThrows(BootstrapException.class,
                () -> bootstrap(server("s1", Map.of(ServerConfig.TOKEN, otherCa))));
        assertTrue(e.getMessage().startsWith("the given token names another CA than this server's"), e.getMessage());
    }

    @Test
    void tokensParseInBothForms() {
        ClusterToken full = ClusterToken.parse("K10" + "AB".repeat(32) + "::server:s3cret:with:colons");
        assertEquals("ab".repeat(32), full.caHash().orElseThrow());
        assertEquals("s3cret:with:colons", full.secret());
        assertFalse(full.toString().contains("s3cret"));
        assertEquals(new ClusterToken(Optional.empty(), "K10short::x"), ClusterToken.parse("K10short::x"));
        assertEquals("bare", ClusterToken.parse("bare").secret());
    }

    @Test
    void aLaterStartReusesTheTokenAndRewritesTheSameKubeconfig() throws Exception {
        ServerConfig config = server("s1", Map.of());
        Cluster first = bootstrap(config);
        byte[] token = Files.readAllBytes(config.tokenPath());
        byte[] kubeconfig = Files.readAllBytes(config.writeKubeconfig());
        Files.delete(config.writeKubeconfig());

        Cluster second = bootstrap(config);

        assertEquals(first.id(), second.id());
        assertFalse(second.created());
        assertArrayEquals(token, Files.readAllBytes(config.tokenPath()));
        assertArrayEquals(kubeconfig, Files.readAllBytes(config.writeKubeconfig()));
    }

    @Test
    void aGivenTokenIsUsedForAFreshDatastoreAndLetsAnotherServerJoin() throws Exception {
        Cluster first = bootstrap(server("s1", Map.of(ServerConfig.TOKEN, "my-token")));
        Path file = temp.resolve("token-file");
        Files.writeString(file, "my-token\n");
        ServerConfig second = server("s2", Map.of(ServerConfig.TOKEN_FILE, file.toString(),
                ServerConfig.WRITE_KUBECONFIG, temp.resolve("elsewhere/admin.yaml").toString()));

        Cluster joined = bootstrap(second);

        assertEquals(first.id(), joined.id());
        assertFalse(joined.created());
        assertEquals("my-token", joined.token());
        assertEquals("my-token\n", Files.readString(temp.resolve("s1/token")));
        assertEquals("my-token\n", Files.readString(second.tokenPath()));
        assertEquals(Files.readString(temp.resolve("s1/k3j.yaml")), Files.readString(temp.resolve("elsewhere/admin.yaml")),
                "every server writes the same admin kubeconfig");
    }

    @Test
    void anotherTokenIsRefused() {
        Cluster cluster = bootstrap(server("s1", Map.of(ServerConfig.TOKEN, "right")));

        BootstrapException e = assertThrows(BootstrapException.class,
                () -> bootstrap(server("s2", Map.of(ServerConfig.TOKEN, "wrong"))));
        assertEquals("the given token does not match cluster " + cluster.id()
                + " that this datastore holds; start with that cluster's token", e.getMessage());
        assertFalse(Files.exists(temp.resolve("s2/token")), "nothing is written for a refused token");
    }

    @Test
    void aStaleTokenFileIsRefused() throws Exception {
        Cluster cluster = bootstrap(server("s1", Map.of(ServerConfig.TOKEN, "right")));
        Files.createDirectories(temp.resolve("s2"));
        Files.writeString(temp.resolve("s2/token"), "stale\n");

        BootstrapException e = assertThrows(BootstrapException.class, () -> bootstrap(server("s2", Map.of())));
        assertTrue(e.getMessage().startsWith("the token in " + temp.resolve("s2/token") + " does not match cluster " + cluster.id()),
                e.getMessage());
    }

    @Test
    void withoutAnyTokenABootstrappedDatastoreIsRefused() {
        Cluster cluster = bootstrap(server("s1", Map.of()));

        BootstrapException e = assertThrows(BootstrapException.class, () -> bootstrap(server("s2", Map.of())));
        assertEquals("this datastore already holds cluster " + cluster.id() + "; start with --token (K3J_TOKEN) set to that cluster's token",
                e.getMessage());
    }

    @Test
    void aMissingTokenFileIsRefused() {
        BootstrapException e = assertThrows(BootstrapException.class,
                () -> bootstrap(server("s1", Map.of(ServerConfig.TOKEN_FILE, temp.resolve("nope").toString()))));
        assertEquals("the token file " + temp.resolve("nope") + " is missing or empty", e.getMessage());
    }

    @Test
    void twoServersBootstrappingAtOnceMakeOneCluster() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Cluster>> servers = List.of("s1", "s2").stream().<Callable<Cluster>>map(name -> () -> {
                ServerConfig config = server(name, Map.of(ServerConfig.TOKEN, "shared"));
                start.await();
                return bootstrap(config);
            }).toList();
            List<Future<Cluster>> results = pool.invokeAll(servers);
            Cluster a = results.get(0).get();
            Cluster b = results.get(1).get();

            assertEquals(a.id(), b.id());
            assertTrue(a.created() ^ b.created(), "exactly one server created the cluster");
        } finally {
            pool.shutdownNow();
        }
    }
}
