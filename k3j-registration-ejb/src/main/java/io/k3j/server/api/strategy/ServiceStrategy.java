package io.k3j.server.api.strategy;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.validation.FieldError;
import io.k3j.server.api.validation.NameRules;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Services: Kubernetes's defaults (type ClusterIP, TCP ports whose target is the port, single
 * stack IPv4), an empty status on create, their validation, and a cluster IP that may not change
 * once set. The cluster IP itself comes from the
 * {@link io.k3j.server.api.allocation.ServiceIpAllocator}, after these checks.
 */
final class ServiceStrategy implements ResourceStrategy {

    static final String CLUSTER_IP = "ClusterIP";
    static final String NODE_PORT = "NodePort";
    static final String LOAD_BALANCER = "LoadBalancer";
    static final String EXTERNAL_NAME = "ExternalName";
    static final String HEADLESS = "None";

    private static final List<String> TYPES = List.of(CLUSTER_IP, EXTERNAL_NAME, LOAD_BALANCER, NODE_PORT);
    private static final List<String> AFFINITIES = List.of("ClientIP", "None");
    private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final String DNS1035_MESSAGE = "a DNS-1035 label must consist of lower case alphanumeric characters "
            + "or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  "
            + "or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private static final int NODE_PORT_MIN = 30000;
    private static final int NODE_PORT_MAX = 32767;

    @Override
    public Optional<String> decodeProblem(JsonObject object) {
        JsonValue spec = object.get("spec");
        if (spec != null && spec != JsonValue.NULL && !(spec instanceof JsonObject)) {
            return Optional.of("spec: expected an object");
        }
        return Ports.shapeProblem(object, "spec", "ports");
    }

    @Override
    public JsonObject prepareForCreate(JsonObject service) {
        return JsonSupport.with(withDefaults(service), JsonSupport.object().add("loadBalancer", JsonValue.EMPTY_JSON_OBJECT)
                .build(), "status");
    }

    /**
     * As Kubernetes: an update that leaves out the cluster IP keeps the one held (kubectl replace
     * and apply send manifests without it), and a change to ExternalName gives it up.
     */
    @Override
    public JsonObject prepareForUpdate(JsonObject updated, JsonObject old, String subresource) {
        JsonObject service = updated;
        if (needsClusterIp(old) && needsClusterIp(service)) {
            for (String field : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
                Optional<JsonValue> held = JsonSupport.at(old, "spec", field);
                if (held.isPresent() && isUnset(JsonSupport.at(service, "spec", field))) {
                    service = JsonSupport.with(service, held.get(), "spec", field);
                }
            }
        } else if (needsClusterIp(old) && type(service).equals(EXTERNAL_NAME)
                && clusterIp(service).equals(clusterIp(old))) {
            for (String field : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
                service = JsonSupport.without(service, "spec", field);
            }
        }
        if (!usesNodePorts(service) && usesNodePorts(old)) {
            service = withPorts(service, port -> JsonSupport.object(port).remove("nodePort").build());
        }
        return withDefaults(service);
    }

    @Override
    public List<FieldError> validate(JsonObject service) {
        List<FieldError> errors = new ArrayList<>();
        String name = ObjectMeta.name(service);
        // the generic check wants an RFC 1123 label; a Service name must also start with a letter
        if (!name.isEmpty() && NameRules.dns1123Label(name).isEmpty() && !DNS1035_LABEL.matcher(name).matches()) {
            errors.add(FieldError.invalid("metadata.name", name, DNS1035_MESSAGE));
        }
        String type = type(service);
        if (!TYPES.contains(type)) {
            errors.add(FieldError.notSupported("spec.type", type, TYPES));
        }
        String clusterIp = clusterIp(service);
        List<JsonObject> ports = Ports.objects(JsonSupport.arrayAt(service, "spec", "ports"));
        if (type.equals(EXTERNAL_NAME)) {
            checkExternalName(service, clusterIp, errors);
        } else {
            checkClusterIps(service, clusterIp, errors);
            if (ports.isEmpty() && !clusterIp.equals(HEADLESS)) {
                errors.add(FieldError.required("spec.ports", ""));
            }
        }
        checkPorts(ports, type, errors);
        checkOneOf(service, "sessionAffinity", AFFINITIES, errors);
        checkOneOf(service, "internalTrafficPolicy", TRAFFIC_POLICIES, errors);
        checkOneOf(service, "externalTrafficPolicy", TRAFFIC_POLICIES, errors);
        for (Map.Entry<String, JsonValue> entry : JsonSupport.objectAt(service, "spec", "selector").entrySet()) {
            String field = "spec.selector";
            NameRules.qualifiedName(entry.getKey()).forEach(m -> errors.add(FieldError.invalid(field, entry.getKey(), m)));
            if (entry.getValue() instanceof JsonString value) {
                NameRules.labelValue(value.getString())
                        .forEach(m -> errors.add(FieldError.invalid(field, value.getString(), m)));
            } else {
                errors.add(FieldError.invalid(field + "[" + entry.getKey() + "]", entry.getValue(), "must be a string"));
            }
        }
        return errors;
    }

