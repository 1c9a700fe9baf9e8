package io.k3j.agent.tunnel;

import io.k3j.agent.loadbalancer.ServerUrls;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the JSON messages of the tunnel protocol. */
public final class ServerMessages {

    static final String API_VERSION = "k3j.io/v1";
    private static final JsonProvider JSON = JsonProvider.provider();

    private ServerMessages() {
    }

    /**
     * @return the message; empty for a kind this agent does not know, which a newer server may send
     * @throws IllegalArgumentException for text that is no such message
     */
    public static Optional<ServerMessage> parse(String text) {
        JsonObject message;
        try (var reader = JSON.createReader(new StringReader(text))) {
            message = reader.readObject();
        } catch (JsonParsingException | ClassCastException e) {
            throw new IllegalArgumentException("the server sent a message that is no JSON object");
        } catch (JsonException e) {
            throw new IllegalArgumentException("the server sent a message that is no JSON object: " + e.getMessage());
        }
        if (!API_VERSION.equals(string(message, "apiVersion"))) {
            return Optional.empty();
        }
        String kind = string(message, "kind");
        if ("Registration".equals(kind)) {
            return Optional.of(new ServerMessage.Registration(required(message, "nodeName"), required(message, "nodeToken"),
                    servers(message)));
        }
        if ("Servers".equals(kind)) {
            return Optional.of(new ServerMessage.Servers(servers(message)));
        }
        return Optional.empty();
    }

    private static String string(JsonObject message, String field) {
        JsonValue value = message.get(field);
        return value instanceof JsonString string ? string.getString() : null;
    }

    private static String required(JsonObject message, String field) {
        String value = string(message, field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the server's " + string(message, "kind") + " message has no " + field);
        }
        return value;
    }

    private static List<URI> servers(JsonObject message) {
        JsonValue value = message.get("servers");
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new IllegalArgumentException("the server's servers field is no list");
        }
        List<URI> servers = new ArrayList<>();
        for (JsonValue entry : array) {
            if (!(entry instanceof JsonString url)) {
                throw new IllegalArgumentException("the server's servers list holds a " + entry.getValueType());
            }
            URI server = ServerUrls.normalize(url.getString());
            if (!servers.contains(server)) {
                servers.add(server);
            }
        }
        return servers;
    }
}
