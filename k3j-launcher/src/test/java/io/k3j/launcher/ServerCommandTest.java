package io.k3j.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.config.ServerConfig;
import io.k3j.server.tls.ServingKeystore;
import io.k3j.server.tls.ServingNames;
import io.k3j.server.tls.ServingTls;
import io.k3j.server.tls.TlsFiles;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {

    @TempDir
    Path temp;

    private Layout layout() {
        return new Layout(temp.resolve("home"), temp.resolve("home/lib"), Path.of("/opt/jdk"));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void secretsTravelInTheEnvironmentAndNeverInTheCommandLine() throws Exception {
        Plan plan = ServerCommand.plan(List.of("--data-dir", temp.resolve("data").toString(), "--https-listen-port",
                Integer.toString(freePort()), "--bind-address", "127.0.0.1", "--token", "tok-secret",
                "--datastore-endpoint", "postgres://k3j:pw-secret@db/k3j"), Map.of(), layout());

        assertTrue(plan.server());
        assertEquals(Optional.of("tok-secret"), plan.environment().get("K3J_TOKEN"));
        assertEquals(Optional.of("postgres://k3j:pw-secret@db/k3j"), plan.environment().get("K3J_DATASTORE_ENDPOINT"));
        assertEquals(Optional.empty(), plan.environment().get("K3J_TOKEN_FILE"), "other setting variables are unset");
        assertEquals(Optional.empty(), plan.environment().get("K3J_DATA_DIR"));
        String keystorePassword = Files.readString(temp.resolve("data/tls/serving.p12.password")).strip();
        assertEquals(Optional.of(keystorePassword), plan.environment().get(ServerCommand.KEYSTORE_PASSWORD_VARIABLE));
        String commandLine = String.join(" ", plan.command());
        assertFalse(commandLine.contains("tok-secret"), commandLine);
        assertFalse(commandLine.contains("pw-secret"), commandLine);
        assertFalse(commandLine.contains(keystorePassword), commandLine);
        String preboot = Files.readString(temp.resolve("data/payara/preboot.asadmin"));
        assertFalse(preboot.contains(keystorePassword), preboot);
        assertFalse(plan.toString().contains("secret"), plan.toString());
        assertFalse(plan.toString().contains(keystorePassword), plan.toString());
    }

    @Test
    void runsPayaraMicroWithTheWarAtTheRootAndTheSettingsAsSystemProperties() throws Exception {
        Path data = temp.resolve("data");
        int port = freePort();
        Plan plan = ServerCommand.plan(List.of("--data-dir", data.toString(), "--https-listen-port", Integer.toString(port),
                "--bind-address", "127.0.0.1"), Map.of(), layout());
        List<String> command = plan.command();

        assertEquals("/opt/jdk/bin/java", command.get(0));
        assertTrue(command.containsAll(ServerCommand.JVM_OPTIONS), command.toString());
        assertTrue(command.contains("-Dk3j.data-dir=" + data), command.toString());
        assertTrue(command.contains("-Dk3j.https-listen-port=" + port), command.toString());
        assertTrue(command.contains("-Dk3j.bind-address=127.0.0.1"), command.toString());
        assertTrue(command.contains("-Dk3j.plugins-dir=" + temp.resolve("home/plugins")), command.toString());
        assertTrue(command.contains("-Dk3j.service-cidr=10.43.0.0/16"), command.toString());
        assertTrue(command.contains("-Dk3j.cluster-cidr=10.42.0.0/16"), command.toString());
        List<String> micro = command.subList(command.indexOf("-jar"), command.size());
        assertEquals(List.of("-jar", temp.resolve("home/lib/payara-micro.jar").toString(),
                "--deploy", temp.resolve("home/lib/k3j.war").toString(), "--contextroot", "/", "--sslport", Integer.toString(port),
                "--prebootcommandfile", data.resolve("payara/preboot.asadmin").toString(),
                "--rootdir", data.resolve("payara").toString(), "--nohazelcast", "--disablephonehome"), micro);
    }

    @Test
    void runsALocalAgentInItsOwnSmallJvmThatReadsTheTokenFromTheDataDir() throws Exception {
        Path data = temp.resolve("data");
        int port = freePort();
        Plan plan = ServerCommand.plan(List.of("--data-dir", data.toString(), "--https-listen-port", Integer.toString(port),
                "--token", "tok-secret", "--node-name", "cp-1", "--with-node-id"), Map.of(), layout());

        assertEquals(List.of("/opt/jdk/bin/java"), plan.localAgent().subList(0, 1));
        assertTrue(plan.localAgent().containsAll(AgentCommand.JVM_OPTIONS), plan.localAgent().toString());
        List<String> main = plan.localAgent().subList(plan.localAgent().indexOf("-cp"), plan.localAgent().size());
        assertEquals(List.of("-cp", temp.resolve("home/lib/k3j-agent.jar") + ":" + temp.resolve("home/lib/k3j-launcher.jar"),
                "io.k3j.launcher.localagent.LocalAgentMain", "--server", "https://127.0.0.1:" + port,
                "--data-dir", data.resolve("agent").toString(), "--token-file", data.resolve("token").toString(),
                "--ca-file", TlsFiles.of(data).caCertificate().toString(), "--node-lease-duration", "PT40S",
                "--node-lease-renew-interval", "PT10S", "--node-name", "cp-1", "--with-node-id"), main);
        assertFalse(String.join(" ", plan.localAgent()).contains("tok-secret"), "the agent reads the token the server wrote");
    }

    @Test
    void theLocalAgentsLeaseLastsTheServersGracePeriodSoThatAShortOneDoesNotMakeItFlap() throws Exception {
        Plan plan = ServerCommand.plan(List.of("--data-dir", temp.resolve("data").toString(), "--https-listen-port",
                Integer.toString(freePort())), Map.of("K3J_NODE_MONITOR_GRACE_PERIOD", "4s"), layout());
        List<String> agent = plan.localAgent();
        assertEquals("PT4S", agent.get(agent.indexOf("--node-lease-duration") + 1));
        assertEquals("PT1S", agent.get(agent.indexOf("--node-lease-renew-interval") + 1));
        assertFalse(plan.environment().containsKey("K3J_NODE_MONITOR_GRACE_PERIOD"), "the server reads it where it is");

        UsageException bad = assertThrows(UsageException.class, () -> ServerCommand.plan(List.of("--data-dir",
                temp.resolve("other").toString()), Map.of("K3J_NODE_MONITOR_GRACE_PERIOD", "soon"), layout()));
        assertEquals("K3J_NODE_MONITOR_GRACE_PERIOD: 'soon' is not a duration such as 500ms, 30s, 5m or 1h", bad.getMessage());
    }

    @Test
    void theLocalAgentReachesAServerBoundToOneAddressThereAndNoneRunsWithDisableAgent() throws Exception {
        int port = freePort();
        Plan bound = ServerCommand.plan(List.of("--data-dir", temp.resolve("a").toString(), "--https-listen-port",
                Integer.toString(port), "--bind-address", "127.0.0.1"), Map.of(), layout());
        assertTrue(bound.localAgent().contains("https://127.0.0.1:" + port), bound.localAgent().toString());
        assertFalse(bound.localAgent().contains("--node-name"), "the host name, as the agent finds it");

        Plan disabled = ServerCommand.plan(List.of("--data-dir", temp.resolve("b").toString(), "--https-listen-port",
                Integer.toString(port), "--disable-agent"), Map.of(), layout());
        assertEquals(List.of(), disabled.localAgent());
    }

    @Test
    void preparesAPrivateDataDirAndBindsTheListenerToTheAddress() throws Exception {
        Path data = temp.resolve("data");
        ServerCommand.plan(List.of("--data-dir", data.toString(), "--https-listen-port", Integer.toString(freePort()),
                "--bind-address", "127.0.0.1"), Map.of(), layout());

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        ServingKeystore keystore = new ServingKeystore(data.resolve("tls/serving.p12"), ServingTls.ALIAS, "unused");
        assertEquals(ServerCommand.prebootCommands("127.0.0.1", keystore),
                Files.readString(data.resolve("payara/preboot.asadmin")));
    }

    @Test
    void makesTheCaAndAServingCertificateForTheAddressesOnceAndReusesThem() throws Exception {
        Path data = temp.resolve("data");
        List<String> args = List.of("--data-dir", data.toString(), "--https-listen-port", Integer.toString(freePort()),
                "--bind-address", "127.0.0.1", "--advertise-address", "10.9.8.7");
        Plan first = ServerCommand.plan(args, Map.of(), layout());
        TlsFiles files = TlsFiles.of(data);
        X509Certificate serving;
        try (InputStream in = Files.newInputStream(files.servingCertificate())) {
            serving = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertTrue(ServingNames.of(List.of("127.0.0.1", "localhost", "10.9.8.7")).coveredBy(serving));
        byte[] ca = Files.readAllBytes(files.caCertificate());
        byte[] keystore = Files.readAllBytes(files.keystore());

        Plan second = ServerCommand.plan(args, Map.of(), layout());
        assertArrayEquals(ca, Files.readAllBytes(files.caCertificate()));
        assertArrayEquals(keystore, Files.readAllBytes(files.keystore()));
        assertEquals(first.environment().get(ServerCommand.KEYSTORE_PASSWORD_VARIABLE),
                second.environment().get(ServerCommand.KEYSTORE_PASSWORD_VARIABLE));
    }

    @Test
    void anUnreadableCaIsOneClearLine() throws Exception {
        Path data = temp.resolve("data");
        TlsFiles files = TlsFiles.of(data);
        Files.createDirectories(files.dir());
        Files.writeString(files.caCertificate(), "garbage");
        Files.writeString(files.caKey(), "garbage");
        LaunchException e = assertThrows(LaunchException.class, () -> ServerCommand.plan(List.of("--data-dir",
                data.toString(), "--https-listen-port", Integer.toString(freePort())), Map.of(), layout()));
        assertTrue(e.getMessage().startsWith("cannot prepare the TLS files in " + files.dir() + ": "
                + files.caCertificate() + " holds no PEM certificate"), e.getMessage());
    }

    @Test
    void forgetsThePreviousStartsDeploymentButKeepsTheUnpackedRuntime() throws Exception {
        Path root = temp.resolve("data/payara");
        Files.createDirectories(root.resolve("applications/k3j/WEB-INF"));
        Files.writeString(root.resolve("applications/k3j/WEB-INF/web.xml"), "<web-app/>");
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/domain.xml"), "<domain/>");
        Files.writeString(root.resolve("config/keystore.p12"), "keys");
        Files.createDirectories(root.resolve("runtime"));
        Files.writeString(root.resolve("runtime/weld.jar"), "jar");

        ServerCommand.plan(List.of("--data-dir", temp.resolve("data").toString(), "--https-listen-port", Integer.toString(freePort())),
                Map.of(), layout());

        assertFalse(Files.exists(root.resolve("applications")));
        assertFalse(Files.exists(root.resolve("config/domain.xml")));
        assertTrue(Files.exists(root.resolve("config/keystore.p12")));
        assertTrue(Files.exists(root.resolve("runtime/weld.jar")));
    }

    @Test
    void aUsedPortIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LaunchException e = assertThrows(LaunchException.class,
                    () -> ServerCommand.checkPortIsFree("127.0.0.1", taken.getLocalPort()));
            assertEquals("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is already in use", e.getMessage());
        }
    }

    @Test
    void anUnknownBindAddressIsOneClearLine() {
        LaunchException e = assertThrows(LaunchException.class, () -> ServerCommand.checkPortIsFree("no-such-host.invalid", 6443));
        assertEquals("cannot resolve the bind address no-such-host.invalid", e.getMessage());
    }

    @Test
    void theServerSeesWhatTheLauncherResolved() {
        ServerConfig config = ServerFlags.parse(List.of("--token-file", "/etc/t"), Map.of("K3J_TOKEN", "ignored"), temp, temp);
        Map<String, Optional<String>> env = ServerCommand.environment(config,
                new ServingKeystore(temp.resolve("tls/serving.p12"), ServingTls.ALIAS, "keystore-secret"));

        assertEquals(Optional.empty(), env.get("K3J_TOKEN"), "the flag beat the variable, so the server must not see it");
        assertEquals(Optional.of("h2:file:" + temp.resolve("db/k3j")), env.get("K3J_DATASTORE_ENDPOINT"));
        assertEquals(Optional.of("keystore-secret"), env.get(ServerCommand.KEYSTORE_PASSWORD_VARIABLE));
        assertEquals(ServerFlags.VALUE_FLAGS.size() + 1, env.size());
    }

    @Test
    void prebootServesHttpsOnlyOnTheAddressWithTheKeystoreAndAcceptsDeleteBodies() {
        String commands = ServerCommand.prebootCommands("127.0.0.1",
                new ServingKeystore(Path.of("/data/tls/serving.p12"), "k3j-serving", "keystore-secret"));
        assertTrue(commands.contains("network-listener.http-listener.enabled=false\n"), commands);
        assertTrue(commands.contains("network-listener.https-listener.address=127.0.0.1\n"), commands);
        assertTrue(commands.contains("protocol.https-listener.ssl.key-store=/data/tls/serving.p12\n"), commands);
        assertTrue(commands.contains("protocol.https-listener.ssl.cert-nickname=k3j-serving\n"), commands);
        assertTrue(commands.contains("ssl.key-store-password=${ENV=K3J_SERVING_KEYSTORE_PASSWORD}\n"), commands);
        assertFalse(commands.contains("keystore-secret"), commands);
        assertTrue(commands.contains("protocol.https-listener.http.allow-payload-for-undefined-http-methods=true\n"), commands);
    }
}
