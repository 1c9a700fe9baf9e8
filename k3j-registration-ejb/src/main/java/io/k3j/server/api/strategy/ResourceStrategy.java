package io.k3j.server.api.strategy;

import io.k3j.server.api.validation.FieldError;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * What one type adds to the generic object store: defaults, server-owned fields, its own
 * validation and its deletion grace period. The store handles metadata for every type.
 */
public interface ResourceStrategy {

    /** Why an object cannot be decoded as this type (wrong JSON types), for a 400. */
    default Optional<String> decodeProblem(JsonObject object) {
        return Optional.empty();
    }

    /** Sets what the server owns on a new object: defaults, initial status. */
    default JsonObject prepareForCreate(JsonObject object) {
        return object;
    }

    /**
     * Adjusts an update: fills defaults and carries over what this write may not change.
     *
     * @param subresource the subresource written, or empty for the main resource
     */
    default JsonObject prepareForUpdate(JsonObject updated, JsonObject old, String subresource) {
        return updated;
    }

    /** The type's own field errors, beyond metadata. */
    default List<FieldError> validate(JsonObject object) {
        return List.of();
    }

    /**
     * The field errors of an update: by default those of the new object.
     *
     * @param subresource the subresource written, or empty for the main resource
     */
    default List<FieldError> validateUpdate(JsonObject updated, JsonObject old, String subresource) {
        return validate(updated);
    }

    /** Whether something besides metadata.finalizers keeps a deleted object, as spec.finalizers keeps a namespace. */
    default boolean holdsDeletion(JsonObject object) {
        return false;
    }

    /**
     * How long a deletion waits before the object may go; 0 deletes it at once (when no
     * finalizer holds it).
     *
     * @param requested the grace period the client asked for
     */
    default long gracePeriodSeconds(JsonObject object, Optional<Long> requested) {
        return 0;
    }
}
