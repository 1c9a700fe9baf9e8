package io.k3j.server.api.strategy;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.validation.FieldError;
import io.k3j.server.api.validation.NameRules;
import io.k3j.server.net.Ipv4Cidr;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The port lists and addresses of Services and Endpoints, checked as Kubernetes checks them. */
final class Ports {

    static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
    private static final int PORT_NAME_MAX = 15;

    private Ports() {
    }

    /** Why a field is not an array of objects, if it is set and is not. */
    static Optional<String> shapeProblem(JsonObject object, String... path) {
        Optional<JsonValue> value = JsonSupport.at(object, path).filter(v -> v != JsonValue.NULL);
        if (value.isPresent() && !(value.get() instanceof JsonArray array
                && array.stream().allMatch(item -> item instanceof JsonObject))) {
            return Optional.of(String.join(".", path) + ": expected an array of objects");
        }
        return Optional.empty();
    }

    /** The objects of an array, skipping anything else. */
    static List<JsonObject> objects(JsonArray array) {
        return array.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject).toList();
    }

    /**
     * A port list's checks shared by Services and Endpoints: numbers, protocols, names (required
     * and unique when there are several), adding to {@code errors}.
     */
    static void checkPorts(List<JsonObject> ports, String field, List<FieldError> errors) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonObject port = ports.get(i);
            String at = field + "[" + i + "]";
            String name = JsonSupport.stringAt(port, "name").orElse("");
            if (name.isEmpty()) {
                if (ports.size() > 1) {
                    errors.add(FieldError.required(at + ".name", ""));
                }
            } else if (!names.add(name)) {
                errors.add(new FieldError(FieldError.Type.DUPLICATE, at + ".name", Optional.of(JsonSupport.string(name)), ""));
            } else {
                NameRules.dns1123Label(name).forEach(m -> errors.add(FieldError.invalid(at + ".name", name, m)));
            }
            checkPortNumber(port, "port", at + ".port", true, errors);
            String protocol = JsonSupport.stringAt(port, "protocol").orElse("");
            if (!PROTOCOLS.contains(protocol)) {
                errors.add(protocol.isEmpty() ? FieldError.required(at + ".protocol", "")
                        : FieldError.notSupported(at + ".protocol", protocol, PROTOCOLS));
            }
        }
    }

    /** A port number field: between 1 and 65535, and there when required. */
    static void checkPortNumber(JsonObject object, String name, String field, boolean required, List<FieldError> errors) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                errors.add(FieldError.required(field, ""));
            }
            return;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()
                || number.longValue() < 1 || number.longValue() > 65535) {
            errors.add(FieldError.invalid(field, value, "must be between 1 and 65535, inclusive"));
        }
    }

    /** A target port: a port number, or an IANA service name that a container port names. */
    static void checkTargetPort(JsonObject port, String field, List<FieldError> errors) {
        JsonValue value = port.get("targetPort");
        if (value instanceof JsonString name) {
            portNameProblems(name.getString()).forEach(m -> errors.add(FieldError.invalid(field, name.getString(), m)));
        } else {
            checkPortNumber(port, "targetPort", field, false, errors);
        }
    }

    /** Kubernetes's IsValidPortName (an IANA_SVC_NAME). */
    static List<String> portNameProblems(String name) {
        List<String> problems = new ArrayList<>();
        if (name.length() > PORT_NAME_MAX) {
            problems.add("must be no more than 15 characters");
        }
        if (!PORT_NAME_CHARS.matcher(name).matches()) {
            problems.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (name.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            problems.add("must contain at least one letter (a-z)");
        }
        if (name.contains("--")) {
            problems.add("must not contain consecutive hyphens");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            problems.add("must not begin or end with a hyphen");
        }
        return problems;
    }

    /** Whether a string is an IP address: an IPv4 dotted quad, or an IPv6 address. */
    static boolean isIp(String value) {
        if (Ipv4Cidr.parseAddress(value).isPresent()) {
            return true;
        }
        if (!IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            // with a colon, getByName parses an IPv6 literal and looks nothing up
            return InetAddress.getByName(value) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
