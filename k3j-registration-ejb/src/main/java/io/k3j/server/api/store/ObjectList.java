package io.k3j.server.api.store;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.resource.ResourceType;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list.
 *
 * @param type the type listed
 * @param items the objects, in key order (namespace, then name)
 * @param resourceVersion the revision the page was read at
 * @param continueToken the token for the next page, if more objects may follow
 */
public record ObjectList(ResourceType type, List<JsonObject> items, String resourceVersion, Optional<String> continueToken) {

    public ObjectList {
        Objects.requireNonNull(type, "type");
        items = List.copyOf(items);
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        Objects.requireNonNull(continueToken, "continueToken");
    }

    /** The list as Kubernetes serializes it: {@code {"kind":"ConfigMapList","apiVersion":"v1","metadata":{...},"items":[...]}}. */
    public JsonObject toJson() {
        JsonObjectBuilder metadata = JsonSupport.object().add("resourceVersion", resourceVersion);
        continueToken.ifPresent(token -> metadata.add("continue", token));
        JsonArrayBuilder array = JsonSupport.array();
        items.forEach(array::add);
        return JsonSupport.object()
                .add("kind", type.listKind())
                .add("apiVersion", type.apiVersion())
                .add("metadata", metadata)
                .add("items", array)
                .build();
    }
}
