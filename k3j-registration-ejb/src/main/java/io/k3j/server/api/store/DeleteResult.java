package io.k3j.server.api.store;

import jakarta.json.JsonObject;
import java.util.Objects;

/**
 * What a delete did.
 *
 * @param object the object: as it was last stored when deleted, or as marked for deletion
 * @param deleted true when the object is gone, false when it waits for finalizers or a grace period
 */
public record DeleteResult(JsonObject object, boolean deleted) {

    public DeleteResult {
        Objects.requireNonNull(object, "object");
    }
}