    /** As Kubernetes: the cluster IP may not change while the Service has one, except to give it up for ExternalName. */
    @Override
    public List<FieldError> validateUpdate(JsonObject updated, JsonObject old, String subresource) {
        List<FieldError> errors = new ArrayList<>(validate(updated));
        String held = clusterIp(old);
        String wanted = clusterIp(updated);
        if (needsClusterIp(old) && needsClusterIp(updated) && !held.isEmpty() && !wanted.equals(held)) {
            // the one thing to say: clusterIPs, still the old one, would not match either
            errors.removeIf(error -> error.field().equals("spec.clusterIPs"));
            errors.add(FieldError.invalid("spec.clusterIPs[0]", wanted, "may not change once set"));
        }
        return errors;
    }

    private static void checkExternalName(JsonObject service, String clusterIp, List<FieldError> errors) {
        String externalName = JsonSupport.stringAt(service, "spec", "externalName").orElse("");
        if (externalName.isEmpty()) {
            errors.add(FieldError.required("spec.externalName", ""));
        } else {
            String bare = externalName.endsWith(".") ? externalName.substring(0, externalName.length() - 1) : externalName;
            NameRules.dns1123Subdomain(bare).forEach(m -> errors.add(FieldError.invalid("spec.externalName", externalName, m)));
        }
        if (!clusterIp.isEmpty()) {
            errors.add(FieldError.forbidden("spec.clusterIP", "may not be set for ExternalName services"));
        }
    }

    private static void checkClusterIps(JsonObject service, String clusterIp, List<FieldError> errors) {
        if (!clusterIp.isEmpty() && !clusterIp.equals(HEADLESS) && !Ports.isIp(clusterIp)) {
            errors.add(FieldError.invalid("spec.clusterIPs[0]", clusterIp,
                    "must be empty, 'None', or a valid IP address (e.g. 10.9.8.7)"));
        }
        JsonArray clusterIps = JsonSupport.arrayAt(service, "spec", "clusterIPs");
        if (clusterIps.size() > 1) {
            errors.add(FieldError.invalid("spec.clusterIPs", clusterIps, "k3j serves single-stack Services: "
                    + "at most one cluster IP"));
        } else if (clusterIps.size() == 1 && !(clusterIps.get(0) instanceof JsonString first
                && first.getString().equals(clusterIp))) {
            errors.add(FieldError.invalid("spec.clusterIPs", clusterIps, "must match `clusterIP` when set"));
        }
    }

