package io.k3j.launcher;

import io.k3j.server.config.ServerConfig;
import io.k3j.server.tls.TlsFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's local agent, which makes a single server a one-node cluster as in K3s: an agent
 * JVM of its own, started by {@code bin/k3j} before it execs the server, and ended when the server
 * ends. It takes nothing secret on its command line: it waits until the server is ready, then reads
 * the cluster token from {@code <data-dir>/token} and checks the server against the CA in
 * {@code <data-dir>/tls}.
 */
final class LocalAgentCommand {

    static final String MAIN_CLASS = "io.k3j.launcher.localagent.LocalAgentMain";
    /** Its node password and id, as {@code k3j agent} keeps them in its own data dir. */
    static final String DATA_DIR = "agent";

    private LocalAgentCommand() {
    }

    static List<String> command(ServerConfig config, ServerFlags.LocalAgentNaming naming, Layout layout) {
        List<String> command = new ArrayList<>();
        command.add(layout.java().toString());
        command.addAll(AgentCommand.JVM_OPTIONS);
        // the agent's jar first: its manifest brings the WebSocket client; the launcher's brings only this class
        command.addAll(List.of("-cp", layout.agentJar() + ":" + layout.launcherJar(), MAIN_CLASS,
                "--server", serverUrl(config),
                "--data-dir", config.dataDir().resolve(DATA_DIR).toString(),
                "--token-file", config.tokenPath().toString(),
                "--ca-file", TlsFiles.of(config.dataDir()).caCertificate().toString()));
        // Kubernetes' proportions: a 40 s grace period, a 40 s lease renewed every 10 s
        Duration leaseDuration = config.nodeMonitorGracePeriod();
        command.addAll(List.of("--node-lease-duration", leaseDuration.toString(),
                "--node-lease-renew-interval", leaseDuration.dividedBy(4).toString()));
        naming.nodeName().ifPresent(name -> command.addAll(List.of("--node-name", name)));
        if (naming.withNodeId()) {
            command.add("--with-node-id");
        }
        return command;
    }

    /** Loopback when the server listens on every address, as K3s's agent reaches its own server; else the bind address. */
    static String serverUrl(ServerConfig config) {
        String host = config.bindsAnyAddress() ? "127.0.0.1" : config.bindAddress();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "https://" + host + ":" + config.httpsListenPort();
    }
}
