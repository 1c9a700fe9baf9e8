package io.k3j.server.api.store;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.resource.ResourceType.Subresource;
import io.k3j.server.api.status.ApiException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The namespace controller's job: empties namespaces being deleted and then removes them. Each
 * call does one pass; objects that wait for finalizers or a grace period keep their namespace
 * until a later pass finds them gone. Meant to be called periodically.
 */
public final class NamespaceCleaner {

    private static final Logger LOG = Logger.getLogger(NamespaceCleaner.class.getName());

    private final ObjectStore store;
    private final ResourceCatalog catalog;

    public NamespaceCleaner(ObjectStore store, ResourceCatalog catalog) {
        this.store = Objects.requireNonNull(store, "store");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * One pass over every namespace being deleted.
     *
     * @return the namespaces removed in this pass
     */
    public List<String> cleanAll() {
        List<String> removed = new ArrayList<>();
        for (JsonObject namespace : store.list(ResourceCatalog.NAMESPACES, "", ListOptions.all()).items()) {
            String name = ObjectMeta.name(namespace);
            if (ObjectMeta.deletionTimestamp(namespace).isPresent()) {
                try {
                    if (clean(name)) {
                        removed.add(name);
                    }
                } catch (ApiException e) {
                    LOG.warning("cannot clean namespace " + name + " yet: " + e.getMessage());
                }
            }
        }
        return removed;
    }

    /**
     * Deletes what a namespace being deleted holds; when nothing is left, clears its spec
     * finalizers and deletes it. Does nothing to a namespace that is not being deleted.
     *
     * @return whether the namespace is gone
     */
    public boolean clean(String namespace) {
        Optional<JsonObject> found = store.find(ResourceCatalog.NAMESPACES, "", namespace);
        if (found.isEmpty()) {
            return true;
        }
        if (ObjectMeta.deletionTimestamp(found.get()).isEmpty()) {
            return false;
        }
        int remaining = 0;
        for (ResourceType type : catalog.namespaced()) {
            if (type.verbs().contains("deletecollection")) {
                store.deleteCollection(type, namespace, ListOptions.all(), DeleteOptions.defaults());
            }
            remaining += store.list(type, namespace, ListOptions.all()).items().size();
        }
        if (remaining > 0) {
            LOG.fine(() -> "namespace " + namespace + " still holds objects being deleted");
            return false;
        }
        JsonObject finalized = JsonSupport.with(ObjectMeta.without(found.get(), "resourceVersion"),
                JsonValue.EMPTY_JSON_ARRAY, "spec", "finalizers");
        store.update(ResourceCatalog.NAMESPACES, "", namespace, Subresource.FINALIZE, finalized, WriteOptions.DEFAULT);
        boolean deleted = store.delete(ResourceCatalog.NAMESPACES, "", namespace, DeleteOptions.defaults()).deleted();
        if (deleted) {
            LOG.info(() -> "namespace " + namespace + " deleted");
        }
        return deleted;
    }
}
