package io.k3j.api.connect;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.registration.Registration;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The JSON messages the server sends down an agent's tunnel, of {@code apiVersion k3j.io/v1}. */
final class TunnelMessages {

    private static final String API_VERSION = "k3j.io/v1";

    private TunnelMessages() {
    }

    /** The first message: the agent's name, its node token, and every server to connect to. */
    static String registration(Registration registration, List<String> servers) {
        return text(message("Registration").add("nodeName", registration.nodeName())
                .add("nodeToken", registration.nodeToken()).add("servers", array(servers)));
    }

    /** A change of the set of servers. */
    static String servers(List<String> servers) {
        return text(message("Servers").add("servers", array(servers)));
    }

    private static JsonObjectBuilder message(String kind) {
        return Json.createObjectBuilder().add("apiVersion", API_VERSION).add("kind", kind);
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    private static String text(JsonObjectBuilder message) {
        return new String(JsonSupport.toBytes(message.build()), StandardCharsets.UTF_8);
    }
}
