package io.k3j.agent;

import io.k3j.agent.loadbalancer.ServerUrls;
import io.k3j.agent.trust.ClusterToken;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent is started with: the flags of {@code k3j agent}, resolved.
 *
 * @param server the registration address, {@code https://host:port}
 * @param token the cluster token
 * @param dataDir holds {@code node/password} and {@code node/id}
 * @param nodeName the node name; the host name when empty
 * @param withNodeId whether the name gets {@code -<8 hex>} appended, kept in {@code node/id}
 * @param nodeLabels labels of the node besides the standard ones
 * @param leaseDuration the Lease's {@code leaseDurationSeconds}
 * @param leaseRenewInterval how often the Lease is renewed
 * @param nodeStatusReportInterval how often the node status is posted while the node stays Ready
 */
public record AgentConfig(URI server, ClusterToken token, Path dataDir, Optional<String> nodeName, boolean withNodeId,
        Map<String, String> nodeLabels, Duration leaseDuration, Duration leaseRenewInterval,
        Duration nodeStatusReportInterval) {

    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(40);
    public static final Duration DEFAULT_LEASE_RENEW_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_NODE_STATUS_REPORT_INTERVAL = Duration.ofSeconds(60);

    /** @throws IllegalArgumentException for a server that is no https URL, or periods that do not fit */
    public AgentConfig {
        server = ServerUrls.normalize(server);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(nodeName, "nodeName");
        nodeLabels = Collections.unmodifiableMap(new LinkedHashMap<>(nodeLabels));
        positive(leaseDuration, "the node lease duration");
        positive(leaseRenewInterval, "the node lease renew interval");
        positive(nodeStatusReportInterval, "the node status report interval");
        if (leaseRenewInterval.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("the node lease renew interval (" + leaseRenewInterval.toMillis()
                    + " ms) must be shorter than the node lease duration (" + leaseDuration.toMillis() + " ms)");
        }
    }

    /** An agent with the defaults of {@code k3j agent}: the host name, no id, no extra labels, Kubernetes' periods. */
    public static AgentConfig of(URI server, ClusterToken token, Path dataDir) {
        return new AgentConfig(server, token, dataDir, Optional.empty(), false, Map.of(), DEFAULT_LEASE_DURATION,
                DEFAULT_LEASE_RENEW_INTERVAL, DEFAULT_NODE_STATUS_REPORT_INTERVAL);
    }

    public AgentConfig withNodeName(String name) {
        return new AgentConfig(server, token, dataDir, Optional.of(name), withNodeId, nodeLabels, leaseDuration,
                leaseRenewInterval, nodeStatusReportInterval);
    }

    public AgentConfig withNodeId(boolean append) {
        return new AgentConfig(server, token, dataDir, nodeName, append, nodeLabels, leaseDuration, leaseRenewInterval,
                nodeStatusReportInterval);
    }

    public AgentConfig withNodeLabels(Map<String, String> labels) {
        return new AgentConfig(server, token, dataDir, nodeName, withNodeId, labels, leaseDuration, leaseRenewInterval,
                nodeStatusReportInterval);
    }

    /** Short periods for tests: a lease of {@code duration}, renewed every {@code renewInterval}. */
    public AgentConfig withLease(Duration duration, Duration renewInterval) {
        return new AgentConfig(server, token, dataDir, nodeName, withNodeId, nodeLabels, duration, renewInterval,
                nodeStatusReportInterval);
    }

    public AgentConfig withNodeStatusReportInterval(Duration interval) {
        return new AgentConfig(server, token, dataDir, nodeName, withNodeId, nodeLabels, leaseDuration, leaseRenewInterval,
                interval);
    }

    /** Whole seconds, at least one, as {@code leaseDurationSeconds} takes them. */
    public int leaseDurationSeconds() {
        return (int) Math.max(1, (leaseDuration.toMillis() + 999) / 1000);
    }

    private static void positive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    /** The default data dir: {@code /var/lib/k3j/agent} as root, else {@code ~/.k3j/agent}. */
    public static Path defaultDataDir(String user, Path home) {
        return "root".equals(user) ? Path.of("/var/lib/k3j/agent") : home.resolve(".k3j").resolve("agent");
    }

    /** Names no token. */
    @Override
    public String toString() {
        return "AgentConfig[server=" + server + ", token=" + token + ", dataDir=" + dataDir + ", nodeName=" + nodeName
                + ", withNodeId=" + withNodeId + ", nodeLabels=" + nodeLabels + ", leaseDuration=" + leaseDuration
                + ", leaseRenewInterval=" + leaseRenewInterval + ", nodeStatusReportInterval=" + nodeStatusReportInterval + "]";
    }
}
