package io.k3j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentMainTest {

    @Test
    void saysItIsNotImplementedAndExitsWithTwo() throws Exception {
        Path classes = Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes.toString(), AgentMain.class.getName(), "--server", "https://x:6443")
                .start();

        assertTrue(agent.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, agent.exitValue());
        assertEquals("k3j: the agent is not implemented yet\n", new String(agent.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("", new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
