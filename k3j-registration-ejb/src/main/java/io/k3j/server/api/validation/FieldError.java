package io.k3j.server.api.validation;

import io.k3j.server.api.json.JsonSupport;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One problem with one field, worded as Kubernetes words it:
 * {@code metadata.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain must ...}.
 *
 * @param type what kind of problem
 * @param field the dotted path of the field, such as {@code metadata.labels}
 * @param value the offending value, if the message shows one
 * @param detail what is wrong, possibly empty
 */
public record FieldError(Type type, String field, Optional<JsonValue> value, String detail) {

    /** The kinds of field problems, with Kubernetes's cause reason and wording. */
    public enum Type {
        REQUIRED("FieldValueRequired", "Required value"),
        INVALID("FieldValueInvalid", "Invalid value"),
        DUPLICATE("FieldValueDuplicate", "Duplicate value"),
        NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
        FORBIDDEN("FieldValueForbidden", "Forbidden"),
        TOO_LONG("FieldValueTooLong", "Too long");

        private final String reason;
        private final String words;

        Type(String reason, String words) {
            this.reason = reason;
            this.words = words;
        }

        /** The reason of a Status cause, such as {@code FieldValueInvalid}. */
        public String reason() {
            return reason;
        }
    }

    public FieldError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(detail, "detail");
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(Type.REQUIRED, field, Optional.empty(), detail);
    }

    public static FieldError invalid(String field, JsonValue value, String detail) {
        return new FieldError(Type.INVALID, field, Optional.of(value), detail);
    }

    public static FieldError invalid(String field, String value, String detail) {
        return invalid(field, JsonSupport.string(value), detail);
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(Type.FORBIDDEN, field, Optional.empty(), detail);
    }

    public static FieldError tooLong(String field, long maxBytes) {
        return new FieldError(Type.TOO_LONG, field, Optional.empty(), "must have at most " + maxBytes + " bytes");
    }

    public static FieldError notSupported(String field, String value, List<String> supported) {
        return new FieldError(Type.NOT_SUPPORTED, field, Optional.of(JsonSupport.string(value)),
                "supported values: " + supported.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", ")));
    }

    /** The message without the field, as a Status cause carries it: {@code Invalid value: "x": ...}. */
    public String causeMessage() {
        StringBuilder message = new StringBuilder(type.words);
        value.ifPresent(v -> message.append(": ").append(render(v)));
        if (!detail.isEmpty()) {
            message.append(": ").append(detail);
        }
        return message.toString();
    }

    /** The whole message: {@code field: Invalid value: "x": ...}. */
    public String message() {
        return field + ": " + causeMessage();
    }

    private static String render(JsonValue value) {
        return value instanceof JsonString s ? quote(s.getString()) : value.toString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String toString() {
        return message();
    }
}
