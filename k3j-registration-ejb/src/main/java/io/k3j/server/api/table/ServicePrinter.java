package io.k3j.server.api.table;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, and with {@code -o wide} SELECTOR, as
 * Kubernetes's printService writes them (server-side, so wide: load balancer addresses are never
 * shortened).
 */
final class ServicePrinter implements TypePrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Type", "type determines how the Service is exposed. Defaults to ClusterIP. Valid options "
                    + "are ExternalName, ClusterIP, NodePort, and LoadBalancer."),
            Column.string("Cluster-IP", "clusterIP is the IP address of the service and is usually assigned randomly. "
                    + "If an address is specified manually, is in-range (as per system configuration), and is not in "
                    + "use, it will be allocated to the service; otherwise creation of the service will fail."),
            Column.string("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will "
                    + "also accept traffic for this service."),
            Column.string("Port(s)", "The list of ports that are exposed by this service."),
            Column.age(),
            Column.wide("Selector", "Route service traffic to pods with label keys and values matching this "
                    + "selector. If empty or not present, the service is assumed to have an external process managing "
                    + "its endpoints, which Kubernetes will not modify."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<JsonValue> cells(JsonObject service, Instant now) {
        List<String> clusterIps = strings(JsonSupport.arrayAt(service, "spec", "clusterIPs"));
        String clusterIp = clusterIps.isEmpty() ? Cells.NONE : clusterIps.get(0);
        String ports = ports(service);
        return List.of(
                Cells.text(ObjectMeta.name(service)),
                Cells.text(Cells.string(service, "spec", "type")),
                Cells.text(clusterIp),
                Cells.text(externalIp(service)),
                Cells.text(Cells.orElse(ports, Cells.NONE)),
                Cells.age(service, now),
                Cells.text(selector(service)));
    }

    /** Kubernetes's getServiceExternalIP. */
    private static String externalIp(JsonObject service) {
        List<String> externalIps = strings(JsonSupport.arrayAt(service, "spec", "externalIPs"));
        return switch (Cells.string(service, "spec", "type")) {
            case "ClusterIP", "NodePort" -> externalIps.isEmpty() ? Cells.NONE : String.join(",", externalIps);
            case "LoadBalancer" -> {
                List<String> addresses = new ArrayList<>(loadBalancerAddresses(service));
                addresses.addAll(externalIps);
                yield addresses.isEmpty() ? "<pending>" : String.join(",", addresses);
            }
            case "ExternalName" -> Cells.string(service, "spec", "externalName");
            default -> Cells.UNKNOWN;
        };
    }

    private static List<String> loadBalancerAddresses(JsonObject service) {
        List<String> addresses = new ArrayList<>();
        for (JsonValue value : JsonSupport.arrayAt(service, "status", "loadBalancer", "ingress")) {
            if (value instanceof JsonObject ingress) {
                String ip = Cells.string(ingress, "ip");
                String hostname = Cells.string(ingress, "hostname");
                if (!ip.isEmpty()) {
                    addresses.add(ip);
                } else if (!hostname.isEmpty()) {
                    addresses.add(hostname);
                }
            }
        }
        return addresses;
    }

    /** Kubernetes's makePortString: {@code 80/TCP}, or {@code 80:30080/TCP} with a node port. */
    private static String ports(JsonObject service) {
        List<String> pieces = new ArrayList<>();
        for (JsonValue value : JsonSupport.arrayAt(service, "spec", "ports")) {
            if (value instanceof JsonObject port) {
                long nodePort = Cells.number(port, "nodePort");
                String protocol = Cells.string(port, "protocol");
                pieces.add(Cells.number(port, "port") + (nodePort > 0 ? ":" + nodePort : "") + "/" + protocol);
            }
        }
        return String.join(",", pieces);
    }

    /** The selector as labels.FormatLabels writes it: sorted {@code k=v} pairs, or {@code <none>}. */
    private static String selector(JsonObject service) {
        Map<String, String> selector = new TreeMap<>(ObjectMeta.stringMap(JsonSupport.objectAt(service, "spec", "selector")));
        return selector.isEmpty() ? Cells.NONE : selector.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static List<String> strings(JsonArray array) {
        return array.stream().filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).getString()).toList();
    }
}
