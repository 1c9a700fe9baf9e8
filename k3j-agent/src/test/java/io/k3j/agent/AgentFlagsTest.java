package io.k3j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentFlagsTest {

    private static final String HASH = "a".repeat(64);

    @TempDir
    Path temp;

    private AgentConfig parse(Map<String, String> env, String... args) {
        return AgentFlags.parse(List.of(args), env, "k3j", temp.resolve("home"));
    }

    private String usageError(Map<String, String> env, String... args) {
        return assertThrows(UsageException.class, () -> parse(env, args)).getMessage();
    }

    @Test
    void readsEveryFlagWithKubernetesDefaults() {
        AgentConfig config = parse(Map.of(), "--server", "https://Server.Example:6443/", "--token", "K10" + HASH + "::server:s3cret",
                "--data-dir", temp.resolve("d").toString(), "--node-name", "n1", "--with-node-id",
                "--node-label", "a=b", "--node-label=example.com/zone=z1");

        assertEquals(URI.create("https://server.example:6443"), config.server());
        assertEquals("s3cret", config.token().secret());
        assertEquals(Optional.of(HASH), config.token().caHash());
        assertEquals(temp.resolve("d"), config.dataDir());
        assertEquals(Optional.of("n1"), config.nodeName());
        assertTrue(config.withNodeId());
        assertEquals(Map.of("a", "b", "example.com/zone", "z1"), config.nodeLabels());
        assertEquals(Duration.ofSeconds(40), config.leaseDuration());
        assertEquals(Duration.ofSeconds(10), config.leaseRenewInterval());
        assertEquals(40, config.leaseDurationSeconds());
        assertFalse(config.toString().contains("s3cret"), config.toString());
    }

    @Test
    void variablesFillInWhatNoFlagGivesAndFlagsBeatThem() {
        Map<String, String> env = Map.of("K3J_URL", "https://env:6443", "K3J_TOKEN", "envtoken", "K3J_NODE_NAME", "envnode",
                "K3J_DATA_DIR", temp.resolve("envdir").toString());

        AgentConfig fromEnv = parse(env);
        assertEquals(URI.create("https://env:6443"), fromEnv.server());
        assertEquals("envtoken", fromEnv.token().secret());
        assertEquals(Optional.of("envnode"), fromEnv.nodeName());
        assertEquals(temp.resolve("envdir"), fromEnv.dataDir());

        AgentConfig flagged = parse(env, "--server", "https://flag", "--token", "flagtoken", "--node-name", "flagnode",
                "--data-dir", temp.resolve("flagdir").toString());
        assertEquals(URI.create("https://flag:443"), flagged.server());
        assertEquals("flagtoken", flagged.token().secret());
        assertEquals(Optional.of("flagnode"), flagged.nodeName());
        assertEquals(temp.resolve("flagdir"), flagged.dataDir());
    }

    @Test
    void theTokenFileFlagBeatsTheTokenVariable() throws Exception {
        Path file = Files.writeString(temp.resolve("token"), "fromfile\n");
        AgentConfig config = parse(Map.of("K3J_URL", "https://s:6443", "K3J_TOKEN", "fromenv"), "--token-file", file.toString());
        assertEquals("fromfile", config.token().secret());

        assertEquals("use either --token or --token-file, not both",
                usageError(Map.of(), "--server", "https://s", "--token", "t", "--token-file", file.toString()));
        assertTrue(usageError(Map.of(), "--server", "https://s", "--token-file", temp.resolve("missing").toString())
                .startsWith("--token-file: cannot read the token file"));
    }

    @Test
    void theDataDirDefaultsByUser() {
        assertEquals(temp.resolve("home/.k3j/agent"), parse(Map.of(), "--server", "https://s", "--token", "t").dataDir());
        assertEquals(Path.of("/var/lib/k3j/agent"), AgentConfig.defaultDataDir("root", temp));
    }

    @Test
    void leasePeriodsTakeGoDurations() {
        AgentConfig config = parse(Map.of(), "--server", "https://s", "--token", "t",
                "--node-lease-duration", "1.5s", "--node-lease-renew-interval=500ms");
        assertEquals(Duration.ofMillis(1500), config.leaseDuration());
        assertEquals(Duration.ofMillis(500), config.leaseRenewInterval());
        assertEquals(2, config.leaseDurationSeconds(), "rounded up to whole seconds");
        assertEquals(Duration.ofSeconds(90), GoDurations.parse("1m30s"));
        assertEquals(Duration.ofHours(2), GoDurations.parse("2h"));
        assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("10"));
        assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("10s5"));
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        Map<String, String> none = Map.of();
        assertEquals("unknown flag --bogus", usageError(none, "--bogus"));
        assertEquals("unexpected argument 'extra'", usageError(none, "extra"));
        assertEquals("flag --server needs a value", usageError(none, "--server"));
        assertEquals("--server (or K3J_URL) is required", usageError(none, "--token", "t"));
        assertEquals("--token or --token-file (or K3J_TOKEN) is required", usageError(none, "--server", "https://s"));
        assertEquals("--server: the server URL must start with https://: http://s:6443",
                usageError(none, "--server", "http://s:6443", "--token", "t"));
        assertEquals("K3J_URL: the server URL must be https://host[:port] only: https://s/x",
                usageError(Map.of("K3J_URL", "https://s/x"), "--token", "t"));
        assertTrue(usageError(none, "--server", "https://s", "--token", "t", "--node-name", "Bad_Name")
                .startsWith("--node-name: the node name 'Bad_Name' is not a valid node name"));
        assertTrue(usageError(none, "--server", "https://s", "--token", "t", "--node-label", "novalue")
                .contains("is not KEY=VALUE"));
        assertTrue(usageError(none, "--server", "https://s", "--token", "t", "--node-label", "a=b c")
                .contains("is not a valid label value"));
        assertTrue(usageError(none, "--server", "https://s", "--token", "K10xyz::server:s")
                .contains("the token's CA hash is not 64 hex digits"));
        assertTrue(usageError(none, "--server", "https://s", "--token", "t", "--node-lease-renew-interval", "40s")
                .contains("must be shorter than the node lease duration"));
        assertTrue(usageError(none, "--server", "https://s", "--token", "t", "--node-lease-duration", "forever")
                .startsWith("--node-lease-duration: 'forever' is not a duration"));
    }

    @Test
    void mainPrintsOneLineAndExitsWithTwoOnABadCommandLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AgentMain.run(List.of("--bogus"), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, status);
        assertEquals("k3j-agent: unknown flag --bogus (see k3j agent --help)",
                err.toString(StandardCharsets.UTF_8).strip());
        assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void mainPrintsTheUsageOnHelp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, AgentMain.run(List.of("--help"), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--with-node-id"));
    }
}
