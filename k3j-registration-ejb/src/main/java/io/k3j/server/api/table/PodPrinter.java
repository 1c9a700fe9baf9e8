package io.k3j.server.api.table;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pods: NAME READY STATUS RESTARTS AGE, and with {@code -o wide} IP NODE NOMINATED NODE
 * READINESS GATES. STATUS is what kubectl users know: the phase, or the reason a container
 * waits or ended, {@code Init:...} while init containers run, {@code Terminating} once deleted.
 */
final class PodPrinter implements TypePrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            Column.string("Status", "The aggregate status of the containers in this pod."),
            Column.string("Restarts", "The number of times the containers in this pod have been restarted and when "
                    + "the last container in this pod has restarted."),
            Column.age(),
            Column.wide("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if "
                    + "not yet allocated."),
            Column.wide("Node", "NodeName indicates in which node this pod is scheduled. If empty, this pod is a "
                    + "candidate for scheduling by the scheduler defined in schedulerName."),
            Column.wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the "
                    + "node, but it cannot be scheduled right away as preemption victims receive their graceful "
                    + "termination periods."),
            Column.wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness. A "
                    + "pod is ready when all its containers are ready AND all conditions specified in the readiness "
                    + "gates have status equal to \"True\""));

    /** The status reason of a pod whose node stopped answering. */
    private static final String NODE_LOST = "NodeLost";

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<JsonValue> cells(JsonObject pod, Instant now) {
        Summary summary = summarize(pod);
        String restarts = Long.toString(summary.restarts());
        if (summary.restarts() != 0 && summary.lastRestart().isPresent()) {
            restarts += " (" + Cells.since(summary.lastRestart().get(), now) + " ago)";
        }
        JsonArray podIPs = JsonSupport.arrayAt(pod, "status", "podIPs");
        String ip = !podIPs.isEmpty() && podIPs.get(0) instanceof JsonObject first ? Cells.string(first, "ip") : "";
        return List.of(
                Cells.text(ObjectMeta.name(pod)),
                Cells.text(summary.ready() + "/" + summary.total()),
                Cells.text(summary.reason()),
                Cells.text(restarts),
                Cells.age(pod, now),
                Cells.text(Cells.orElse(ip, Cells.NONE)),
                Cells.text(Cells.orElse(Cells.string(pod, "spec", "nodeName"), Cells.NONE)),
                Cells.text(Cells.orElse(Cells.string(pod, "status", "nominatedNodeName"), Cells.NONE)),
                Cells.text(readinessGates(pod)));
    }

    /** A finished pod's row is marked Completed, so that clients can tell it from running ones. */
    @Override
    public List<JsonObject> conditions(JsonObject pod) {
        return switch (phase(pod)) {
            case "Succeeded" -> List.of(completed("Succeeded", "The pod has completed successfully."));
            case "Failed" -> List.of(completed("Failed", "The pod failed."));
            default -> List.of();
        };
    }

    private static JsonObject completed(String reason, String message) {
        return JsonSupport.object().add("type", "Completed").add("status", "True").add("reason", reason)
                .add("message", message).build();
    }

    private record Summary(int ready, int total, String reason, long restarts, Optional<Instant> lastRestart) {
    }

    /** Kubernetes's printPod: readiness, the status reason and the restarts, from the container statuses. */
    private static Summary summarize(JsonObject pod) {
        JsonArray initContainers = JsonSupport.arrayAt(pod, "spec", "initContainers");
        Set<String> sidecars = new HashSet<>(); // restartable init containers, which run beside the others
        for (JsonValue value : initContainers) {
            if (value instanceof JsonObject container && Cells.string(container, "restartPolicy").equals("Always")) {
                sidecars.add(Cells.string(container, "name"));
            }
        }
        int total = JsonSupport.arrayAt(pod, "spec", "containers").size() + sidecars.size();
        int ready = 0;
        String reason = Cells.orElse(Cells.string(pod, "status", "reason"), phase(pod));
        for (JsonObject condition : objects(JsonSupport.arrayAt(pod, "status", "conditions"))) {
            if (Cells.string(condition, "type").equals("PodScheduled")
                    && Cells.string(condition, "reason").equals("SchedulingGated")) {
                reason = "SchedulingGated";
            }
        }

        long restarts = 0;
        long sidecarRestarts = 0;
        Optional<Instant> lastRestart = Optional.empty();
        Optional<Instant> lastSidecarRestart = Optional.empty();
        boolean initializing = false;
        List<JsonObject> initStatuses = objects(JsonSupport.arrayAt(pod, "status", "initContainerStatuses"));
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonObject status = initStatuses.get(i);
            boolean sidecar = sidecars.contains(Cells.string(status, "name"));
            restarts += Cells.number(status, "restartCount");
            lastRestart = later(lastRestart, lastTermination(status));
            if (sidecar) {
                sidecarRestarts += Cells.number(status, "restartCount");
                lastSidecarRestart = later(lastSidecarRestart, lastTermination(status));
            }
            Optional<JsonObject> terminated = state(status, "terminated");
            Optional<JsonObject> waiting = state(status, "waiting");
            if (terminated.isPresent() && Cells.number(terminated.get(), "exitCode") == 0) {
                continue;
            }
            if (sidecar && isTrue(status, "started")) {
                if (isTrue(status, "ready")) {
                    ready++;
                }
                continue;
            }
            initializing = true;
            if (terminated.isPresent()) {
                reason = "Init:" + ended(terminated.get());
            } else if (waiting.isPresent() && !Cells.string(waiting.get(), "reason").isEmpty()
                    && !Cells.string(waiting.get(), "reason").equals("PodInitializing")) {
                reason = "Init:" + Cells.string(waiting.get(), "reason");
            } else {
                reason = "Init:" + i + "/" + initContainers.size();
            }
            break;
        }

        if (!initializing || hasCondition(pod, "Initialized")) {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean running = false;
            List<JsonObject> statuses = objects(JsonSupport.arrayAt(pod, "status", "containerStatuses"));
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonObject status = statuses.get(i);
                restarts += Cells.number(status, "restartCount");
                lastRestart = later(lastRestart, lastTermination(status));
                Optional<JsonObject> waiting = state(status, "waiting");
                Optional<JsonObject> terminated = state(status, "terminated");
                if (waiting.isPresent() && !Cells.string(waiting.get(), "reason").isEmpty()) {
                    reason = Cells.string(waiting.get(), "reason");
                } else if (terminated.isPresent()) {
                    reason = ended(terminated.get());
                } else if (isTrue(status, "ready") && state(status, "running").isPresent()) {
                    running = true;
                    ready++;
                }
            }
            // a pod whose last container ended but another still runs is not Completed
            if (reason.equals("Completed") && running) {
                reason = hasCondition(pod, "Ready") ? "Running" : "NotReady";
            }
        }

        if (ObjectMeta.deletionTimestamp(pod).isPresent()) {
            if (Cells.string(pod, "status", "reason").equals(NODE_LOST)) {
                reason = "Unknown";
            } else if (!phase(pod).equals("Succeeded") && !phase(pod).equals("Failed")) {
                reason = "Terminating";
            }
        }
        return new Summary(ready, total, reason, restarts, lastRestart);
    }

    private static String phase(JsonObject pod) {
        return Cells.string(pod, "status", "phase");
    }

    /** The reason a container ended: its reason, else its signal or exit code. */
    private static String ended(JsonObject terminated) {
        String reason = Cells.string(terminated, "reason");
        if (!reason.isEmpty()) {
            return reason;
        }
        long signal = Cells.number(terminated, "signal");
        return signal != 0 ? "Signal:" + signal : "ExitCode:" + Cells.number(terminated, "exitCode");
    }

    private static Optional<JsonObject> state(JsonObject status, String state) {
        return status.get("state") instanceof JsonObject states && states.get(state) instanceof JsonObject s
                ? Optional.of(s) : Optional.empty();
    }

    private static Optional<Instant> lastTermination(JsonObject status) {
        return Cells.instant(Cells.string(status, "lastState", "terminated", "finishedAt"));
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.filter(t -> t.isAfter(a.get())).or(() -> a);
    }

    private static boolean isTrue(JsonObject object, String field) {
        return object.get(field) == JsonValue.TRUE;
    }

    private static boolean hasCondition(JsonObject pod, String type) {
        return objects(JsonSupport.arrayAt(pod, "status", "conditions")).stream()
                .anyMatch(c -> Cells.string(c, "type").equals(type) && Cells.string(c, "status").equals("True"));
    }

    /** {@code <none>} without readiness gates, else how many of them hold: {@code 1/2}. */
    private static String readinessGates(JsonObject pod) {
        List<JsonObject> gates = objects(JsonSupport.arrayAt(pod, "spec", "readinessGates"));
        if (gates.isEmpty()) {
            return Cells.NONE;
        }
        List<JsonObject> conditions = objects(JsonSupport.arrayAt(pod, "status", "conditions"));
        long holding = gates.stream().filter(gate -> conditions.stream()
                .filter(c -> Cells.string(c, "type").equals(Cells.string(gate, "conditionType")))
                .findFirst()
                .map(c -> Cells.string(c, "status").equals("True"))
                .orElse(false)).count();
        return holding + "/" + gates.size();
    }

    private static List<JsonObject> objects(JsonArray array) {
        return array.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject).toList();
    }
}
