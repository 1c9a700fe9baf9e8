package io.k3j.launcher.localagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.agent.AgentConfig;
import io.k3j.agent.trust.ClusterCa;
import io.k3j.server.tls.ServingNames;
import io.k3j.server.tls.ServingTls;
import io.k3j.server.tls.TlsFiles;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAgentMainTest {

    @TempDir
    Path temp;

    private static final List<String> ARGS = List.of("--server", "https://127.0.0.1:6443", "--data-dir", "/srv/k3j/agent",
            "--token-file", "/srv/k3j/token", "--ca-file", "/srv/k3j/tls/ca.crt");

    @Test
    void readsWhatTheLauncherWrites() {
        LocalAgentMain.Settings settings = LocalAgentMain.Settings.parse(ARGS);
        assertEquals(new LocalAgentMain.Settings(URI.create("https://127.0.0.1:6443"), Path.of("/srv/k3j/agent"),
                Path.of("/srv/k3j/token"), Path.of("/srv/k3j/tls/ca.crt"), Optional.empty(), false,
                Duration.ofSeconds(40), Duration.ofSeconds(10)), settings);

        List<String> named = new java.util.ArrayList<>(ARGS);
        named.addAll(List.of("--with-node-id", "--node-name", "cp-1", "--node-lease-duration", "PT4S",
                "--node-lease-renew-interval", "PT1S"));
        LocalAgentMain.Settings namedSettings = LocalAgentMain.Settings.parse(named);
        assertEquals(Optional.of("cp-1"), namedSettings.nodeName());
        assertTrue(namedSettings.withNodeId());
        assertEquals(Duration.ofSeconds(4), namedSettings.leaseDuration());
        assertEquals(Duration.ofSeconds(1), namedSettings.leaseRenewInterval());
        List<String> badDuration = new java.util.ArrayList<>(ARGS);
        badDuration.addAll(List.of("--node-lease-duration", "4s"));
        assertThrows(IllegalArgumentException.class, () -> LocalAgentMain.Settings.parse(badDuration));

        assertThrows(IllegalArgumentException.class, () -> LocalAgentMain.Settings.parse(ARGS.subList(0, 6)));
        assertThrows(IllegalArgumentException.class, () -> LocalAgentMain.Settings.parse(List.of("--token", "x")));
    }

    @Test
    void theAgentChecksTheServerAgainstTheCaInTheDataDirAndIsAControlPlaneNode() throws Exception {
        TlsFiles files = TlsFiles.of(temp);
        ServingTls.ensure(files, ServingNames.of(List.of("127.0.0.1")), Clock.systemUTC(), new SecureRandom());
        ClusterCa ca = ClusterCa.verify(Files.readAllBytes(files.caCertificate()), Optional.empty());
        LocalAgentMain.Settings settings = LocalAgentMain.Settings.parse(ARGS);

        AgentConfig config = LocalAgentMain.config(settings, ca, "0123abcd\n");

        assertEquals(Optional.of(ClusterCa.sha256(Files.readAllBytes(files.caCertificate()))), config.token().caHash(),
                "a K10 token, so the CA is checked rather than trusted on first use");
        assertEquals("0123abcd", config.token().secret());
        assertEquals(URI.create("https://127.0.0.1:6443"), config.server());
        assertEquals(Path.of("/srv/k3j/agent"), config.dataDir());
        assertEquals(Duration.ofSeconds(40), config.leaseDuration());
        assertEquals(Optional.empty(), config.nodeName());
        assertEquals("true", config.nodeLabels().get("node-role.kubernetes.io/control-plane"));
        assertEquals("true", config.nodeLabels().get("node-role.kubernetes.io/master"));

        String fullToken = "K10" + "f".repeat(64) + "::server:0123abcd";
        assertEquals("0123abcd", LocalAgentMain.config(settings, ca, fullToken).token().secret(),
                "a full token in the file gives its secret");
    }

    @Test
    void everyLogLineStartsWithThePrefix() {
        LogRecord record = new LogRecord(Level.WARNING, "[cp-1] cannot connect");
        record.setThrown(new IllegalStateException("boom"));
        String text = new PrefixedLog("[agent] ").format(record);

        List<String> lines = List.of(text.split(System.lineSeparator()));
        assertTrue(lines.size() > 2, text);
        assertTrue(lines.stream().allMatch(line -> line.startsWith("[agent] ")), text);
        assertTrue(lines.get(0).matches("\\[agent] \\S+Z WARNING \\[cp-1] cannot connect"), lines.get(0));
        assertTrue(text.endsWith(System.lineSeparator()) && !text.endsWith(System.lineSeparator() + System.lineSeparator()), text);
    }

    @Test
    void theLogGoesToTheGivenStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrefixedLog.install(out, "[agent] ");
        java.util.logging.Logger.getLogger("io.k3j.agent").info("[n1] registered");
        java.util.logging.Logger.getLogger("org.glassfish.tyrus").info("library chatter");

        String logged = out.toString(StandardCharsets.UTF_8);
        assertTrue(logged.matches("\\[agent] \\S+Z INFO \\[n1] registered\\R"), logged);
        assertFalse(logged.contains("chatter"), logged);
    }
}
