package io.k3j.api.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KubernetesVersionTest {

    private static Properties build() {
        Properties build = new Properties();
        build.putAll(Map.of("kubernetes.version", "1.31.0", "git.commit", "abc123", "git.tree.state", "clean",
                "build.date", "2025-01-02T03:04:05Z"));
        return build;
    }

    @Test
    void reportsTheKubernetesReleaseAndThisJvm() {
        Map<String, String> system = Map.of("java.version", "17.0.15", "os.name", "Linux", "os.arch", "amd64");
        JsonObject json = KubernetesVersion.of(build(), system::get).toJson();

        assertEquals("1", json.getString("major"));
        assertEquals("31", json.getString("minor"));
        assertEquals("v1.31.0+k3j1", json.getString("gitVersion"));
        assertEquals("abc123", json.getString("gitCommit"));
        assertEquals("clean", json.getString("gitTreeState"));
        assertEquals("2025-01-02T03:04:05Z", json.getString("buildDate"));
        assertEquals("java17.0.15", json.getString("goVersion"));
        assertEquals("javac", json.getString("compiler"));
        assertEquals("linux/amd64", json.getString("platform"));
    }

    @Test
    void namesArchitecturesAsGoDoes() {
        Map<String, String> system = Map.of("java.version", "21", "os.name", "Linux", "os.arch", "aarch64");
        assertEquals("linux/arm64", KubernetesVersion.of(build(), system::get).platform());
    }

    @Test
    void theBuildWroteItsProperties() {
        KubernetesVersion current = KubernetesVersion.current();

        assertTrue(current.gitVersion().matches("v\\d+\\.\\d+\\.\\d+\\+k3j1"), current.gitVersion());
        assertTrue(current.buildDate().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), current.buildDate());
        assertTrue(current.gitTreeState().equals("clean") || current.gitTreeState().equals("dirty"), current.gitTreeState());
        assertTrue(current.gitCommit().matches("([0-9a-f]{40})?"), current.gitCommit());
    }
}
