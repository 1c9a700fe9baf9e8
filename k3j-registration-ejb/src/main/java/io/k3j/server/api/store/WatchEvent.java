package io.k3j.server.api.store;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.status.Status;
import jakarta.json.JsonObject;
import java.util.Objects;

/**
 * One event of a watch, as Kubernetes streams it: {@code {"type":"ADDED","object":{...}}}.
 *
 * @param type what happened
 * @param object the object; for a BOOKMARK only its kind, apiVersion and resourceVersion; for an
 *     ERROR a Status
 */
public record WatchEvent(Type type, JsonObject object) {

    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }

    public WatchEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(object, "object");
    }

    public static WatchEvent error(Status status) {
        return new WatchEvent(Type.ERROR, status.toJson());
    }

    public JsonObject toJson() {
        return JsonSupport.object().add("type", type.name()).add("object", object).build();
    }
}
