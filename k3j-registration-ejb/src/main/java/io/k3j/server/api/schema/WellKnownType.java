package io.k3j.server.api.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.k3j.server.api.json.JsonSupport;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;

/**
 * The Kubernetes messages whose JSON form is not an object of their proto fields. Every
 * translation between protobuf, JSON and OpenAPI decides these shapes here.
 */
public enum WellKnownType {
    /** {@code seconds}, {@code nanos}; JSON: an RFC 3339 string in seconds. */
    TIME("k8s.io.apimachinery.pkg.apis.meta.v1.Time"),
    /** {@code seconds}, {@code nanos}; JSON: an RFC 3339 string in microseconds. */
    MICRO_TIME("k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime"),
    /** {@code string}; JSON: that string, such as "100m" or "1Gi". */
    QUANTITY("k8s.io.apimachinery.pkg.api.resource.Quantity"),
    /** {@code type}, {@code intVal}, {@code strVal}; JSON: a number or a string. */
    INT_OR_STRING("k8s.io.apimachinery.pkg.util.intstr.IntOrString"),
    /** {@code raw}: JSON bytes; JSON: that value embedded. */
    RAW_EXTENSION("k8s.io.apimachinery.pkg.runtime.RawExtension"),
    /** {@code Raw}: JSON text of a managed-fields set; JSON: that value embedded. */
    FIELDS_V1("k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1");

    /** Go's RFC3339Micro, in UTC as Kubernetes writes a MicroTime. */
    private static final DateTimeFormatter RFC3339_MICRO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

    private final String fullName;

    WellKnownType(String fullName) {
        this.fullName = fullName;
    }

    public String fullName() {
        return fullName;
    }

    public static Optional<WellKnownType> of(Descriptor message) {
        return Arrays.stream(values()).filter(type -> type.fullName.equals(message.getFullName())).findFirst();
    }

    /**
     * The JSON form of a message of this type; empty for the zero values JSON leaves out, as Go
     * writes null for a zero Time (protobuf: an empty message) and for a RawExtension without raw.
     *
     * @throws jakarta.json.JsonException when a RawExtension or FieldsV1 does not hold JSON
     */
    public Optional<JsonValue> toJson(Message message) {
        return switch (this) {
            // Kubernetes drops the nanos of a Time read from protobuf: JSON has only seconds
            case TIME -> instant(message, false).map(t -> JsonSupport.string(DateTimeFormatter.ISO_INSTANT.format(t)));
            case MICRO_TIME -> instant(message, true).map(t -> JsonSupport.string(RFC3339_MICRO.format(t)));
            case QUANTITY -> Optional.of(JsonSupport.string(quantity((String) field(message, "string"))));
            case INT_OR_STRING -> Optional.of((Long) field(message, "type") == 1
                    ? JsonSupport.string((String) field(message, "strVal"))
                    : JsonSupport.number((Integer) field(message, "intVal")));
            case RAW_EXTENSION -> embeddedJson((ByteString) field(message, "raw"));
            case FIELDS_V1 -> embeddedJson((ByteString) field(message, "Raw"));
        };
    }

    /**
     * The OpenAPI v3 schema of this type's JSON form, as Kubernetes publishes it: a date-time
     * string, a string or number for a Quantity, an integer or string for an IntOrString, any
     * object for embedded JSON.
     */
    public JsonObject openApiSchema() {
        return switch (this) {
            case TIME -> scalar("string").add("format", "date-time")
                    .add("description", "A time in RFC 3339 form, in seconds.").build();
            case MICRO_TIME -> scalar("string").add("format", "date-time")
                    .add("description", "A time in RFC 3339 form, in microseconds.").build();
            case QUANTITY -> JsonSupport.object()
                    .add("oneOf", JsonSupport.array().add(scalar("string")).add(scalar("number")))
                    .add("description", "A fixed-point number, such as 100m or 1Gi.").build();
            case INT_OR_STRING -> JsonSupport.object().add("format", "int-or-string")
                    .add("oneOf", JsonSupport.array().add(scalar("integer")).add(scalar("string")))
                    .add("description", "An integer or a string, such as 8080 or http.").build();
            case RAW_EXTENSION -> scalar("object").add("description", "An embedded object.").build();
            case FIELDS_V1 -> scalar("object").add("description", "A set of fields, as managed fields record them.").build();
        };
    }

    /**
     * The schema of this type's JSON form in OpenAPI v2 (Swagger), as Kubernetes publishes it
     * there, where a schema has one type: a Quantity and an IntOrString are strings.
     */
    public JsonObject openApiV2Schema() {
        JsonObjectBuilder schema = JsonSupport.object(openApiSchema()).remove("oneOf");
        return switch (this) {
            case QUANTITY, INT_OR_STRING -> schema.add("type", "string").build();
            case TIME, MICRO_TIME, RAW_EXTENSION, FIELDS_V1 -> schema.build();
        };
    }

    private static JsonObjectBuilder scalar(String type) {
        return JsonSupport.object().add("type", type);
    }

    private static Optional<Instant> instant(Message time, boolean micros) {
        if (time.getAllFields().isEmpty()) {
            return Optional.empty();
        }
        long seconds = (Long) field(time, "seconds");
        int nanos = micros ? (Integer) field(time, "nanos") / 1000 * 1000 : 0;
        return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    }

    /** Go's zero Quantity reads "0". */
    private static String quantity(String value) {
        return value.isEmpty() ? "0" : value;
    }

    private static Optional<JsonValue> embeddedJson(ByteString raw) {
        return raw.isEmpty() ? Optional.empty() : Optional.of(JsonSupport.parse(raw.toByteArray()));
    }

    /** A field's value, or its default when unset. */
    private static Object field(Message message, String name) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        return message.getField(field);
    }
}
