package io.k3j.server.api.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.schema.KubeMessages;
import io.k3j.server.api.schema.WellKnownType;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON form of a Kubernetes protobuf message, as the Go types write it: fields in message
 * order, map keys sorted, bytes in base64, int64 as numbers, the {@linkplain WellKnownType
 * special messages} in their own shapes and {@linkplain KubeMessages#isInline inline} fields
 * merged into their parent.
 *
 * <p>A field is present as on the wire (proto2 keeps presence), except empty strings and bytes:
 * Go's encoder writes every non-pointer field, and Go's JSON leaves those empty values out, so
 * they read as absent (a Secret's {@code type: ""} would otherwise defeat its default). Zero
 * numbers and false stay, since for pointer fields ({@code terminationGracePeriodSeconds: 0},
 * {@code automountServiceAccountToken: false}) they differ from absent, and for the other fields
 * they mean the same as absent to every reader.
 */
final class MessageJson {

    private MessageJson() {
    }

    /**
     * Adds the fields of a message to an object being built.
     *
     * @throws jakarta.json.JsonException when an embedded JSON value (RawExtension, FieldsV1) is not JSON
     * @throws NumberFormatException for a floating point field that is not a number JSON can hold
     */
    static JsonObjectBuilder addFields(Message message, JsonObjectBuilder out) {
        message.getAllFields().forEach((field, value) -> {
            if (KubeMessages.isInline(field)) {
                addFields((Message) value, out);
            } else if (field.isMapField()) {
                out.add(field.getName(), map((List<?>) value));
            } else if (field.isRepeated()) {
                JsonArrayBuilder array = JsonSupport.array();
                ((List<?>) value).forEach(element -> array.add(element(field, element)));
                out.add(field.getName(), array);
            } else {
                single(field, value).ifPresent(json -> out.add(field.getName(), json));
            }
        });
        return out;
    }

    private static JsonObject object(Message message) {
        return addFields(message, JsonSupport.object()).build();
    }

    /** A map field arrives as its entries, each a message of key and value. */
    private static JsonObject map(List<?> entries) {
        Map<String, JsonValue> sorted = new TreeMap<>();
        for (Object entry : entries) {
            Message pair = (Message) entry;
            FieldDescriptor key = pair.getDescriptorForType().findFieldByNumber(1);
            FieldDescriptor value = pair.getDescriptorForType().findFieldByNumber(2);
            sorted.put(String.valueOf(pair.getField(key)), element(value, pair.getField(value)));
        }
        JsonObjectBuilder object = JsonSupport.object();
        sorted.forEach(object::add);
        return object.build();
    }

    /** A singular field's value; empty when JSON leaves it out. */
    private static Optional<JsonValue> single(FieldDescriptor field, Object value) {
        if (value instanceof Message message) {
            return WellKnownType.of(field.getMessageType()).map(type -> type.toJson(message))
                    .orElseGet(() -> Optional.of(object(message)));
        }
        if (value instanceof String text && text.isEmpty() || value instanceof ByteString bytes && bytes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(scalar(value));
    }

    /** A list element or map value: always written, null where a special message is zero. */
    private static JsonValue element(FieldDescriptor field, Object value) {
        if (value instanceof Message message) {
            return WellKnownType.of(field.getMessageType()).map(type -> type.toJson(message).orElse(JsonValue.NULL))
                    .orElseGet(() -> object(message));
        }
        return scalar(value);
    }

    private static JsonValue scalar(Object value) {
        if (value instanceof String text) {
            return JsonSupport.string(text);
        }
        if (value instanceof ByteString bytes) {
            return JsonSupport.string(Base64.getEncoder().encodeToString(bytes.toByteArray()));
        }
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long) {
            return JsonSupport.number(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return JsonSupport.PROVIDER.createValue(number.doubleValue());
        }
        return JsonSupport.string(((EnumValueDescriptor) value).getName());
    }
}
