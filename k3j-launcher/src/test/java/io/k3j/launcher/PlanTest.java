package io.k3j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    void encodesKindEnvironmentAndCommandAsNulTerminatedFields() {
        Map<String, Optional<String>> env = new LinkedHashMap<>();
        env.put("K3J_TOKEN", Optional.of("a=b c"));
        env.put("K3J_DATA_DIR", Optional.empty());
        Plan plan = new Plan(true, env, List.of("java", "-jar", "x y.jar"));

        assertEquals("server\0" + "2\0" + "K3J_TOKEN=a=b c\0" + "K3J_DATA_DIR\0" + "0\0" + "java\0-jar\0x y.jar\0",
                new String(plan.encode(), StandardCharsets.UTF_8));
        assertEquals("run\0" + "0\0" + "kubectl\0", new String(new Plan(false, Map.of(), List.of("kubectl")).encode(), StandardCharsets.UTF_8));
    }

    @Test
    void aServersLocalAgentComesBeforeTheServersCommandWithItsLength() {
        Plan plan = new Plan(true, Map.of(), List.of("java", "-cp", "a b.jar", "Agent"), List.of("java", "-jar", "micro.jar"));

        assertEquals("server\0" + "0\0" + "4\0" + "java\0-cp\0a b.jar\0Agent\0" + "java\0-jar\0micro.jar\0",
                new String(plan.encode(), StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> new Plan(false, Map.of(), List.of("agent"), List.of("kubectl")),
                "only a server has a local agent");
    }

    @Test
    void showsNoValuesOfTheEnvironment() {
        Plan plan = new Plan(true, Map.of("K3J_TOKEN", Optional.of("secret")), List.of("java"));
        assertFalse(plan.toString().contains("secret"), plan.toString());
    }

    @Test
    void refusesWhatTheEncodingCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new Plan(false, Map.of(), List.of()));
        assertThrows(LaunchException.class, () -> new Plan(false, Map.of("X", Optional.of("a\0b")), List.of("java")).encode());
    }
}
