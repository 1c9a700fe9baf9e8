package io.k3j.server.api.strategy;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Namespaces: created Active with the {@code kubernetes} finalizer in spec.finalizers, which
 * only the finalize subresource changes; labelled with their own name.
 */
final class NamespaceStrategy implements ResourceStrategy {

    /** The spec finalizer that holds a namespace until its content is gone. */
    static final String KUBERNETES_FINALIZER = "kubernetes";
    /** The label every namespace carries, holding its name. */
    static final String NAME_LABEL = "kubernetes.io/metadata.name";

    @Override
    public JsonObject prepareForCreate(JsonObject object) {
        JsonObject result = JsonSupport.with(object, JsonSupport.object().add("phase", "Active").build(), "status");
        var finalizers = JsonSupport.arrayAt(result, "spec", "finalizers");
        boolean hasKubernetes = finalizers.stream()
                .anyMatch(v -> v instanceof JsonString s && s.getString().equals(KUBERNETES_FINALIZER));
        if (!hasKubernetes) {
            result = JsonSupport.with(result, JsonSupport.array(finalizers).add(KUBERNETES_FINALIZER).build(),
                    "spec", "finalizers");
        }
        return withNameLabel(result);
    }

    @Override
    public JsonObject prepareForUpdate(JsonObject updated, JsonObject old, String subresource) {
        JsonObject result = updated;
        if (!subresource.equals("finalize")) {
            JsonValue finalizers = JsonSupport.at(old, "spec", "finalizers").orElse(JsonValue.EMPTY_JSON_ARRAY);
            result = JsonSupport.with(result, finalizers, "spec", "finalizers");
        }
        return withNameLabel(result);
    }

    @Override
    public boolean holdsDeletion(JsonObject namespace) {
        return !JsonSupport.arrayAt(namespace, "spec", "finalizers").isEmpty();
    }

    private static JsonObject withNameLabel(JsonObject object) {
        return JsonSupport.with(object, JsonSupport.string(ObjectMeta.name(object)), ObjectMeta.METADATA, "labels", NAME_LABEL);
    }
}
