package io.k3j.server.api.strategy;

import io.k3j.server.api.validation.FieldError;
import io.k3j.server.api.validation.NameRules;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The key/value maps of ConfigMaps and Secrets: their JSON shape, keys, sizes and immutability. */
final class DataMaps {

    /** The most a ConfigMap's or Secret's data may hold. */
    static final long MAX_TOTAL_BYTES = 1024 * 1024;

    private DataMaps() {
    }

    /** Why a field is not an object of strings (of base64 when asked), if it is not. */
    static Optional<String> shapeProblem(JsonObject object, String field, boolean base64) {
        JsonValue value = object.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonObject map)) {
            return Optional.of(field + ": expected an object of strings, found " + value.getValueType().name().toLowerCase(Locale.ROOT));
        }
        for (Map.Entry<String, JsonValue> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof JsonString s)) {
                return Optional.of(field + "[" + entry.getKey() + "]: expected a string");
            }
            if (base64) {
                try {
                    Base64.getDecoder().decode(s.getString());
                } catch (IllegalArgumentException e) {
                    return Optional.of(field + "[" + entry.getKey() + "]: illegal base64 data: " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    /** The keys' syntax, added to {@code errors}; returns the bytes the values hold. */
    static long checkKeys(JsonObject object, String field, boolean base64, List<FieldError> errors) {
        long total = 0;
        if (!(object.get(field) instanceof JsonObject map)) {
            return 0;
        }
        for (Map.Entry<String, JsonValue> entry : map.entrySet()) {
            String key = entry.getKey();
            NameRules.configMapKey(key).forEach(m -> errors.add(FieldError.invalid(field + "[" + key + "]", key, m)));
            String value = ((JsonString) entry.getValue()).getString();
            total += base64 ? Base64.getDecoder().decode(value).length : value.getBytes(StandardCharsets.UTF_8).length;
        }
        return total;
    }

    static boolean isImmutable(JsonObject object) {
        return object.get("immutable") == JsonValue.TRUE;
    }

    /** The errors of changing an object marked immutable, or of unmarking it. */
    static void checkImmutable(JsonObject updated, JsonObject old, List<String> dataFields, List<FieldError> errors) {
        if (!isImmutable(old)) {
            return;
        }
        if (!isImmutable(updated)) {
            errors.add(FieldError.forbidden("immutable", "field is immutable when `immutable` is set"));
        }
        for (String field : dataFields) {
            if (!Objects.equals(old.get(field), updated.get(field))) {
                errors.add(FieldError.forbidden(field, "field is immutable when `immutable` is set"));
            }
        }
    }
}
