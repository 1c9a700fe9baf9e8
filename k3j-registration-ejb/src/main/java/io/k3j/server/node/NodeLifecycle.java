package io.k3j.server.node;

import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.store.ListOptions;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.api.store.WriteOptions;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The node-lifecycle controller: a node whose Lease in {@code kube-node-lease} has not been
 * renewed for the grace period gets Ready=Unknown and the {@code node.kubernetes.io/unreachable}
 * taints, as Kubernetes does; once renewals resume, Ready=True again and the taints go.
 *
 * <p>Like Kubernetes, it times renewals by its own clock, from when it saw a lease change, not by
 * the renewTime the node wrote: clocks of nodes and servers may differ. A controller that just
 * started has seen no change yet, so it gives every node a full grace period first.
 */
final class NodeLifecycle {

    private static final Logger LOG = Logger.getLogger(NodeLifecycle.class.getName());

    static final String READY = "Ready";
    static final String UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";
    static final String STATUS_UNKNOWN_REASON = "NodeStatusUnknown";
    private static final String LEASE_NAMESPACE = "kube-node-lease";

    private final ObjectStore store;
    private final Duration gracePeriod;
    private final Clock clock;
    /** The lease renewTime each node last showed, and when this controller saw it change. Only the pass thread uses it. */
    private final Map<String, Observation> observed = new HashMap<>();

    private record Observation(String renewTime, Instant seenAt, boolean renewalSeen) {
    }

    NodeLifecycle(ObjectStore store, Duration gracePeriod, Clock clock) {
        this.store = store;
        this.gracePeriod = gracePeriod;
        this.clock = clock;
    }

    /** One pass over all nodes. */
    void check(List<JsonObject> nodes) {
        Instant now = clock.instant();
        Map<String, String> renewTimes = store.list(ResourceCatalog.LEASES, LEASE_NAMESPACE,
                ListOptions.all()).items().stream()
                .collect(Collectors.toMap(ObjectMeta::name, NodeLifecycle::renewTime, (a, b) -> a));
        Set<String> names = nodes.stream().map(ObjectMeta::name).collect(Collectors.toSet());
        observed.keySet().retainAll(names);
        for (JsonObject node : nodes) {
            String name = ObjectMeta.name(node);
            String renewTime = renewTimes.getOrDefault(name, "");
            Observation before = observed.get(name);
            Observation seen = before == null ? new Observation(renewTime, now, false)
                    : before.renewTime().equals(renewTime) ? before
                    : new Observation(renewTime, now, true);
            observed.put(name, seen);
            boolean silent = Duration.between(seen.seenAt(), now).compareTo(gracePeriod) > 0;
            if (silent && !readyStatus(node).equals("Unknown")) {
                markUnknown(node, now);
            } else if (!silent && seen.renewalSeen() && readyStatus(node).equals("Unknown")
                    && STATUS_UNKNOWN_REASON.equals(ready(node).getString("reason", ""))) {
                markReady(node, now);
            }
        }
    }

    private void markUnknown(JsonObject node, Instant now) {
        String name = ObjectMeta.name(node);
        JsonObject ready = Json.createObjectBuilder()
                .add("type", READY).add("status", "Unknown")
                .add("lastHeartbeatTime", ready(node).getOrDefault("lastHeartbeatTime", Json.createValue(timestamp(now))))
                .add("lastTransitionTime", timestamp(now))
                .add("reason", STATUS_UNKNOWN_REASON).add("message", "Kubelet stopped posting node status.")
                .build();
        if (write(node, ready, taints(node, true, now))) {
            LOG.info("node " + name + ": no lease renewal for " + gracePeriod.toSeconds() + "s, marked NotReady");
        }
    }

    private void markReady(JsonObject node, Instant now) {
        String name = ObjectMeta.name(node);
        JsonObject ready = Json.createObjectBuilder()
                .add("type", READY).add("status", "True")
                .add("lastHeartbeatTime", timestamp(now))
                .add("lastTransitionTime", timestamp(now))
                .add("reason", "KubeletReady").add("message", "the node renews its lease again")
                .build();
        if (write(node, ready, taints(node, false, now))) {
            LOG.info("node " + name + ": lease renewed again, marked Ready");
        }
    }

    /** Writes the Ready condition through the status subresource, then the taints; a node that changed meanwhile waits for the next pass. */
    private boolean write(JsonObject node, JsonObject ready, JsonArray taints) {
        String name = ObjectMeta.name(node);
        try {
            JsonObject status = node.containsKey("status") ? node.getJsonObject("status") : JsonValue.EMPTY_JSON_OBJECT;
            JsonArrayBuilder conditions = Json.createArrayBuilder();
            conditions(node).stream().filter(c -> !READY.equals(c.asJsonObject().getString("type", "")))
                    .forEach(conditions::add);
            conditions.add(ready);
            JsonObject withStatus = Json.createObjectBuilder(node)
                    .add("status", Json.createObjectBuilder(status).add("conditions", conditions)).build();
            JsonObject updated = store.update(ResourceCatalog.NODES, "", name, "status", withStatus, WriteOptions.DEFAULT);
            JsonObject spec = updated.containsKey("spec") ? updated.getJsonObject("spec") : JsonValue.EMPTY_JSON_OBJECT;
            JsonObject withTaints = Json.createObjectBuilder(updated)
                    .add("spec", taints.isEmpty() ? Json.createObjectBuilder(spec).remove("taints")
                            : Json.createObjectBuilder(spec).add("taints", taints))
                    .build();
            store.update(ResourceCatalog.NODES, "", name, "", withTaints, WriteOptions.DEFAULT);
            return true;
        } catch (ApiException changedOrGone) {
            return false;
        }
    }

    /** The node's taints with the unreachable ones added or removed. */
    private static JsonArray taints(JsonObject node, boolean unreachable, Instant now) {
        JsonObject spec = node.getJsonObject("spec");
        JsonArray current = spec == null || !spec.containsKey("taints") ? JsonValue.EMPTY_JSON_ARRAY : spec.getJsonArray("taints");
        Predicate<JsonValue> ours = t -> UNREACHABLE_TAINT.equals(t.asJsonObject().getString("key", ""));
        JsonArrayBuilder taints = Json.createArrayBuilder();
        current.stream().filter(ours.negate()).forEach(taints::add);
        if (unreachable) {
            for (String effect : List.of("NoSchedule", "NoExecute")) {
                taints.add(Json.createObjectBuilder().add("key", UNREACHABLE_TAINT).add("effect", effect)
                        .add("timeAdded", timestamp(now)));
            }
        }
        return taints.build();
    }

    private static JsonArray conditions(JsonObject node) {
        JsonObject status = node.getJsonObject("status");
        return status == null || !status.containsKey("conditions") ? JsonValue.EMPTY_JSON_ARRAY
                : status.getJsonArray("conditions");
    }

    private static JsonObject ready(JsonObject node) {
        return conditions(node).stream().map(JsonValue::asJsonObject)
                .filter(c -> READY.equals(c.getString("type", ""))).findFirst().orElse(JsonValue.EMPTY_JSON_OBJECT);
    }

    /** The Ready condition's status; empty when the node has none yet. */
    static String readyStatus(JsonObject node) {
        return ready(node).getString("status", "");
    }

    private static String renewTime(JsonObject lease) {
        JsonObject spec = lease.getJsonObject("spec");
        return spec == null ? "" : spec.getString("renewTime", "");
    }

    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
