package io.k3j.agent.node;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The Node and Lease documents the agent writes, and what it reads back from them. */
public final class NodeDocuments {

    public static final String LEASE_NAMESPACE = "kube-node-lease";
    static final String READY_REASON = "KubeletReady";
    static final String READY_MESSAGE = "k3j agent is posting ready status";
    static final int MAX_PODS = 110;
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private NodeDocuments() {
    }

    public static String nodePath(String name) {
        return "/api/v1/nodes/" + name;
    }

    public static String leasePath(String name) {
        return leasesPath() + "/" + name;
    }

    public static String leasesPath() {
        return "/apis/coordination.k8s.io/v1/namespaces/" + LEASE_NAMESPACE + "/leases";
    }

    /** The node's own labels (the {@code --node-label}s last, so they may override), no node-role labels. */
    public static Map<String, String> labels(String nodeName, String architecture, String operatingSystem,
            Map<String, String> nodeLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", nodeName);
        labels.put("kubernetes.io/os", operatingSystem);
        labels.put("kubernetes.io/arch", architecture);
        labels.putAll(nodeLabels);
        return labels;
    }

    public static JsonObject newNode(String name, Map<String, String> labels) {
        return JSON.createObjectBuilder()
                .add("apiVersion", "v1")
                .add("kind", "Node")
                .add("metadata", JSON.createObjectBuilder().add("name", name).add("labels", strings(labels)))
                .add("spec", JsonValue.EMPTY_JSON_OBJECT)
                .build();
    }

    /** A merge patch that sets the labels and keeps every other label. */
    public static JsonObject labelsPatch(Map<String, String> labels) {
        return JSON.createObjectBuilder().add("metadata", JSON.createObjectBuilder().add("labels", strings(labels))).build();
    }

    /** Whether the node lacks one of the labels, or has it with another value. */
    public static boolean lacksLabels(JsonObject node, Map<String, String> labels) {
        JsonObject present = object(object(node, "metadata"), "labels");
        return labels.entrySet().stream().anyMatch(label -> !label.getValue().equals(string(present, label.getKey()).orElse(null)));
    }

