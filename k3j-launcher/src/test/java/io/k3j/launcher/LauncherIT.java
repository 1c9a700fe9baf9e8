package io.k3j.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.bootstrap.AdminKubeconfig;
import io.k3j.server.bootstrap.ClusterToken;
import io.k3j.server.tls.TlsFiles;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/k3j and plain Payara Micro, run as a user runs them, against the artifacts this build made. */
class LauncherIT {

    private static final Path HOME = Path.of("").toAbsolutePath().getParent();
    private static final Path K3J = HOME.resolve("bin/k3j");
    private static final Path LIB = Path.of("target/k3j/lib").toAbsolutePath();
    private static final Path LOGS = Path.of("target/it-logs").toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> k3j(String... args) {
        List<String> command = new ArrayList<>(List.of(K3J.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static HttpResponse<String> get(HttpClient http, String baseUrl, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The API of a server that the launcher started: HTTPS, trusting the CA in its data dir and nothing else. */
    private static HttpClient https(Path dataDir) throws Exception {
        return ServerProcess.clientTrusting(TlsFiles.of(dataDir).caCertificate());
    }

    private static String httpsUrl(int port) {
        return "https://127.0.0.1:" + port;
    }

    /** A request with the admin credential of the server whose data dir is given. */
    private static HttpRequest.Builder asAdmin(Path dataDir, int port, String path) throws IOException {
        String token = ClusterToken.parse(Files.readString(dataDir.resolve("token")).strip()).secret();
        return HttpRequest.newBuilder(URI.create(httpsUrl(port) + path))
                .header("Authorization", "Bearer " + AdminKubeconfig.credential(token));
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " did not end");
        assertEquals(0, process.exitValue(), command + ": " + output);
        return output;
    }

    @Test
    void serverStartsBoundToItsAddressStopsOnSigtermAndRestartsWithTheSameToken() throws Exception {
        Path data = temp.resolve("server");
        int port = freePort();
        List<String> command = k3j("server", "--data-dir", data.toString(), "--https-listen-port", Integer.toString(port),
                "--bind-address", "127.0.0.1");
        byte[] token;
        byte[] kubeconfig;
        try (ServerProcess server = ServerProcess.start("server-first", command, Map.of(), LOGS)) {
            Duration ready = server.awaitReady(port, TlsFiles.of(data).caCertificate(), START);
            System.out.println("k3j server (first start) ready after " + ready.toMillis() + " ms");

            HttpClient http = https(data);
            HttpResponse<String> version = get(http, httpsUrl(port), "/version");
            assertEquals(200, version.statusCode());
            assertTrue(version.body().contains("\"gitVersion\":\"v1.31.0+k3j1\""), version.body());

            token = Files.readAllBytes(data.resolve("token"));
            // K3s's full form, as TLS is on: the CA's hash, then the secret
            assertTrue(new String(token, StandardCharsets.US_ASCII).matches("K10[0-9a-f]{64}::server:[0-9a-f]{64}\n"),
                    new String(token, StandardCharsets.US_ASCII));
            assertEquals("rw-------", mode(data.resolve("token")));
            kubeconfig = Files.readAllBytes(data.resolve("k3j.yaml"));
            assertEquals("rw-------", mode(data.resolve("k3j.yaml")));
            String kubeconfigText = new String(kubeconfig, StandardCharsets.UTF_8);
            assertTrue(kubeconfigText.contains("server: https://127.0.0.1:" + port + "\n"), kubeconfigText);
            // kubectl trusts the cluster CA from the kubeconfig: no --insecure-skip-tls-verify anywhere below
            assertTrue(kubeconfigText.contains("certificate-authority-data: " + Base64.getEncoder().encodeToString(
                    Files.readAllBytes(TlsFiles.of(data).caCertificate())) + "\n"), kubeconfigText);
            assertEquals("rw-------", mode(TlsFiles.of(data).keystorePassword()));

            String kubectl = run(List.of("kubectl", "--kubeconfig", data.resolve("k3j.yaml").toString(), "get", "--raw", "/version"));
            assertTrue(kubectl.contains("\"gitVersion\": \"v1.31.0+k3j1\"") || kubectl.contains("\"gitVersion\":\"v1.31.0+k3j1\""), kubectl);

            // kubectl sends DeleteOptions in a DELETE body, which Payara refuses unless the launcher allows it
            assertEquals(401, get(http, httpsUrl(port), "/api/v1/namespaces/default/configmaps").statusCode(),
                    "the API needs a credential");
            HttpResponse<String> created = http.send(asAdmin(data, port, "/api/v1/namespaces/default/configmaps")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"launcher-it\"},\"data\":{\"k\":\"v\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            String kubeconfigPath = data.resolve("k3j.yaml").toString();
            assertTrue(run(List.of("kubectl", "--kubeconfig", kubeconfigPath, "get", "configmaps", "-o", "name"))
                    .contains("configmap/launcher-it"));
            assertTrue(run(List.of("kubectl", "--kubeconfig", kubeconfigPath, "delete", "configmap", "launcher-it"))
                    .contains("configmap \"launcher-it\" deleted"));
            assertEquals(404, http.send(asAdmin(data, port, "/api/v1/namespaces/default/configmaps/launcher-it").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());

            // bin/k3j kubectl finds the admin kubeconfig through the data dir: by flag, or by variable
            try (ServerProcess byFlag = ServerProcess.start("kubectl-flag",
                    k3j("kubectl", "--data-dir", data.toString(), "get", "--raw", "/version"), Map.of(), LOGS)) {
                assertEquals(0, byFlag.awaitExit(Duration.ofSeconds(60)), byFlag.stderr());
                assertTrue(byFlag.stdout().contains("v1.31.0+k3j1"), byFlag.stdout());
            }
            try (ServerProcess byVariable = ServerProcess.start("kubectl-variable",
                    k3j("kubectl", "get", "namespaces", "-o", "name"), Map.of("K3J_DATA_DIR", data.toString()), LOGS)) {
                assertEquals(0, byVariable.awaitExit(Duration.ofSeconds(60)), byVariable.stderr());
                assertTrue(byVariable.stdout().contains("namespace/kube-system\n"), byVariable.stdout());
            }

            assertListensOnLoopbackOnly(port);
            // HTTPS only: Payara's plain HTTP listener is off, so the server's JVM listens on this one port
            String ss = run(List.of("ss", "-ltnpH"));
            List<String> serverListeners = lines(ss).stream().filter(line -> line.contains("pid=" + server.pid() + ",")).toList();
            assertEquals(1, serverListeners.size(), ss);
            assertTrue(serverListeners.get(0).contains(":" + port + " "), serverListeners.get(0));
            assertEquals("", server.stderr(), "a healthy server writes nothing on stderr");
            assertTrue(server.stdout().contains("k3j was successfully deployed"), "the log goes to stdout");

            try (ServerProcess second = ServerProcess.start("server-port-taken",
                    k3j("server", "--data-dir", temp.resolve("other").toString(), "--https-listen-port", Integer.toString(port)), Map.of(), LOGS)) {
                assertEquals(1, second.awaitExit(Duration.ofSeconds(30)));
                assertEquals("k3j: cannot listen on 0.0.0.0:" + port + ": the port is already in use\n", second.stderr());
            }

            long pid = server.pid();
            assertEquals(Optional.of("java"), ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(c -> Path.of(c).getFileName().toString()),
                    "bin/k3j execs the server's JVM, which gets the signals itself");
            assertEquals(143, server.terminate(STOP), "SIGTERM ends the server");
        }

        try (ServerProcess server = ServerProcess.start("server-restart", command, Map.of(), LOGS)) {
            Duration ready = server.awaitReady(port, TlsFiles.of(data).caCertificate(), START);
            System.out.println("k3j server (restart) ready after " + ready.toMillis() + " ms");
            assertEquals(200, get(https(data), httpsUrl(port), "/version").statusCode(), "the CA and certificate are reused");
            assertArrayEquals(token, Files.readAllBytes(data.resolve("token")), "the token is reused");
            assertArrayEquals(kubeconfig, Files.readAllBytes(data.resolve("k3j.yaml")), "the kubeconfig is written identically");
            assertEquals(1, lines(server.stdout()).stream().filter(line -> line.contains("k3j was successfully deployed")).count(),
                    "the application is deployed once, not also from the previous start's state");
            server.terminate(STOP);
        }
    }

    /** Nothing answers on this machine's other addresses; ss shows the listener on loopback. */
    private static void assertListensOnLoopbackOnly(int port) throws Exception {
        String ss = run(List.of("ss", "-ltnH"));
        List<String> listeners = lines(ss).stream().filter(line -> line.matches(".*[:\\]]" + port + "\\s.*")).toList();
        assertEquals(1, listeners.size(), ss);
        assertTrue(listeners.get(0).matches(".*\\s(\\[::ffff:)?127\\.0\\.0\\.1\\]?:" + port + "\\s.*"), listeners.get(0));

        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && nic.isUp()) {
                    try (Socket socket = new Socket()) {
                        assertThrows(ConnectException.class, () -> socket.connect(new InetSocketAddress(address, port), 2000),
                                "connected through " + address);
                    }
                }
            }
        }
    }

    @Test
    void anUnknownDatastoreSchemeEndsTheServerWithOneLine() throws Exception {
        try (ServerProcess server = ServerProcess.start("nosuch", k3j("server", "--data-dir", temp.toString(),
                "--https-listen-port", Integer.toString(freePort()), "--datastore-endpoint", "nosuch://x"), Map.of(), LOGS)) {
            assertEquals(1, server.awaitExit(START));
            String stderr = server.stderr();
            assertEquals(1, lines(stderr).size(), stderr);
            assertTrue(stderr.matches("k3j: cannot open datastore nosuch://x: unknown datastore scheme 'nosuch'; known schemes: .*h2.*postgres.*\n"),
                    stderr);
        }
    }

    @Test
    void anUnreachableDatastoreEndsTheServerWithOneLineAndNoPassword() throws Exception {
        try (ServerProcess server = ServerProcess.start("unreachable", k3j("server", "--data-dir", temp.toString(),
                "--https-listen-port", Integer.toString(freePort()), "--datastore-endpoint", "postgres://postgres:pw-123@127.0.0.1:1/none"),
                Map.of(), LOGS)) {
            assertEquals(1, server.awaitExit(START));
            String stderr = server.stderr();
            assertEquals(1, lines(stderr).size(), stderr);
            assertTrue(stderr.startsWith("k3j: cannot open datastore postgres://postgres:***@127.0.0.1:1/none: "), stderr);
            assertTrue(!stderr.contains("pw-123") && !server.stdout().contains("pw-123"), "the password is not shown");
        }
    }

    @Test
    void plainPayaraMicroTakesItsSettingsFromTheEnvironment() throws Exception {
        Path data = temp.resolve("plain");
        int port = freePort();
        String token = "plain-token-" + port;
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", LIB.resolve("payara-micro.jar").toString(), "--deploy", LIB.resolve("k3j.war").toString(),
                "--contextroot", "/", "--nohazelcast", "--port", Integer.toString(port));
        try (ServerProcess server = ServerProcess.start("plain", command, Map.of("K3J_DATA_DIR", data.toString(), "K3J_TOKEN", token), LOGS)) {
            Duration ready = server.awaitReadyPlain(port, START);
            System.out.println("plain Payara Micro ready after " + ready.toMillis() + " ms");

            assertEquals(200, get(HttpClient.newHttpClient(), "http://127.0.0.1:" + port, "/version").statusCode());
            assertEquals(token + "\n", Files.readString(data.resolve("token")));
            assertEquals("rw-------", mode(data.resolve("token")));
            String kubeconfig = Files.readString(data.resolve("k3j.yaml"));
            assertTrue(kubeconfig.contains("token: " + AdminKubeconfig.credential(token) + "\n"), kubeconfig);
            // no launcher, so no CA: the kubeconfig names plain HTTP
            assertTrue(kubeconfig.contains("server: http://127.0.0.1:"), kubeconfig);
            assertTrue(!kubeconfig.contains("certificate-authority-data"), kubeconfig);
            assertEquals(143, server.terminate(STOP));
        }
    }

    @Test
    void helpGoesToStdoutAndABadFlagToStderr() throws Exception {
        try (ServerProcess help = ServerProcess.start("help", k3j("server", "--help"), Map.of(), LOGS)) {
            assertEquals(0, help.awaitExit(Duration.ofSeconds(30)));
            assertTrue(help.stdout().startsWith("Usage: k3j server [flags]\n"), help.stdout());
            assertEquals("", help.stderr());
        }
        try (ServerProcess bad = ServerProcess.start("bad-flag", k3j("server", "--no-such-flag=1"), Map.of(), LOGS)) {
            assertEquals(2, bad.awaitExit(Duration.ofSeconds(30)));
            assertEquals("k3j: unknown flag --no-such-flag\nRun 'k3j server --help' for usage.\n", bad.stderr());
            assertEquals("", bad.stdout());
        }
    }

    @Test
    void kubectlMissingFromThePathIsOneLine() throws Exception {
        // a PATH with what bin/k3j itself needs, but no kubectl
        Path bin = Files.createDirectories(temp.resolve("bin"));
        for (String tool : List.of("bash", "dirname", "readlink")) {
            Path real = Path.of(run(List.of("sh", "-c", "command -v " + tool)).strip()).toRealPath();
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve("k3j.yaml"), "apiVersion: v1\n");
        try (ServerProcess kubectl = ServerProcess.start("kubectl-missing", k3j("kubectl", "get", "ns"),
                Map.of("PATH", bin.toString(), "JAVA_HOME", System.getProperty("java.home"), "K3J_DATA_DIR", data.toString()), LOGS)) {
            assertEquals(1, kubectl.awaitExit(Duration.ofSeconds(30)));
            assertEquals("k3j: kubectl is not on the PATH; install kubectl to use 'k3j kubectl'\n", kubectl.stderr());
            assertEquals("", kubectl.stdout());
        }
    }

    @Test
    void anAgentWithoutATokenIsOneLine() throws Exception {
        try (ServerProcess agent = ServerProcess.start("agent", k3j("agent", "--server", "https://127.0.0.1:6443"), Map.of(), LOGS)) {
            assertEquals(2, agent.awaitExit(Duration.ofSeconds(30)));
            assertEquals("k3j-agent: --token or --token-file (or K3J_TOKEN) is required (see k3j agent --help)\n", agent.stderr());
        }
    }
}
