package io.k3j.server.api.table;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Cell values as Kubernetes's printers write them. */
final class Cells {

    /** What a printer shows for a value that is not set. */
    static final String NONE = "<none>";
    static final String UNKNOWN = "<unknown>";

    private Cells() {
    }

    static JsonValue text(String value) {
        return JsonSupport.string(value);
    }

    static JsonValue number(long value) {
        return JsonSupport.number(value);
    }

    /** The value, or the placeholder when it is empty. */
    static String orElse(String value, String placeholder) {
        return value.isEmpty() ? placeholder : value;
    }

    /** The string at a path, or "" when absent. */
    static String string(JsonObject object, String... path) {
        return JsonSupport.stringAt(object, path).orElse("");
    }

    /** The number at a path, or 0 when absent. */
    static long number(JsonObject object, String... path) {
        return JsonSupport.at(object, path).filter(v -> v.getValueType() == JsonValue.ValueType.NUMBER)
                .map(v -> ((JsonNumber) v).longValue()).orElse(0L);
    }

    /** The object's age, such as {@code 5m}. */
    static JsonValue age(JsonObject object, Instant now) {
        return text(since(ObjectMeta.string(object, "creationTimestamp"), now));
    }

    /** The time since an RFC 3339 timestamp, as kubectl shows ages; {@code <unknown>} when unset. */
    static String since(String timestamp, Instant now) {
        return instant(timestamp).map(then -> since(then, now)).orElse(UNKNOWN);
    }

    static String since(Instant then, Instant now) {
        return HumanDuration.format(Duration.between(then, now));
    }

    /** An RFC 3339 timestamp ({@code Time} or {@code MicroTime}); empty when unset or malformed. */
    static Optional<Instant> instant(String timestamp) {
        if (timestamp.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(timestamp).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
