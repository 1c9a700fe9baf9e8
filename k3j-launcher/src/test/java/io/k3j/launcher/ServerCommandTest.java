package io.k3j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.config.ServerConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        String commandLine = String.join(" ", plan.command());
        assertFalse(commandLine.contains("tok-secret"), commandLine);
        assertFalse(commandLine.contains("pw-secret"), commandLine);
        assertFalse(plan.toString().contains("secret"), plan.toString());
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
        List<String> micro = command.subList(command.indexOf("-jar"), command.size());
        assertEquals(List.of("-jar", temp.resolve("home/lib/payara-micro.jar").toString(),
                "--deploy", temp.resolve("home/lib/k3j.war").toString(), "--contextroot", "/", "--port", Integer.toString(port),
                "--prebootcommandfile", data.resolve("payara/preboot.asadmin").toString(),
                "--rootdir", data.resolve("payara").toString(), "--nohazelcast", "--disablephonehome"), micro);
    }

    @Test
    void preparesAPrivateDataDirAndBindsTheListenerToTheAddress() throws Exception {
        Path data = temp.resolve("data");
        ServerCommand.plan(List.of("--data-dir", data.toString(), "--https-listen-port", Integer.toString(freePort()),
                "--bind-address", "127.0.0.1"), Map.of(), layout());

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals(ServerCommand.prebootCommands("127.0.0.1"), Files.readString(data.resolve("payara/preboot.asadmin")));
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
        Map<String, Optional<String>> env = ServerCommand.environment(config);

        assertEquals(Optional.empty(), env.get("K3J_TOKEN"), "the flag beat the variable, so the server must not see it");
        assertEquals(Optional.of("h2:file:" + temp.resolve("db/k3j")), env.get("K3J_DATASTORE_ENDPOINT"));
        assertEquals(ServerFlags.VALUE_FLAGS.size(), env.size());
    }

    @Test
    void prebootBindsTheListenerAndAcceptsDeleteBodies() {
        String commands = ServerCommand.prebootCommands("127.0.0.1");
        assertTrue(commands.contains("network-listener.http-listener.address=127.0.0.1\n"), commands);
        assertTrue(commands.contains("allow-payload-for-undefined-http-methods=true\n"), commands);
    }
}
