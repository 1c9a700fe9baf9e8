package io.k3j.bench.agents;

import io.k3j.agent.node.AgentVersion;
import io.k3j.agent.node.MachineInfo;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;

/**
 * What all simulated nodes share, so that a thousand of them fit in one JVM: the cluster CA's TLS
 * context, one HTTP client, one scheduler for every heartbeat, and the machine they all report.
 *
 * @param tls trusts the cluster CA only, as an agent's does
 */
record Shared(SSLContext tls, HttpClient http, ScheduledExecutorService scheduler, MachineInfo machine, AgentVersion version,
        String internalIp, Map<String, String> nodeLabels, Duration handshakeTimeout, Duration requestTimeout,
        Duration leaseRenewInterval, int leaseDurationSeconds, Duration statusReportInterval) {
}
