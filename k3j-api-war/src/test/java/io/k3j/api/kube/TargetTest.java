package io.k3j.api.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.status.ApiException;
import org.junit.jupiter.api.Test;

class TargetTest {

    private final ResourceCatalog catalog = ResourceCatalog.builtIn();

    @Test
    void resolvesNamespacedObjectsAndSubresources() {
        assertEquals(new Target(ResourceCatalog.PODS, "default", "web", "status"),
                Target.resolve(catalog, "", "v1", "default", "pods", "web", "status"));
        assertEquals(new Target(ResourceCatalog.LEASES, "kube-node-lease", "", ""),
                Target.resolve(catalog, "coordination.k8s.io", "v1", "kube-node-lease", "leases", "", ""));
    }

    @Test
    void namespaceSubresourcesShareTheShapeOfNamespacedCollections() {
        assertEquals(new Target(ResourceCatalog.NAMESPACES, "", "team", "finalize"),
                Target.resolve(catalog, "", "v1", "team", "finalize", "", ""));
        assertEquals(new Target(ResourceCatalog.NAMESPACES, "", "team", "status"),
                Target.resolve(catalog, "", "v1", "team", "status", "", ""));
    }

    @Test
    void unknownResourcesSubresourcesAndGroupsAreNotFound() {
        assertEquals(404, assertThrows(ApiException.class,
                () -> Target.resolve(catalog, "", "v1", "", "widgets", "", "")).code());
        assertEquals(404, assertThrows(ApiException.class,
                () -> Target.resolve(catalog, "", "v1", "default", "configmaps", "x", "status")).code());
        assertEquals(404, assertThrows(ApiException.class,
                () -> Target.resolve(catalog, "apps", "v1", "", "leases", "", "")).code());
        assertEquals(404, assertThrows(ApiException.class,
                () -> Target.resolve(catalog, "coordination.k8s.io", "v1", "team", "status", "", "")).code());
    }
}
