package io.k3j.server.api.store;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.patch.PatchType;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.schema.FieldValidator;
import io.k3j.server.api.status.ApiException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.function.Supplier;

/** Parses request bodies, answering malformed ones with a 400 rather than a 500. */
public final class Bodies {

    private Bodies() {
    }

    /**
     * Parses a JSON body of any shape, such as a patch.
     *
     * @throws ApiException 400 when the body is empty or not JSON
     */
    public static JsonValue parse(byte[] body) {
        return parsing(body, () -> JsonSupport.parse(body));
    }

    /**
     * Decodes a JSON body that must hold one object of a kind, finding its unknown and
     * duplicate fields as Kubernetes's strict decoding does.
     *
     * @throws ApiException 400 when the body is empty, not JSON, or not an object
     */
    public static FieldValidator.Decoded decodeObject(byte[] body, FieldValidator validator) {
        FieldValidator.Decoded decoded = parsing(body, () -> validator.decode(body));
        requireObject(decoded.value());
        return decoded;
    }

    /**
     * Decodes a patch body, handling what Kubernetes's strict decoding finds in the patch itself
     * (duplicate fields; unknown fields of JSON patch operations) as the options' fieldValidation
     * says. The fields a patch adds to the object are checked as the store applies it.
     *
     * @param type the type of the object patched
     * @param name the object patched
     * @throws ApiException 400 when the body is empty or not JSON; 422 when it fails strict validation
     */
    public static JsonValue decodePatch(byte[] body, PatchType patchType, ResourceType type, String name,
            WriteOptions options) {
        FieldValidator.Decoded patch = parsing(body, () -> FieldValidator.decodePatch(patchType, body));
        return FieldValidator.of(type).enforcePatch(patch, name, options.fieldValidation(), options.warnings());
    }

    private static <T> T parsing(byte[] body, Supplier<T> parser) {
        if (body.length == 0) {
            throw ApiException.badRequest("the request body is empty");
        }
        try {
            return parser.get();
        } catch (JsonException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * Parses a body that must be an object, such as a resource.
     *
     * @throws ApiException 400 when the body is not a JSON object
     */
    public static JsonObject parseObject(byte[] body) {
        return requireObject(parse(body));
    }

    /** Checks that a parsed body is an object. */
    private static JsonObject requireObject(JsonValue body) {
        if (!(body instanceof JsonObject object)) {
            throw ApiException.badRequest("the request body must be a JSON object, not "
                    + (body.getValueType() == JsonValue.ValueType.ARRAY ? "an array" : "a " + describe(body)));
        }
        return object;
    }

    private static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case TRUE, FALSE -> "boolean";
            default -> "null";
        };
    }
}
