package io.k3j.server.api.patch;

import io.k3j.server.api.json.JsonSupport;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Locale;

/** Applies a patch of any accepted type to an object. */
public final class Patcher {

    private Patcher() {
    }

    /**
     * Applies a patch.
     *
     * @param schema the merge keys of the object's type, for strategic merge patches
     * @throws PatchException when the patch is not of the shape its type needs, or cannot be
     *     applied (a failed JSON patch test, a missing path, a bad directive)
     */
    public static JsonObject apply(PatchType type, JsonObject original, JsonValue patch, PatchSchema schema) {
        return switch (type) {
            case JSON -> applyJsonPatch(original, patch);
            case MERGE -> applyMergePatch(original, patch);
            case STRATEGIC -> {
                if (!(patch instanceof JsonObject object)) {
                    throw new PatchException("a strategic merge patch must be a JSON object, found "
                            + patch.getValueType().name().toLowerCase(Locale.ROOT));
                }
                yield StrategicMergePatch.apply(original, object, schema);
            }
        };
    }

    private static JsonObject applyJsonPatch(JsonObject original, JsonValue patch) {
        if (!(patch instanceof JsonArray operations)) {
            throw new PatchException("a JSON patch must be a list of operations, found "
                    + patch.getValueType().name().toLowerCase(Locale.ROOT));
        }
        JsonValue result;
        try {
            result = JsonSupport.PROVIDER.createPatch(operations).apply(original);
        } catch (RuntimeException e) {
            // JSON-P reports bad operations and failed tests with assorted runtime exceptions
            throw new PatchException("the JSON patch cannot be applied: " + e.getMessage(), e);
        }
        return requireObject(result);
    }

    private static JsonObject applyMergePatch(JsonObject original, JsonValue patch) {
        if (!(patch instanceof JsonObject)) {
            throw new PatchException("a merge patch must be a JSON object, found "
                    + patch.getValueType().name().toLowerCase(Locale.ROOT));
        }
        return requireObject(JsonSupport.PROVIDER.createMergePatch(patch).apply(original));
    }

    private static JsonObject requireObject(JsonValue result) {
        if (!(result instanceof JsonObject object)) {
            throw new PatchException("the patch turned the object into a " + result.getValueType().name().toLowerCase(Locale.ROOT));
        }
        return object;
    }
}
