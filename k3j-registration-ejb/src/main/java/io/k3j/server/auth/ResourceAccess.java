package io.k3j.server.auth;

import io.k3j.server.api.resource.ResourceType;
import java.util.Objects;

/**
 * What a request asks to do to a resource, in Kubernetes's authorization terms.
 *
 * @param verb get, list, watch, create, update, patch, delete or deletecollection
 * @param type the resource
 * @param namespace empty for cluster-scoped resources and requests across all namespaces
 * @param name the object's name; for a create, the name in the body; empty for collections
 * @param subresource such as {@code status}; empty for the object itself
 */
public record ResourceAccess(String verb, ResourceType type, String namespace, String name, String subresource) {

    public static final String GET = "get";
    public static final String LIST = "list";
    public static final String WATCH = "watch";
    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String PATCH = "patch";
    public static final String DELETE = "delete";
    public static final String DELETE_COLLECTION = "deletecollection";

    public ResourceAccess {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subresource, "subresource");
    }

    /** Whether the verb only reads. */
    public boolean isRead() {
        return verb.equals(GET) || verb.equals(LIST) || verb.equals(WATCH);
    }

    /** Whether the verb changes the object itself: create, update, patch or delete. */
    public boolean isWrite() {
        return verb.equals(CREATE) || verb.equals(UPDATE) || verb.equals(PATCH) || verb.equals(DELETE);
    }
}
