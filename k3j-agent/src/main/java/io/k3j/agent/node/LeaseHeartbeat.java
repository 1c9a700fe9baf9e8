package io.k3j.agent.node;

import io.k3j.agent.kube.KubeClient;
import io.k3j.agent.kube.KubeResponse;
import io.k3j.agent.log.AgentLog;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The node's heartbeat: Lease {@code <node>} in {@code kube-node-lease}, created when missing and
 * renewed with an update that carries the resourceVersion of the last answer (on 409, read again
 * and renew once more). Its owner is the Node, so that deleting the Node deletes it.
 *
 * <p>{@link #renew()} runs on one scheduled task at a time, which alone touches {@link #lease}.
 */
public final class LeaseHeartbeat {

    private final String nodeName;
    private final Supplier<Optional<String>> nodeUid;
    private final KubeClient kube;
    private final int leaseDurationSeconds;
    private final Clock clock;
    private final AgentLog log;

    private JsonObject lease;
    private int failures;

    public LeaseHeartbeat(String nodeName, Supplier<Optional<String>> nodeUid, KubeClient kube, int leaseDurationSeconds,
            Clock clock, AgentLog log) {
        this.nodeName = nodeName;
        this.nodeUid = nodeUid;
        this.kube = kube;
        this.leaseDurationSeconds = leaseDurationSeconds;
        this.clock = clock;
        this.log = log;
    }

    /** One renewal; a failure is logged, and the next renewal tries again. */
    public void renew() {
        Optional<String> uid = nodeUid.get();
        if (uid.isEmpty()) {
            // the Node is not there yet: its status loop makes it
            return;
        }
        try {
            KubeResponse answer = renew(uid.get());
            if (answer.ok()) {
                lease = answer.body();
                if (failures > 0) {
                    log.info("lease renewed again after " + failures + " failed renewals");
                }
                failures = 0;
            } else {
                failed(answer.problem());
            }
        } catch (IOException e) {
            failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(String problem) {
        failures++;
        log.warning("lease renewal failed: " + problem);
    }

    private KubeResponse renew(String uid) throws IOException, InterruptedException {
        String path = NodeDocuments.leasePath(nodeName);
        JsonObject known = lease;
        if (known == null) {
            KubeResponse read = kube.get(path);
            if (read.status() == 404) {
                return create(uid);
            }
            if (!read.ok()) {
                return read;
            }
            known = read.body();
        }
        KubeResponse updated = kube.update(path, NodeDocuments.renewedLease(known, nodeName, uid, leaseDurationSeconds, clock.instant()));
        if (updated.status() == 409) {
            KubeResponse read = kube.get(path);
            if (!read.ok()) {
                return read.status() == 404 ? create(uid) : read;
            }
            updated = kube.update(path, NodeDocuments.renewedLease(read.body(), nodeName, uid, leaseDurationSeconds, clock.instant()));
        }
        if (updated.status() == 404) {
            lease = null;
            return create(uid);
        }
        return updated;
    }

    private KubeResponse create(String uid) throws IOException, InterruptedException {
        return kube.create(NodeDocuments.leasesPath(), NodeDocuments.newLease(nodeName, uid, leaseDurationSeconds, clock.instant()));
    }
}
