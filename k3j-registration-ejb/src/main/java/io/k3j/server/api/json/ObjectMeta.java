package io.k3j.server.api.json;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and edits the {@code metadata} of a Kubernetes object held as a JSON object. */
public final class ObjectMeta {

    public static final String METADATA = "metadata";

    private ObjectMeta() {
    }

    /** The metadata object; empty when absent. */
    public static JsonObject of(JsonObject object) {
        return JsonSupport.objectAt(object, METADATA);
    }

    /** A metadata string field such as {@code name}; empty string when absent, as Kubernetes treats it. */
    public static String string(JsonObject object, String field) {
        return JsonSupport.stringAt(object, METADATA, field).orElse("");
    }

    public static String name(JsonObject object) {
        return string(object, "name");
    }

    public static String namespace(JsonObject object) {
        return string(object, "namespace");
    }

    public static String uid(JsonObject object) {
        return string(object, "uid");
    }

    public static String resourceVersion(JsonObject object) {
        return string(object, "resourceVersion");
    }

    public static Optional<String> deletionTimestamp(JsonObject object) {
        return JsonSupport.stringAt(object, METADATA, "deletionTimestamp");
    }

    /** The deletion grace period, if the object is being deleted with one. */
    public static Optional<Long> deletionGracePeriodSeconds(JsonObject object) {
        return JsonSupport.at(object, METADATA, "deletionGracePeriodSeconds")
                .filter(v -> v.getValueType() == JsonValue.ValueType.NUMBER)
                .map(v -> ((JsonNumber) v).longValue());
    }

    public static long generation(JsonObject object) {
        return JsonSupport.at(object, METADATA, "generation")
                .filter(v -> v.getValueType() == JsonValue.ValueType.NUMBER)
                .map(v -> ((JsonNumber) v).longValue())
                .orElse(0L);
    }

    /** The labels; string values only (the validator rejects others). */
    public static Map<String, String> labels(JsonObject object) {
        return stringMap(JsonSupport.objectAt(object, METADATA, "labels"));
    }

    public static Map<String, String> annotations(JsonObject object) {
        return stringMap(JsonSupport.objectAt(object, METADATA, "annotations"));
    }

    public static List<String> finalizers(JsonObject object) {
        List<String> finalizers = new ArrayList<>();
        for (JsonValue value : JsonSupport.arrayAt(object, METADATA, "finalizers")) {
            if (value instanceof JsonString s) {
                finalizers.add(s.getString());
            }
        }
        return finalizers;
    }

    /** A copy with one metadata field set. */
    public static JsonObject with(JsonObject object, String field, JsonValue value) {
        return JsonSupport.with(object, value, METADATA, field);
    }

    public static JsonObject with(JsonObject object, String field, String value) {
        return with(object, field, JsonSupport.string(value));
    }

    /** A copy without one metadata field. */
    public static JsonObject without(JsonObject object, String field) {
        return JsonSupport.without(object, METADATA, field);
    }

    /** Reads an object of string values; non-strings are skipped. */
    public static Map<String, String> stringMap(JsonObject object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.forEach((key, value) -> {
            if (value instanceof JsonString s) {
                map.put(key, s.getString());
            }
        });
        return map;
    }
}
