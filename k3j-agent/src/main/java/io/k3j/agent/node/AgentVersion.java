package io.k3j.agent.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions the node reports, from the properties the build wrote.
 *
 * @param k3j this build of k3j, such as {@code 0.1.0}
 * @param kubernetes the Kubernetes API version k3j serves, such as {@code 1.31.0}
 */
public record AgentVersion(String k3j, String kubernetes) {

    public static AgentVersion current() {
        Properties build = new Properties();
        try (InputStream in = AgentVersion.class.getResourceAsStream("/io/k3j/agent/build.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/k3j/agent/build.properties is missing from the agent jar");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read build.properties", e);
        }
        return new AgentVersion(build.getProperty("k3j.version"), build.getProperty("kubernetes.version"));
    }

    /** As the server's {@code /version} says it: K3s marks its builds {@code +k3s1}, k3j {@code +k3j1}. */
    public String kubeletVersion() {
        return "v" + kubernetes + "+k3j1";
    }

    /** The built-in runtime runs containers' commands as host processes. */
    public String containerRuntimeVersion() {
        return "process://" + k3j;
    }
}
