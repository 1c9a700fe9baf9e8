package io.k3j.api.kube;

import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.status.ApiException;

/**
 * What a resource URL names.
 *
 * @param type the resource type
 * @param namespace the namespace, empty for cluster-scoped types and all-namespace lists
 * @param name the object's name, empty for a collection
 * @param subresource the subresource, empty for the object itself
 */
public record Target(ResourceType type, String namespace, String name, String subresource) {

    /**
     * Resolves the segments of a URL under a group version; 404 for a resource the server does not have.
     * {@code namespaces/<ns>/<plural>} is ambiguous: it also names a namespace's own subresource
     * ({@code namespaces/x/status}, {@code namespaces/x/finalize}), as in Kubernetes.
     */
    public static Target resolve(ResourceCatalog catalog, String group, String version, String namespace,
            String plural, String name, String subresource) {
        var type = catalog.byResource(group, version, plural);
        if (type.isEmpty() && !namespace.isEmpty() && name.isEmpty() && subresource.isEmpty()
                && catalog.byResource(group, version, ResourceCatalog.NAMESPACES.plural()).isPresent()
                && ResourceCatalog.NAMESPACES.hasSubresource(plural)) {
            return new Target(ResourceCatalog.NAMESPACES, "", namespace, plural);
        }
        ResourceType resolved = type.orElseThrow(ApiException::resourceNotFound);
        if (!subresource.isEmpty() && !resolved.hasSubresource(subresource)) {
            throw ApiException.resourceNotFound();
        }
        return new Target(resolved, namespace, name, subresource);
    }
}
