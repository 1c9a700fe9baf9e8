package io.k3j.server.api.table;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Nodes: NAME STATUS ROLES AGE VERSION, and with {@code -o wide} INTERNAL-IP EXTERNAL-IP OS-IMAGE
 * KERNEL-VERSION CONTAINER-RUNTIME.
 */
final class NodePrinter implements TypePrinter {

    /** A node has the role X when it has the label {@code node-role.kubernetes.io/X}. */
    private static final String ROLE_PREFIX = "node-role.kubernetes.io/";
    /** The older way to give a node a role: {@code kubernetes.io/role=X}. */
    private static final String ROLE_LABEL = "kubernetes.io/role";

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Status", "The status of the node"),
            Column.string("Roles", "The roles of the node"),
            Column.age(),
            Column.string("Version", "Kubelet Version reported by the node."),
            Column.wide("Internal-IP", "List of addresses reachable to the node."),
            Column.wide("External-IP", "List of addresses reachable to the node."),
            Column.wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 "
                    + "(wheezy))."),
            Column.wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. "
                    + "3.16.0-0.bpo.4-amd64)."),
            Column.wide("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote "
                    + "API (e.g. containerd://1.4.2)."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<JsonValue> cells(JsonObject node, Instant now) {
        JsonObject info = JsonSupport.objectAt(node, "status", "nodeInfo");
        return List.of(
                Cells.text(ObjectMeta.name(node)),
                Cells.text(status(node)),
                Cells.text(roles(ObjectMeta.labels(node))),
                Cells.age(node, now),
                Cells.text(Cells.string(info, "kubeletVersion")),
                Cells.text(address(node, "InternalIP")),
                Cells.text(address(node, "ExternalIP")),
                Cells.text(Cells.orElse(Cells.string(info, "osImage"), Cells.UNKNOWN)),
                Cells.text(Cells.orElse(Cells.string(info, "kernelVersion"), Cells.UNKNOWN)),
                Cells.text(Cells.orElse(Cells.string(info, "containerRuntimeVersion"), Cells.UNKNOWN)));
    }

    /** Ready, NotReady or Unknown from the Ready condition, then SchedulingDisabled when cordoned. */
    private static String status(JsonObject node) {
        List<String> status = new ArrayList<>();
        for (JsonValue value : JsonSupport.arrayAt(node, "status", "conditions")) {
            if (value instanceof JsonObject condition && Cells.string(condition, "type").equals("Ready")) {
                status.add(Cells.string(condition, "status").equals("True") ? "Ready" : "NotReady");
                break;
            }
        }
        if (status.isEmpty()) {
            status.add("Unknown");
        }
        if (JsonSupport.at(node, "spec", "unschedulable").filter(v -> v == JsonValue.TRUE).isPresent()) {
            status.add("SchedulingDisabled");
        }
        return String.join(",", status);
    }

    private static String roles(Map<String, String> labels) {
        TreeSet<String> roles = new TreeSet<>();
        labels.forEach((key, value) -> {
            if (key.startsWith(ROLE_PREFIX) && key.length() > ROLE_PREFIX.length()) {
                roles.add(key.substring(ROLE_PREFIX.length()));
            } else if (key.equals(ROLE_LABEL) && !value.isEmpty()) {
                roles.add(value);
            }
        });
        return roles.isEmpty() ? Cells.NONE : String.join(",", roles);
    }

    /** The first address of a type, or {@code <none>}. */
    private static String address(JsonObject node, String type) {
        for (JsonValue value : JsonSupport.arrayAt(node, "status", "addresses")) {
            if (value instanceof JsonObject address && Cells.string(address, "type").equals(type)) {
                return Cells.string(address, "address");
            }
        }
        return Cells.NONE;
    }
}
