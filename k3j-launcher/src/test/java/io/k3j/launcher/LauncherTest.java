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

    /** A kubectl stand-in on a PATH of its own. */
    private Path fakeKubectl() throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        return Files.createFile(bin.resolve("kubectl"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** A data dir holding an admin kubeconfig, as a started server leaves it. */
    private Path dataDirWithKubeconfig(String name) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(name));
        Files.writeString(dir.resolve("k3j.yaml"), "apiVersion: v1\n");
        return dir;
    }

    @Test
    void kubectlGetsTheAdminKubeconfigOfTheDataDirFromTheEnvironment() throws Exception {
        Path kubectl = fakeKubectl();
        Path data = dataDirWithKubeconfig("srv");

        assertEquals(0, run(Map.of("PATH", "/nonexistent:" + kubectl.getParent(), "K3J_DATA_DIR", data.toString()),
                "kubectl", "get", "nodes"));
        assertEquals("run\0" + "1\0" + "KUBECONFIG=" + data.resolve("k3j.yaml") + "\0" + kubectl + "\0get\0nodes\0", out());
    }

    @Test
    void kubectlTakesTheDataDirFlagBeforeTheVariableAndPassesEverythingElseOn() throws Exception {
        Path kubectl = fakeKubectl();
        Path flagged = dataDirWithKubeconfig("flagged");
        Path other = dataDirWithKubeconfig("other");
        Map<String, String> env = Map.of("PATH", kubectl.getParent().toString(), "K3J_DATA_DIR", other.toString());

        assertEquals(0, run(env, "kubectl", "get", "--data-dir", flagged.toString(), "ns", "-o", "name"));
        assertEquals("run\0" + "1\0" + "KUBECONFIG=" + flagged.resolve("k3j.yaml") + "\0" + kubectl + "\0get\0ns\0-o\0name\0", out());

        out.reset();
        assertEquals(0, run(env, "kubectl", "--data-dir=" + flagged, "exec", "p", "--", "tool", "--data-dir", "x"));
        assertEquals("run\0" + "1\0" + "KUBECONFIG=" + flagged.resolve("k3j.yaml") + "\0" + kubectl
                + "\0exec\0p\0--\0tool\0--data-dir\0x\0", out(), "after --, the arguments are the remote command's");
    }

    @Test
    void kubectlWithoutAKubeconfigSaysToStartTheServerFirst() throws Exception {
        Path kubectl = fakeKubectl();
        Path empty = Files.createDirectories(temp.resolve("empty"));

        assertEquals(1, run(Map.of("PATH", kubectl.getParent().toString()), "kubectl", "--data-dir", empty.toString(), "get", "ns"));
        assertEquals("k3j: no admin kubeconfig at " + empty.resolve("k3j.yaml")
                + "; start the server first, or give its data dir with --data-dir (K3J_DATA_DIR)", err().strip());
        assertEquals("", out());
    }

    @Test
    void kubectlWithADataDirFlagWithoutValueIsAUsageError() throws Exception {
        fakeKubectl();
        assertEquals(2, run(Map.of("PATH", temp.resolve("bin").toString()), "kubectl", "get", "ns", "--data-dir"));
        assertEquals("k3j: k3j kubectl: flag --data-dir needs a value\nRun 'k3j --help' for usage.\n",
                err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void kubectlMissingFromThePathIsOneLineWithStatusOne() throws Exception {
        Path data = dataDirWithKubeconfig("srv");
        assertEquals(1, run(Map.of("PATH", temp.toString(), "K3J_DATA_DIR", data.toString()), "kubectl", "version"));
        assertEquals("k3j: kubectl is not on the PATH; install kubectl to use 'k3j kubectl'", err().strip());
    }

    @Test
    void agentRunsTheAgentJarInASmallJvmWithTheTokenInTheEnvironment() {
        assertEquals(0, run(Map.of(), "agent", "--server", "https://s:6443", "--token", "K10abc::server:secret", "--with-node-id"));
        assertEquals("run\0" + "1\0" + "K3J_TOKEN=K10abc::server:secret\0" + "/opt/jdk/bin/java\0"
                + String.join("\0", AgentCommand.JVM_OPTIONS) + "\0-cp\0" + temp.resolve("lib/k3j-agent.jar")
                + "\0io.k3j.agent.AgentMain\0--server\0https://s:6443\0--with-node-id\0", out());
        assertTrue(AgentCommand.JVM_OPTIONS.contains("-Xmx64m"));
    }

    @Test
    void agentLeavesBothTokenFlagsForTheAgentToRefuse() {
        assertEquals(0, run(Map.of(), "agent", "--token=t", "--token-file", "f"));
        assertTrue(out().startsWith("run\0" + "0\0"), "nothing moved into the environment");
        assertTrue(out().endsWith("io.k3j.agent.AgentMain\0--token=t\0--token-file\0f\0"), out());
    }
}
