package io.k3j.server.api.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * JSON-P plumbing for the API: one provider (looking it up is slow), parsing, encoding, and
 * edits of immutable objects along a path of field names.
 */
public final class JsonSupport {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());
    private static final JsonWriterFactory WRITERS = PROVIDER.createWriterFactory(Map.of());

    private JsonSupport() {
    }

    /**
     * Parses one JSON value.
     *
     * @throws jakarta.json.JsonException when the bytes are not JSON
     */
    public static JsonValue parse(byte[] bytes) {
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readValue();
        }
    }

    /** Parses one JSON value from text; see {@link #parse(byte[])}. */
    public static JsonValue parse(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** Encodes a value as compact UTF-8 JSON. */
    public static byte[] toBytes(JsonValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonWriter writer = WRITERS.createWriter(out)) {
            writer.write(value);
        }
        return out.toByteArray();
    }

    /** Encodes a value as compact JSON text. */
    public static String toText(JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = WRITERS.createWriter(out)) {
            writer.write(value);
        }
        return out.toString();
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonObjectBuilder object(JsonObject from) {
        return PROVIDER.createObjectBuilder(from);
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonArrayBuilder array(JsonArray from) {
        return PROVIDER.createArrayBuilder(from);
    }

    public static JsonString string(String value) {
        return PROVIDER.createValue(value);
    }

    public static JsonValue number(long value) {
        return PROVIDER.createValue(value);
    }

    /** The value at a path of field names, if every step is an object that has the field. */
    public static Optional<JsonValue> at(JsonObject object, String... path) {
        JsonValue current = object;
        for (String field : path) {
            if (!(current instanceof JsonObject o) || !o.containsKey(field)) {
                return Optional.empty();
            }
            current = o.get(field);
        }
        return Optional.of(current);
    }

    /** The string at a path; empty when absent or not a string. */
    public static Optional<String> stringAt(JsonObject object, String... path) {
        return at(object, path).filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).getString());
    }

    /** The object at a path; an empty object when absent or not an object. */
    public static JsonObject objectAt(JsonObject object, String... path) {
        return at(object, path).filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject)
                .orElse(JsonValue.EMPTY_JSON_OBJECT);
    }

    /** The array at a path; an empty array when absent or not an array. */
    public static JsonArray arrayAt(JsonObject object, String... path) {
        return at(object, path).filter(v -> v instanceof JsonArray).map(JsonValue::asJsonArray)
                .orElse(JsonValue.EMPTY_JSON_ARRAY);
    }

    /** A copy with the value set at the path, creating (or replacing non-object) intermediate objects. */
    public static JsonObject with(JsonObject object, JsonValue value, String... path) {
        if (path.length == 0) {
            throw new IllegalArgumentException("empty path");
        }
        String field = path[0];
        if (path.length == 1) {
            return object(object).add(field, value).build();
        }
        JsonObject child = object.get(field) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        return object(object).add(field, with(child, value, Arrays.copyOfRange(path, 1, path.length))).build();
    }

    /** A copy without the field at the path; the object itself when there is no such field. */
    public static JsonObject without(JsonObject object, String... path) {
        if (path.length == 0) {
            throw new IllegalArgumentException("empty path");
        }
        String field = path[0];
        if (!object.containsKey(field)) {
            return object;
        }
        if (path.length == 1) {
            return object(object).remove(field).build();
        }
        if (!(object.get(field) instanceof JsonObject child)) {
            return object;
        }
        return object(object).add(field, without(child, Arrays.copyOfRange(path, 1, path.length))).build();
    }
}