    /**
     * A merge patch of {@code /status}: addresses, capacity, node info and the Ready condition.
     * Through the status subresource it never touches the spec, where the server keeps the podCIDR.
     *
     * @param readySince when the node last became Ready: kept while it stays Ready
     */
    public static JsonObject statusPatch(MachineInfo machine, AgentVersion version, String internalIp, String hostname,
            Instant heartbeat, Instant readySince) {
        JsonObjectBuilder resources = JSON.createObjectBuilder()
                .add("cpu", Integer.toString(machine.cpus()))
                .add("memory", machine.memoryKi() + "Ki")
                .add("pods", Integer.toString(MAX_PODS));
        JsonObject quantities = resources.build();
        return JSON.createObjectBuilder().add("status", JSON.createObjectBuilder()
                .add("addresses", JSON.createArrayBuilder()
                        .add(JSON.createObjectBuilder().add("type", "InternalIP").add("address", internalIp))
                        .add(JSON.createObjectBuilder().add("type", "Hostname").add("address", hostname)))
                .add("capacity", quantities)
                .add("allocatable", quantities)
                .add("nodeInfo", JSON.createObjectBuilder()
                        .add("kubeletVersion", version.kubeletVersion())
                        .add("kubeProxyVersion", "")
                        .add("osImage", machine.osImage())
                        .add("kernelVersion", machine.kernelVersion())
                        .add("architecture", machine.architecture())
                        .add("operatingSystem", machine.operatingSystem())
                        .add("containerRuntimeVersion", version.containerRuntimeVersion())
                        .add("machineID", "")
                        .add("systemUUID", "")
                        .add("bootID", ""))
                .add("conditions", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("type", "Ready")
                        .add("status", "True")
                        .add("reason", READY_REASON)
                        .add("message", READY_MESSAGE)
                        .add("lastHeartbeatTime", time(heartbeat))
                        .add("lastTransitionTime", time(readySince)))))
                .build();
    }

    public static JsonObject newLease(String nodeName, String nodeUid, int leaseDurationSeconds, Instant renewTime) {
        return JSON.createObjectBuilder()
                .add("apiVersion", "coordination.k8s.io/v1")
                .add("kind", "Lease")
                .add("metadata", JSON.createObjectBuilder()
                        .add("name", nodeName)
                        .add("namespace", LEASE_NAMESPACE)
                        .add("ownerReferences", ownerReferences(nodeName, nodeUid)))
                .add("spec", leaseSpec(JsonValue.EMPTY_JSON_OBJECT, nodeName, leaseDurationSeconds, renewTime))
                .build();
    }

    /**
     * The lease as last read, renewed: its resourceVersion is kept, so that the update fails
     * with 409 if someone else wrote it meanwhile; the owner is the node as it is now.
     */
    public static JsonObject renewedLease(JsonObject lease, String nodeName, String nodeUid, int leaseDurationSeconds,
            Instant renewTime) {
        JsonObject metadata = object(lease, "metadata");
        return JSON.createObjectBuilder(lease)
                .add("metadata", JSON.createObjectBuilder(metadata).add("ownerReferences", ownerReferences(nodeName, nodeUid)))
                .add("spec", leaseSpec(object(lease, "spec"), nodeName, leaseDurationSeconds, renewTime))
                .build();
    }

    private static JsonObject leaseSpec(JsonObject spec, String nodeName, int leaseDurationSeconds, Instant renewTime) {
        return JSON.createObjectBuilder(spec)
                .add("holderIdentity", nodeName)
                .add("leaseDurationSeconds", leaseDurationSeconds)
                .add("renewTime", microTime(renewTime))
                .build();
    }

    private static JsonArray ownerReferences(String nodeName, String nodeUid) {
        return JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                .add("apiVersion", "v1")
                .add("kind", "Node")
                .add("name", nodeName)
                .add("uid", nodeUid)).build();
    }

    public static Optional<String> uid(JsonObject object) {
        return string(object(object, "metadata"), "uid");
    }

    public static Optional<String> podCidr(JsonObject node) {
        return string(object(node, "spec"), "podCIDR").filter(cidr -> !cidr.isEmpty());
    }

    /** The Ready condition's status ({@code True}, {@code False}, {@code Unknown}) and when it last changed. */
    public static Optional<Ready> ready(JsonObject node) {
        JsonValue conditions = object(node, "status").get("conditions");
        if (conditions instanceof JsonArray list) {
            for (JsonValue condition : list) {
                if (condition instanceof JsonObject object && string(object, "type").filter("Ready"::equals).isPresent()) {
                    return Optional.of(new Ready(string(object, "status").orElse("Unknown"),
                            string(object, "lastTransitionTime").flatMap(NodeDocuments::parseTime)));
                }
            }
        }
        return Optional.empty();
    }

    /** A node's Ready condition, as far as the agent cares. */
    public record Ready(String status, Optional<Instant> since) {

        public boolean isTrue() {
            return "True".equals(status);
        }
    }

    /** Kubernetes' {@code Time}: RFC 3339 in seconds. */
    public static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Kubernetes' {@code MicroTime}: RFC 3339 with six fraction digits, as Lease renew times are. */
    public static String microTime(Instant instant) {
        return MICRO_TIME.format(instant);
    }

    private static Optional<Instant> parseTime(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static JsonObject strings(Map<String, String> values) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        values.forEach(object::add);
        return object.build();
    }

    static JsonObject object(JsonObject parent, String field) {
        return parent.get(field) instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    static Optional<String> string(JsonObject parent, String field) {
        return parent.get(field) instanceof JsonString string ? Optional.of(string.getString()) : Optional.empty();
    }
}
