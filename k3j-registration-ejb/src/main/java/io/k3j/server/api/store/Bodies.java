package io.k3j.server.api.store;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.status.ApiException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

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
        if (body.length == 0) {
            throw ApiException.badRequest("the request body is empty");
        }
        try {
            return JsonSupport.parse(body);
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
    public static JsonObject requireObject(JsonValue body) {
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
