package io.k3j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.agent.identity.HostName;
import io.k3j.agent.trust.ClusterCa;
import io.k3j.agent.trust.ClusterToken;
import io.k3j.server.tls.TlsFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real agents joining a real server, all started with {@code bin/k3j} as a user starts them. One
 * server (with its local agent) serves the whole class and is restarted once, by the last test;
 * the node-monitor and lease periods are shortened so that NotReady shows within seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentIT {

    private static final Path K3J = Path.of("").toAbsolutePath().getParent().resolve("bin/k3j");
    private static final Path LOGS = Path.of("target/it-logs/agent").toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofSeconds(4);
    private static final Map<String, String> SERVER_ENV = Map.of(
            "K3J_NODE_MONITOR_GRACE_PERIOD", GRACE.toSeconds() + "s", "K3J_NODE_MONITOR_PERIOD", "1s");
    private static final List<String> SHORT_LEASE = List.of("--node-lease-renew-interval", "1s", "--node-lease-duration", "4s");

    /** Static, as JUnit fills only static fields before {@code @BeforeAll}. */
    @TempDir
    static Path temp;

    private int port;
    private Path serverData;
    private ServerProcess server;
    /** The secret of the cluster token, which the server's token file may hold in the full K10 form. */
    private String secret;
    private final List<ServerProcess> started = new ArrayList<>();

    /** A free port of at least 17000, away from the ports the Arquillian tests use. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(17000, 30000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IOException("no free port found");
    }

    private List<String> serverCommand() {
        return List.of(K3J.toString(), "server", "--data-dir", serverData.toString(), "--https-listen-port", Integer.toString(port));
    }

    private ServerProcess startServer(String name) throws Exception {
        ServerProcess process = ServerProcess.start(name, serverCommand(), SERVER_ENV, LOGS);
        started.add(process);
        Duration ready = process.awaitReady(port, TlsFiles.of(serverData).caCertificate(), START);
        System.out.println(name + " ready after " + ready.toMillis() + " ms");
        return process;
    }

    @BeforeAll
    void startServer() throws Exception {
        port = freePort();
        serverData = temp.resolve("server");
        server = startServer("server");
        secret = ClusterToken.parse(Files.readString(serverData.resolve("token"))).secret();
    }

    @AfterAll
    void stopEverything() {
        started.forEach(ServerProcess::close);
    }

    private String serverUrl() {
        return "https://127.0.0.1:" + port;
    }

    /** K3s's full token: the hash of the CA that {@code /cacerts} answers, then the secret. */
    private String fullToken() throws IOException {
        return "K10" + ClusterCa.sha256(Files.readAllBytes(TlsFiles.of(serverData).caCertificate())) + "::server:" + secret;
    }

    private ServerProcess agent(String logName, String token, Path dataDir, String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of(K3J.toString(), "agent", "--server", serverUrl(), "--token", token,
                "--data-dir", dataDir.toString()));
        command.addAll(SHORT_LEASE);
        command.addAll(List.of(flags));
        ServerProcess agent = ServerProcess.start(logName, command, Map.of(), LOGS);
        started.add(agent);
        return agent;
    }

    private record Result(int status, String output) {
    }

    private Result kubectlResult(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", serverData.resolve("k3j.yaml").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), command + " did not end");
        return new Result(process.exitValue(), output);
    }

    private String kubectl(String... args) throws Exception {
        Result result = kubectlResult(args);
        assertEquals(0, result.status(), String.join(" ", args) + ": " + result.output());
        return result.output();
    }

    /** The status of the node's Ready condition ({@code True}, {@code Unknown}, ...), empty when there is no such node. */
    private Optional<String> ready(String node) throws Exception {
        Result result = kubectlResult("get", "node", node, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}");
        if (result.status() != 0) {
            assertTrue(result.output().contains("NotFound"), result.output());
            return Optional.empty();
        }
        return Optional.of(result.output().strip());
    }

    /** Polls until the condition holds; returns how long that took. */
    private static Duration await(Duration timeout, String what, Callable<Boolean> condition) throws Exception {
        long start = System.nanoTime();
        while (!condition.call()) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new AssertionError(what + " did not happen within " + timeout);
            }
            Thread.sleep(250);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private Duration awaitReady(String node, Duration timeout) throws Exception {
        return await(timeout, "node " + node + " Ready", () -> ready(node).equals(Optional.of("True")));
    }

    /** Waits for the node's /24 of the cluster CIDR, which a pass of the server's node controllers gives it. */
    private void awaitPodCidr(String node) throws Exception {
        await(Duration.ofSeconds(15), "a podCIDR for node " + node,
                () -> kubectl("get", "node", node, "-o", "jsonpath={.spec.podCIDR}").matches("10\\.42\\.\\d+\\.0/24"));
    }

    private static long rssKilobytes(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElseThrow();
    }

    private Optional<ProcessHandle> localAgentOf(ServerProcess server) {
        return ProcessHandle.of(server.pid()).stream().flatMap(ProcessHandle::children)
                .filter(child -> child.info().commandLine().orElse("").contains(LocalAgentCommand.MAIN_CLASS))
                .findFirst();
    }

    @Test
    @Order(1)
    void aServerAloneIsAOneNodeCluster() throws Exception {
        String host = HostName.local();
        Duration ready = awaitReady(host, Duration.ofSeconds(30));
        System.out.println("local node " + host + " Ready " + ready.toMillis() + " ms after the server's /readyz");

        awaitPodCidr(host);
        assertTrue(kubectl("get", "nodes").matches("(?s).*\n" + host.replace(".", "\\.") + "\\s+Ready\\s+control-plane,master\\s.*"),
                "the local node has K3s's server roles");
        assertTrue(Files.isRegularFile(serverData.resolve("agent/node/password")), "the local agent keeps its password beside the server's data");

        ProcessHandle localAgent = localAgentOf(server).orElseThrow(() -> new AssertionError("no local agent under the server"));
        System.out.println("RSS: server " + rssKilobytes(server.pid()) / 1024 + " MB, local agent "
                + rssKilobytes(localAgent.pid()) / 1024 + " MB");
        List<String> agentLines = server.stdout().lines().filter(line -> line.contains("[" + host + "]")).toList();
        assertFalse(agentLines.isEmpty(), "the local agent logs into the server's stdout");
        assertTrue(agentLines.stream().allMatch(line -> line.startsWith("[agent] ")), agentLines.toString());
        assertFalse(server.stdout().contains(secret), "the token is never logged");
        assertEquals("", server.stderr(), "a healthy server and agent write nothing on stderr");
    }

    @Test
    @Order(2)
    void anAgentJoinsWithItsPasswordHashedInASecretAndRenewsItsLease() throws Exception {
        Path data = temp.resolve("a1");
        ServerProcess a1 = agent("a1", fullToken(), data, "--node-name", "a1");
        Duration ready = awaitReady("a1", Duration.ofSeconds(30));
        System.out.println("agent a1 Ready after " + ready.toMillis() + " ms; RSS " + rssKilobytes(a1.pid()) / 1024 + " MB");
        assertTrue(a1.stderr().lines().noneMatch(line -> line.contains("on first use")), "a K10 token: the CA is checked, not trusted");

        Path passwordFile = data.resolve("node/password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        String password = Files.readString(passwordFile).strip();
        String hash = new String(Base64.getDecoder().decode(
                kubectl("get", "secret", "-n", "kube-system", "a1.node-password.k3j", "-o", "jsonpath={.data.hash}")),
                StandardCharsets.UTF_8);
        assertTrue(hash.startsWith("$scrypt$"), hash);
        assertFalse(hash.contains(password), "the Secret holds a hash, not the password");
        assertFalse(kubectl("get", "secret", "-n", "kube-system", "a1.node-password.k3j", "-o", "yaml").contains(password));

        String renewed = kubectl("get", "lease", "-n", "kube-node-lease", "a1", "-o", "jsonpath={.spec.renewTime}");
        await(Duration.ofSeconds(10), "a renewal of lease a1",
                () -> !kubectl("get", "lease", "-n", "kube-node-lease", "a1", "-o", "jsonpath={.spec.renewTime}").equals(renewed));
        assertEquals("a1", kubectl("get", "lease", "-n", "kube-node-lease", "a1", "-o", "jsonpath={.spec.holderIdentity}"));
        String logs = a1.stdout() + a1.stderr();
        assertFalse(logs.contains(secret) || logs.contains(password), "neither the token nor the password is logged");
    }

    @Test
    @Order(3)
    void anotherAgentWithTheSameNameAWrongTokenOrAWrongCaIsRefusedWithOneLine() throws Exception {
        try (ServerProcess twin = agent("a1-twin", secret, temp.resolve("a1-twin"), "--node-name", "a1");
                ServerProcess wrongToken = agent("wrong-token", "not-the-token", temp.resolve("wrong-token"), "--node-name", "wt");
                ServerProcess wrongCa = agent("wrong-ca", "K10" + "0".repeat(64) + "::server:" + secret, temp.resolve("wrong-ca"),
                        "--node-name", "badca")) {
            assertNotEquals(0, twin.awaitExit(Duration.ofSeconds(60)));
            String refusal = lastLine(twin.stderr());
            assertTrue(refusal.startsWith("k3j-agent: ") && refusal.contains("kubectl delete node a1")
                    && refusal.contains("--with-node-id"), twin.stderr());

            assertNotEquals(0, wrongToken.awaitExit(Duration.ofSeconds(60)));
            String unauthorized = lastLine(wrongToken.stderr());
            assertTrue(unauthorized.startsWith("k3j-agent: ") && unauthorized.contains("401"), wrongToken.stderr());
            assertFalse(wrongToken.stderr().contains("not-the-token"), "the token is never shown");

            assertNotEquals(0, wrongCa.awaitExit(Duration.ofSeconds(60)));
            String mismatch = lastLine(wrongCa.stderr());
            assertTrue(mismatch.startsWith("k3j-agent: the server's CA certificate does not match the token"), wrongCa.stderr());
        }
        // the refused CA got no secret: no registration, so no password Secret and no node
        assertEquals(Optional.empty(), ready("badca"));
        assertTrue(kubectlResult("get", "secret", "-n", "kube-system", "badca.node-password.k3j").output().contains("NotFound"));
        assertEquals(Optional.of("True"), ready("a1"), "the refusals left the registered node alone");
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Test
    @Order(4)
    void withNodeIdTheNameGetsAnIdThatStaysAcrossRestarts() throws Exception {
        Path data = temp.resolve("wid");
        String name;
        try (ServerProcess first = agent("wid-first", secret, data, "--node-name", "wid", "--with-node-id")) {
            await(Duration.ofSeconds(30), "the id file", () -> Files.isRegularFile(data.resolve("node/id")));
            String id = Files.readString(data.resolve("node/id")).strip();
            assertTrue(id.matches("[0-9a-f]{8}"), id);
            name = "wid-" + id;
            awaitReady(name, Duration.ofSeconds(30));
            assertEquals(143, first.terminate(STOP), "SIGTERM stops an agent");
        }
        try (ServerProcess second = agent("wid-second", secret, data, "--node-name", "wid", "--with-node-id")) {
            await(Duration.ofSeconds(30), "the restarted agent's registration",
                    () -> second.stderr().contains("registered as " + name + " "));
            String renewed = kubectl("get", "lease", "-n", "kube-node-lease", name, "-o", "jsonpath={.spec.renewTime}");
            await(Duration.ofSeconds(10), "a renewal of lease " + name + " by the restarted agent",
                    () -> !kubectl("get", "lease", "-n", "kube-node-lease", name, "-o", "jsonpath={.spec.renewTime}").equals(renewed));
            awaitReady(name, Duration.ofSeconds(30));
            assertEquals(List.of(name), List.of(kubectl("get", "nodes", "-o", "name").lines()
                    .filter(line -> line.startsWith("node/wid")).map(line -> line.substring("node/".length())).toArray()),
                    "the same node, no second one");
            second.terminate(STOP);
        }
    }

    @Test
    @Order(5)
    void deletingANodeDeletesItsPasswordSoTheNameCanJoinAgainWithANewOne() throws Exception {
        try (ServerProcess d1 = agent("d1-first", secret, temp.resolve("d1-first"), "--node-name", "d1")) {
            awaitReady("d1", Duration.ofSeconds(30));
            // the server's controllers must have seen the node before it goes (see NodePasswordCleaner):
            // they give it its podCIDR in the same pass
            awaitPodCidr("d1");
            d1.terminate(STOP);
        }
        assertTrue(kubectl("delete", "node", "d1").contains("node \"d1\" deleted"));
        Duration gone = await(Duration.ofSeconds(15), "the deletion of Secret d1.node-password.k3j",
                () -> kubectlResult("get", "secret", "-n", "kube-system", "d1.node-password.k3j").output().contains("NotFound"));
        System.out.println("password Secret of d1 gone " + gone.toMillis() + " ms after the node's deletion");

        try (ServerProcess again = agent("d1-again", secret, temp.resolve("d1-again"), "--node-name", "d1")) {
            awaitReady("d1", Duration.ofSeconds(30));
            assertTrue(again.stderr().contains("created node d1"), again.stderr());
            again.terminate(STOP);
        }
    }

    @Test
    @Order(6)
    void aKilledAgentsNodeBecomesUnknownAfterTheGracePeriodAndReadyWhenItComesBack() throws Exception {
        ServerProcess a1 = started.stream().filter(p -> p.name().equals("a1")).findFirst().orElseThrow();
        assertEquals(Optional.of("True"), ready("a1"));
        a1.kill();
        Duration unknown = await(Duration.ofSeconds(20), "node a1 Ready=Unknown", () -> ready("a1").equals(Optional.of("Unknown")));
        System.out.println("node a1 Unknown " + unknown.toMillis() + " ms after SIGKILL (grace " + GRACE.toSeconds() + " s)");
        assertTrue(unknown.compareTo(GRACE.plusSeconds(8)) < 0, unknown.toString());

        ServerProcess back = agent("a1-back", secret, temp.resolve("a1"), "--node-name", "a1");
        Duration ready = awaitReady("a1", Duration.ofSeconds(30));
        System.out.println("node a1 Ready again " + ready.toMillis() + " ms after the agent's restart");
        assertTrue(back.stderr().lines().noneMatch(line -> line.startsWith("k3j-agent: ")), back.stderr());
    }

    @Test
    @Order(7)
    void anAgentReconnectsByItselfWhenTheServerRestartsAndTheLocalAgentEndsWithTheServer() throws Exception {
        ServerProcess a1 = started.stream().filter(p -> p.name().equals("a1-back")).findFirst().orElseThrow();
        ProcessHandle localAgent = localAgentOf(server).orElseThrow();

        assertEquals(143, server.terminate(STOP), "SIGTERM ends the server");
        await(Duration.ofSeconds(10), "the end of the local agent", () -> !localAgent.isAlive());

        long connectedBefore = a1.stderr().lines().filter(line -> line.contains("connected to server")).count();
        server = startServer("server-restarted");
        long restarted = System.nanoTime();
        Duration reconnected = await(Duration.ofSeconds(60), "a1's new tunnel to the restarted server",
                () -> a1.stderr().lines().filter(line -> line.contains("connected to server")).count() > connectedBefore);
        System.out.println("agent a1 reconnected " + reconnected.toMillis() + " ms after the restarted server was ready");
        assertTrue(a1.isAlive(), "the agent was not restarted");

        String renewed = kubectl("get", "lease", "-n", "kube-node-lease", "a1", "-o", "jsonpath={.spec.renewTime}");
        await(Duration.ofSeconds(10), "a renewal of lease a1 through the restarted server",
                () -> !kubectl("get", "lease", "-n", "kube-node-lease", "a1", "-o", "jsonpath={.spec.renewTime}").equals(renewed));
        awaitReady("a1", Duration.ofSeconds(10));
        awaitReady(HostName.local(), Duration.ofSeconds(30));
        System.out.println("both nodes Ready " + Duration.ofNanos(System.nanoTime() - restarted).toMillis()
                + " ms after the restarted server was ready");
        assertTrue(a1.stderr().lines().noneMatch(line -> line.startsWith("k3j-agent: ")), "no refusal on reconnection");
        assertEquals(1, a1.stderr().lines().filter(line -> line.contains("registered as a1")).count(),
                "the agent reconnected without registering again");
        assertEquals("", server.stderr());
    }
}
