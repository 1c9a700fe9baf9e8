package io.k3j.server.api.table;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints: NAME ENDPOINTS AGE, where ENDPOINTS lists the first three ready {@code ip:port}
 * pairs and counts the rest ({@code 10.0.0.5:6443,10.0.0.6:6443 + 2 more...}), as Kubernetes's
 * formatEndpoints does.
 */
final class EndpointsPrinter implements TypePrinter {

    private static final int SHOWN = 3;

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Endpoints", "The set of all endpoints is the union of all subsets. Addresses are placed "
                    + "into subsets according to the IPs they share. A single address with multiple ports, some of "
                    + "which are ready and some of which are not (because they come from different containers) will "
                    + "result in the address being displayed in different subsets for the different ports. No address "
                    + "will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and "
                    + "ports that comprise a service."),
            Column.age());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<JsonValue> cells(JsonObject endpoints, Instant now) {
        return List.of(Cells.text(ObjectMeta.name(endpoints)), Cells.text(format(endpoints)), Cells.age(endpoints, now));
    }

    static String format(JsonObject endpoints) {
        JsonArray subsets = JsonSupport.arrayAt(endpoints, "subsets");
        if (subsets.isEmpty()) {
            return Cells.NONE;
        }
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (JsonObject subset : objects(subsets)) {
            List<String> ips = objects(JsonSupport.arrayAt(subset, "addresses")).stream()
                    .map(address -> Cells.string(address, "ip")).toList();
            List<JsonObject> ports = objects(JsonSupport.arrayAt(subset, "ports"));
            if (ports.isEmpty()) {
                // a headless service may have no ports: its addresses alone
                count += ips.size();
                ips.stream().limit(Math.max(0, SHOWN - shown.size())).forEach(shown::add);
                continue;
            }
            for (JsonObject port : ports) {
                count += ips.size();
                for (String ip : ips) {
                    if (shown.size() == SHOWN) {
                        break;
                    }
                    shown.add(hostPort(ip, Cells.number(port, "port")));
                }
            }
        }
        String list = String.join(",", shown);
        return count > SHOWN ? list + " + " + (count - SHOWN) + " more..." : list;
    }

    /** Go's net.JoinHostPort: IPv6 addresses in brackets. */
    private static String hostPort(String ip, long port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    private static List<JsonObject> objects(JsonArray array) {
        return array.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject).toList();
    }
}
