package io.k3j.agent.node;

import io.k3j.agent.kube.KubeClient;
import io.k3j.agent.kube.KubeResponse;
import io.k3j.agent.log.AgentLog;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The kubelet's node status loop: creates the Node when it is missing, keeps its labels, posts
 * its status through {@code /status} every report interval, and at once when the node is not
 * Ready (after the agent was cut off, the server marks it Unknown). It learns the podCIDR the
 * server assigns and the node's uid, which the lease's owner reference needs.
 *
 * <p>{@link #check()} runs on one scheduled task at a time; the uid and podCIDR are read by other
 * threads through atomic references.
 */
public final class NodeStatusReporter {

    /** How many checks may pass without a podCIDR before the agent says so (once). */
    static final int PATIENCE_FOR_POD_CIDR = 6;

    private final String nodeName;
    private final String hostname;
    private final Map<String, String> labels;
    private final KubeClient kube;
    private final MachineInfo machine;
    private final AgentVersion version;
    private final Supplier<String> internalIp;
    private final Duration reportInterval;
    private final Clock clock;
    private final AgentLog log;

    private final AtomicReference<Optional<String>> nodeUid = new AtomicReference<>(Optional.empty());
    private final AtomicReference<Optional<String>> podCidr = new AtomicReference<>(Optional.empty());
    private Instant lastReport;
    private int checksWithoutPodCidr;

    public NodeStatusReporter(String nodeName, String hostname, Map<String, String> labels, KubeClient kube,
            MachineInfo machine, AgentVersion version, Supplier<String> internalIp, Duration reportInterval, Clock clock,
            AgentLog log) {
        this.nodeName = nodeName;
        this.hostname = hostname;
        this.labels = Map.copyOf(labels);
        this.kube = kube;
        this.machine = machine;
        this.version = version;
        this.internalIp = internalIp;
        this.reportInterval = reportInterval;
        this.clock = clock;
        this.log = log;
    }

    public Optional<String> nodeUid() {
        return nodeUid.get();
    }

    public Optional<String> podCidr() {
        return podCidr.get();
    }

    /** One round; failures are logged, and the next round tries again. */
    public void check() {
        try {
            Optional<JsonObject> node = readOrCreate();
            if (node.isEmpty()) {
                return;
            }
            nodeUid.set(NodeDocuments.uid(node.get()));
            if (NodeDocuments.lacksLabels(node.get(), labels)) {
                KubeResponse patched = kube.mergePatch(NodeDocuments.nodePath(nodeName), NodeDocuments.labelsPatch(labels));
                if (!patched.ok()) {
                    log.warning("cannot set the node's labels: " + patched.problem());
                }
            }
            notePodCidr(node.get());
            reportIfDue(node.get());
        } catch (IOException e) {
            log.warning("cannot report the node status: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<JsonObject> readOrCreate() throws IOException, InterruptedException {
        KubeResponse read = kube.get(NodeDocuments.nodePath(nodeName));
        if (read.status() == 404) {
            KubeResponse created = kube.create("/api/v1/nodes", NodeDocuments.newNode(nodeName, labels));
            if (created.ok()) {
                log.info("created node " + nodeName);
                lastReport = null;
                return Optional.of(created.body());
            }
            // 409: made meanwhile, by an earlier try whose answer was lost
            read = created.status() == 409 ? kube.get(NodeDocuments.nodePath(nodeName)) : created;
        }
        if (!read.ok()) {
            log.warning("cannot read or create node " + nodeName + ": " + read.problem());
            return Optional.empty();
        }
        return Optional.of(read.body());
    }

    private void notePodCidr(JsonObject node) {
        Optional<String> cidr = NodeDocuments.podCidr(node);
        Optional<String> before = podCidr.getAndSet(cidr);
        if (cidr.isPresent() && !cidr.equals(before)) {
            log.info("podCIDR " + cidr.get());
        } else if (cidr.isEmpty() && ++checksWithoutPodCidr == PATIENCE_FOR_POD_CIDR) {
            log.warning("the server has assigned no podCIDR to node " + nodeName + " yet");
        }
    }

    private void reportIfDue(JsonObject node) throws IOException, InterruptedException {
        Instant now = clock.instant();
        Optional<NodeDocuments.Ready> ready = NodeDocuments.ready(node);
        boolean isReady = ready.map(NodeDocuments.Ready::isTrue).orElse(false);
        if (isReady && lastReport != null && Duration.between(lastReport, now).compareTo(reportInterval) < 0) {
            return;
        }
        Instant readySince = ready.filter(NodeDocuments.Ready::isTrue).flatMap(NodeDocuments.Ready::since).orElse(now);
        KubeResponse posted = kube.mergePatch(NodeDocuments.nodePath(nodeName) + "/status",
                NodeDocuments.statusPatch(machine, version, internalIp.get(), hostname, now, readySince));
        if (!posted.ok()) {
            log.warning("cannot post the node status: " + posted.problem());
            return;
        }
        if (!isReady && lastReport != null) {
            log.info("node was " + ready.map(NodeDocuments.Ready::status).orElse("without a Ready condition")
                    + "; posted Ready");
        }
        lastReport = now;
    }
}
