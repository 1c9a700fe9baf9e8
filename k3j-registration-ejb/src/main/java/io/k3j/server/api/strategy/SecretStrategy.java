package io.k3j.server.api.strategy;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.validation.FieldError;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Secrets: base64 data, with stringData folded into data on every write (as Kubernetes does,
 * so stringData is never stored), type Opaque by default and immutable, and the keys that the
 * well-known types require.
 */
final class SecretStrategy implements ResourceStrategy {

    static final String OPAQUE = "Opaque";

    private static final Map<String, List<String>> REQUIRED_KEYS = Map.of(
            "kubernetes.io/tls", List.of("tls.crt", "tls.key"),
            "kubernetes.io/dockerconfigjson", List.of(".dockerconfigjson"),
            "kubernetes.io/dockercfg", List.of(".dockercfg"));

    @Override
    public Optional<String> decodeProblem(JsonObject object) {
        JsonValue type = object.get("type");
        if (type != null && type != JsonValue.NULL && !(type instanceof JsonString)) {
            return Optional.of("type: expected a string");
        }
        return DataMaps.shapeProblem(object, "data", true).or(() -> DataMaps.shapeProblem(object, "stringData", false));
    }

    @Override
    public JsonObject prepareForCreate(JsonObject object) {
        JsonObject result = foldStringData(object);
        if (JsonSupport.stringAt(result, "type").orElse("").isEmpty()) {
            result = JsonSupport.with(result, JsonSupport.string(OPAQUE), "type");
        }
        return result;
    }

    @Override
    public JsonObject prepareForUpdate(JsonObject updated, JsonObject old, String subresource) {
        JsonObject result = foldStringData(updated);
        if (JsonSupport.stringAt(result, "type").orElse("").isEmpty()) {
            result = JsonSupport.with(result, JsonSupport.string(JsonSupport.stringAt(old, "type").orElse(OPAQUE)), "type");
        }
        return result;
    }

    @Override
    public List<FieldError> validate(JsonObject object) {
        List<FieldError> errors = new ArrayList<>();
        long total = DataMaps.checkKeys(object, "data", true, errors);
        if (total > DataMaps.MAX_TOTAL_BYTES) {
            errors.add(FieldError.tooLong("data", DataMaps.MAX_TOTAL_BYTES));
        }
        JsonObject data = JsonSupport.objectAt(object, "data");
        for (String key : REQUIRED_KEYS.getOrDefault(JsonSupport.stringAt(object, "type").orElse(""), List.of())) {
            if (!data.containsKey(key)) {
                errors.add(FieldError.required("data[" + key + "]", ""));
            }
        }
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(JsonObject updated, JsonObject old, String subresource) {
        List<FieldError> errors = new ArrayList<>(validate(updated));
        String oldType = JsonSupport.stringAt(old, "type").orElse(OPAQUE);
        String newType = JsonSupport.stringAt(updated, "type").orElse(OPAQUE);
        if (!Objects.equals(oldType, newType)) {
            errors.add(FieldError.invalid("type", newType, "field is immutable"));
        }
        DataMaps.checkImmutable(updated, old, List.of("data"), errors);
        return errors;
    }

    /** Moves stringData into data, base64-encoded; stringData wins over data for a shared key. */
    private static JsonObject foldStringData(JsonObject object) {
        JsonObject stringData = JsonSupport.objectAt(object, "stringData");
        if (!object.containsKey("stringData")) {
            return object;
        }
        JsonObjectBuilder data = JsonSupport.object(JsonSupport.objectAt(object, "data"));
        stringData.forEach((key, value) -> data.add(key, Base64.getEncoder().encodeToString(
                ((JsonString) value).getString().getBytes(StandardCharsets.UTF_8))));
        JsonObject folded = JsonSupport.without(object, "stringData");
        return JsonSupport.with(folded, data.build(), "data");
    }
}
