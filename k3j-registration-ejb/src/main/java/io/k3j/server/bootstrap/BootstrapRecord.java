package io.k3j.server.bootstrap;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * What the datastore keeps about its cluster, as JSON under {@link ClusterBootstrap#KEY}.
 *
 * @param clusterId a random id, the same for every server of the cluster
 * @param tokenHash a {@link TokenHash} of the cluster token; never the token
 * @param created when the first server bootstrapped the cluster
 */
public record BootstrapRecord(String clusterId, String tokenHash, Instant created) {

    public BootstrapRecord {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(created, "created");
    }

    public byte[] toJson() {
        return Json.createObjectBuilder()
                .add("clusterId", clusterId)
                .add("tokenHash", tokenHash)
                .add("created", created.toString())
                .build()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** @throws BootstrapException when the bytes are not a bootstrap record */
    public static BootstrapRecord fromJson(byte[] json) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(json, StandardCharsets.UTF_8)))) {
            JsonObject object = reader.readObject();
            return new BootstrapRecord(string(object, "clusterId"), string(object, "tokenHash"), Instant.parse(string(object, "created")));
        } catch (JsonException | DateTimeParseException e) {
            throw unreadable(e.getMessage(), e);
        }
    }

    private static String string(JsonObject object, String name) {
        if (object.get(name) instanceof JsonString value) {
            return value.getString();
        }
        throw unreadable("no string " + name, null);
    }

    private static BootstrapException unreadable(String why, Throwable cause) {
        return new BootstrapException("the datastore's bootstrap record " + ClusterBootstrap.KEY + " is unreadable: " + why, cause);
    }
}
