package io.k3j.server.api.strategy;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.validation.FieldError;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Endpoints: each subset's addresses are IP addresses and its ports valid, as Kubernetes checks them. */
final class EndpointsStrategy implements ResourceStrategy {

    private static final List<String> ADDRESS_LISTS = List.of("addresses", "notReadyAddresses");

    @Override
    public Optional<String> decodeProblem(JsonObject endpoints) {
        Optional<String> problem = Ports.shapeProblem(endpoints, "subsets");
        for (JsonObject subset : Ports.objects(JsonSupport.arrayAt(endpoints, "subsets"))) {
            for (String list : List.of("addresses", "notReadyAddresses", "ports")) {
                problem = problem.or(() -> Ports.shapeProblem(subset, list).map(p -> "subsets[]." + p));
            }
        }
        return problem;
    }

    @Override
    public JsonObject prepareForCreate(JsonObject endpoints) {
        return withDefaults(endpoints);
    }

    @Override
    public JsonObject prepareForUpdate(JsonObject updated, JsonObject old, String subresource) {
        return withDefaults(updated);
    }

    /** Ports default to TCP, as Kubernetes defaults an EndpointPort. */
    private static JsonObject withDefaults(JsonObject endpoints) {
        if (!(endpoints.get("subsets") instanceof JsonArray subsets)) {
            return endpoints;
        }
        JsonArrayBuilder defaulted = JsonSupport.array();
        for (JsonValue value : subsets) {
            if (value instanceof JsonObject subset && subset.get("ports") instanceof JsonArray ports) {
                JsonArrayBuilder withProtocols = JsonSupport.array();
                for (JsonValue port : ports) {
                    withProtocols.add(port instanceof JsonObject p && !p.containsKey("protocol")
                            ? JsonSupport.object(p).add("protocol", "TCP").build() : port);
                }
                defaulted.add(JsonSupport.object(subset).add("ports", withProtocols));
            } else {
                defaulted.add(value);
            }
        }
        return JsonSupport.with(endpoints, defaulted.build(), "subsets");
    }

    @Override
    public List<FieldError> validate(JsonObject endpoints) {
        List<FieldError> errors = new ArrayList<>();
        List<JsonObject> subsets = Ports.objects(JsonSupport.arrayAt(endpoints, "subsets"));
        for (int i = 0; i < subsets.size(); i++) {
            JsonObject subset = subsets.get(i);
            String at = "subsets[" + i + "]";
            for (String list : ADDRESS_LISTS) {
                List<JsonObject> addresses = Ports.objects(JsonSupport.arrayAt(subset, list));
                for (int j = 0; j < addresses.size(); j++) {
                    String field = at + "." + list + "[" + j + "].ip";
                    String ip = JsonSupport.stringAt(addresses.get(j), "ip").orElse("");
                    if (ip.isEmpty()) {
                        errors.add(FieldError.required(field, ""));
                    } else if (!Ports.isIp(ip)) {
                        errors.add(FieldError.invalid(field, ip, "must be a valid IP address"));
                    }
                }
            }
            Ports.checkPorts(Ports.objects(JsonSupport.arrayAt(subset, "ports")), at + ".ports", errors);
        }
        return errors;
    }
}