    private static void checkPorts(List<JsonObject> ports, String type, List<FieldError> errors) {
        Ports.checkPorts(ports, "spec.ports", errors);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonObject port = ports.get(i);
            String at = "spec.ports[" + i + "]";
            Ports.checkTargetPort(port, at + ".targetPort", errors);
            if (port.containsKey("nodePort") && port.get("nodePort") != JsonValue.NULL) {
                if (!type.equals(NODE_PORT) && !type.equals(LOAD_BALANCER)) {
                    errors.add(FieldError.forbidden(at + ".nodePort", "may not be used when `type` is '" + type + "'"));
                } else if (!(port.get("nodePort") instanceof JsonNumber number) || !number.isIntegral()
                        || number.longValue() < NODE_PORT_MIN || number.longValue() > NODE_PORT_MAX) {
                    errors.add(FieldError.invalid(at + ".nodePort", port.get("nodePort"), "provided port is not in the "
                            + "valid range. The range of valid ports is " + NODE_PORT_MIN + "-" + NODE_PORT_MAX));
                }
            }
            String portAndProtocol = port.get("port") + "/" + JsonSupport.stringAt(port, "protocol").orElse("");
            if (seen.contains(portAndProtocol)) {
                errors.add(new FieldError(FieldError.Type.DUPLICATE, at, Optional.of(JsonSupport.string(portAndProtocol)),
                        ""));
            }
            seen.add(portAndProtocol);
        }
    }

    private static void checkOneOf(JsonObject service, String field, List<String> allowed, List<FieldError> errors) {
        Optional<String> value = JsonSupport.stringAt(service, "spec", field);
        if (value.isPresent() && !allowed.contains(value.get())) {
            errors.add(FieldError.notSupported("spec." + field, value.get(), allowed));
        }
    }

    /** Kubernetes's defaults for the fields kube-proxy, kubectl and clients read. */
    private static JsonObject withDefaults(JsonObject service) {
        if (service.containsKey("spec") && !(service.get("spec") instanceof JsonObject)) {
            return service;
        }
        JsonObject spec = JsonSupport.objectAt(service, "spec");
        JsonObjectBuilder out = JsonSupport.object(spec);
        String type = JsonSupport.stringAt(spec, "type").orElse(CLUSTER_IP);
        out.add("type", type);
        defaultTo(spec, out, "sessionAffinity", JsonSupport.string("None"));
        if (!type.equals(EXTERNAL_NAME)) {
            String clusterIp = JsonSupport.stringAt(spec, "clusterIP").orElse("");
            JsonArray clusterIps = JsonSupport.arrayAt(spec, "clusterIPs");
            // either names the other: clients may send only clusterIPs
            if (clusterIp.isEmpty() && clusterIps.size() == 1 && clusterIps.get(0) instanceof JsonString first) {
                out.add("clusterIP", first.getString());
            } else if (!clusterIp.isEmpty() && clusterIps.isEmpty()) {
                out.add("clusterIPs", JsonSupport.array().add(clusterIp));
            }
            defaultTo(spec, out, "ipFamilies", JsonSupport.array().add("IPv4").build());
            defaultTo(spec, out, "ipFamilyPolicy", JsonSupport.string("SingleStack"));
            defaultTo(spec, out, "internalTrafficPolicy", JsonSupport.string("Cluster"));
        }
        if (type.equals(NODE_PORT) || type.equals(LOAD_BALANCER)) {
            defaultTo(spec, out, "externalTrafficPolicy", JsonSupport.string("Cluster"));
        }
        if (type.equals(LOAD_BALANCER)) {
            defaultTo(spec, out, "allocateLoadBalancerNodePorts", JsonValue.TRUE);
        }
        if (spec.get("ports") instanceof JsonArray ports) {
            JsonArrayBuilder defaulted = JsonSupport.array();
            for (JsonValue value : ports) {
                defaulted.add(value instanceof JsonObject port ? portDefaults(port) : value);
            }
            out.add("ports", defaulted);
        }
        return JsonSupport.with(service, out.build(), "spec");
    }

    /** TCP, and the target port is the port, as Kubernetes defaults a ServicePort. */
    private static JsonObject portDefaults(JsonObject port) {
        JsonObjectBuilder out = JsonSupport.object(port);
        defaultTo(port, out, "protocol", JsonSupport.string("TCP"));
        JsonValue target = port.get("targetPort");
        boolean unset = isUnset(Optional.ofNullable(target))
                || (target instanceof JsonNumber number && number.longValue() == 0);
        if (unset && port.containsKey("port")) {
            out.add("targetPort", port.get("port"));
        }
        return out.build();
    }

    private static JsonObject withPorts(JsonObject service, UnaryOperator<JsonObject> change) {
        if (!(JsonSupport.at(service, "spec", "ports").orElse(null) instanceof JsonArray ports)) {
            return service;
        }
        JsonArrayBuilder changed = JsonSupport.array();
        ports.forEach(p -> changed.add(p instanceof JsonObject port ? change.apply(port) : p));
        return JsonSupport.with(service, changed.build(), "spec", "ports");
    }

    private static boolean isUnset(Optional<JsonValue> value) {
        return value.isEmpty() || value.get() == JsonValue.NULL
                || (value.get() instanceof JsonString s && s.getString().isEmpty())
                || (value.get() instanceof JsonArray a && a.isEmpty());
    }

    private static void defaultTo(JsonObject object, JsonObjectBuilder out, String field, JsonValue value) {
        if (isUnset(Optional.ofNullable(object.get(field)))) {
            out.add(field, value);
        }
    }

    private static String type(JsonObject service) {
        return JsonSupport.stringAt(service, "spec", "type").orElse(CLUSTER_IP);
    }

    private static String clusterIp(JsonObject service) {
        return JsonSupport.stringAt(service, "spec", "clusterIP").orElse("");
    }

    private static boolean needsClusterIp(JsonObject service) {
        return !type(service).equals(EXTERNAL_NAME);
    }

    private static boolean usesNodePorts(JsonObject service) {
        return type(service).equals(NODE_PORT) || type(service).equals(LOAD_BALANCER);
    }
}
