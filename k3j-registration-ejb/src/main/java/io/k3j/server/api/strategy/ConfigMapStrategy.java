package io.k3j.server.api.strategy;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.validation.FieldError;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** ConfigMaps: string data and base64 binaryData, valid keys, at most 1 MiB, optionally immutable. */
final class ConfigMapStrategy implements ResourceStrategy {

    @Override
    public Optional<String> decodeProblem(JsonObject object) {
        return DataMaps.shapeProblem(object, "data", false).or(() -> DataMaps.shapeProblem(object, "binaryData", true));
    }

    @Override
    public List<FieldError> validate(JsonObject object) {
        List<FieldError> errors = new ArrayList<>();
        long total = DataMaps.checkKeys(object, "data", false, errors)
                + DataMaps.checkKeys(object, "binaryData", true, errors);
        JsonObject binary = JsonSupport.objectAt(object, "binaryData");
        for (String key : JsonSupport.objectAt(object, "data").keySet()) {
            if (binary.containsKey(key)) {
                errors.add(FieldError.invalid("data[" + key + "]", key, "duplicate of key present in binaryData"));
            }
        }
        if (total > DataMaps.MAX_TOTAL_BYTES) {
            errors.add(FieldError.tooLong("[]", DataMaps.MAX_TOTAL_BYTES));
        }
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(JsonObject updated, JsonObject old, String subresource) {
        List<FieldError> errors = new ArrayList<>(validate(updated));
        DataMaps.checkImmutable(updated, old, List.of("data", "binaryData"), errors);
        return errors;
    }
}
