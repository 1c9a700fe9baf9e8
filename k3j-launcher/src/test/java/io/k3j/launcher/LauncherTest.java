package io.k3j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        Layout layout = new Layout(temp.resolve("home"), temp.resolve("lib"), Path.of("/opt/jdk"));
        return new Launcher(env, layout, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutACommandPrintsTheUsage() {
        assertEquals(0, run(Map.of()));
        assertEquals(Launcher.USAGE, out());
        assertEquals("", err());
    }

    @Test
    void serverHelpPrintsTheFlags() {
        assertEquals(0, run(Map.of(), "server", "--help"));
        assertTrue(out().contains("--datastore-endpoint URL"), out());
    }

    @Test
    void aBadFlagIsOneLineAndAHintWithStatusTwo() {
        assertEquals(2, run(Map.of(), "server", "--bogus"));
        assertEquals("k3j: unknown flag --bogus\nRun 'k3j server --help' for usage.\n", err().replace(System.lineSeparator(), "\n"));
        assertEquals("", out(), "nothing for bin/k3j to run");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertEquals(2, run(Map.of(), "serve"));
        assertTrue(err().startsWith("k3j: unknown command 'serve'"), err());
    }

    @Test
    void kubectlGetsTheAdminKubeconfigOfTheDataDir() throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path kubectl = Files.createFile(bin.resolve("kubectl"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        assertEquals(0, run(Map.of("PATH", "/nonexistent:" + bin, "K3J_DATA_DIR", "/srv/k3j"), "kubectl", "get", "nodes"));
        assertEquals("run\0" + "1\0" + "KUBECONFIG=/srv/k3j/k3j.yaml\0" + kubectl + "\0get\0nodes\0", out());
    }

    @Test
    void kubectlMissingFromThePathIsOneLineWithStatusOne() {
        assertEquals(1, run(Map.of("PATH", temp.toString()), "kubectl", "version"));
        assertEquals("k3j: kubectl is not on the PATH", err().strip());
    }

    @Test
    void agentRunsTheAgentJar() {
        assertEquals(0, run(Map.of(), "agent", "--server", "https://s:6443"));
        assertEquals("run\0" + "0\0" + "/opt/jdk/bin/java\0-cp\0" + temp.resolve("lib/k3j-agent.jar") + "\0io.k3j.agent.AgentMain\0"
                + "--server\0https://s:6443\0", out());
    }
}
