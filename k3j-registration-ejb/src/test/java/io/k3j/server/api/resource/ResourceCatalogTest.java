package io.k3j.server.api.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourceCatalogTest {

    private final ResourceCatalog catalog = ResourceCatalog.builtIn();

    @Test
    void holdsTheTypesOfTheIssue() {
        assertEquals(List.of("namespaces", "nodes", "secrets", "configmaps", "pods", "events", "serviceaccounts",
                "services", "endpoints"),
                catalog.groupVersion("", "v1").stream().map(ResourceType::plural).toList());
        assertEquals(List.of("leases"),
                catalog.groupVersion("coordination.k8s.io", "v1").stream().map(ResourceType::plural).toList());
        assertEquals(List.of("v1", "coordination.k8s.io/v1"), catalog.apiVersions());
    }

    @Test
    void findsTypesByResourceKindAndShortName() {
        assertEquals(Optional.of(ResourceCatalog.PODS), catalog.byResource("", "v1", "pods"));
        assertEquals(Optional.empty(), catalog.byResource("", "v2", "pods"));
        assertEquals(Optional.of(ResourceCatalog.LEASES), catalog.byKind("coordination.k8s.io/v1", "Lease"));
        assertEquals(Optional.empty(), catalog.byKind("v1", "Lease"));
        assertEquals(Optional.of(ResourceCatalog.CONFIG_MAPS), catalog.byShortName("cm"));
        assertEquals(Optional.of(ResourceCatalog.NODES), catalog.byShortName("no"));
        assertEquals(Optional.of(ResourceCatalog.NAMESPACES), catalog.byShortName("ns"));
        assertEquals(Optional.of(ResourceCatalog.PODS), catalog.byShortName("po"));
        assertEquals(Optional.of(ResourceCatalog.EVENTS), catalog.byShortName("ev"));
        assertEquals(Optional.of(ResourceCatalog.SERVICE_ACCOUNTS), catalog.byShortName("sa"));
        assertEquals(Optional.of(ResourceCatalog.SERVICES), catalog.byShortName("svc"));
        assertEquals(Optional.of(ResourceCatalog.ENDPOINTS), catalog.byShortName("ep"));
    }

    @Test
    void resolvesNamesAsKubectlDoes() {
        assertEquals(Optional.of(ResourceCatalog.CONFIG_MAPS), catalog.resolve("ConfigMap"));
        assertEquals(Optional.of(ResourceCatalog.CONFIG_MAPS), catalog.resolve("configmap"));
        assertEquals(Optional.of(ResourceCatalog.LEASES), catalog.resolve("leases.coordination.k8s.io"));
        assertEquals(Optional.of(ResourceCatalog.PODS), catalog.resolve("po"));
        assertEquals(Optional.empty(), catalog.resolve("deployments"));
    }

    @Test
    void keysFollowKubernetesLayout() {
        assertEquals("/registry/configmaps/default/a", ResourceCatalog.CONFIG_MAPS.key("default", "a"));
        assertEquals("/registry/nodes/n1", ResourceCatalog.NODES.key("", "n1"));
        assertEquals("/registry/leases/kube-node-lease/n1", ResourceCatalog.LEASES.key("kube-node-lease", "n1"));
        assertEquals("/registry/pods/default/", ResourceCatalog.PODS.prefix("default"));
        assertEquals("/registry/pods/", ResourceCatalog.PODS.prefix(""));
        assertEquals("/registry/namespaces/", ResourceCatalog.NAMESPACES.prefix(""));
    }

    @Test
    void describesScopeVerbsAndSubresources() {
        assertFalse(ResourceCatalog.NODES.namespaced());
        assertTrue(ResourceCatalog.PODS.namespaced());
        assertFalse(ResourceCatalog.NAMESPACES.verbs().contains("deletecollection"));
        assertTrue(ResourceCatalog.PODS.hasStatusSubresource());
        assertTrue(ResourceCatalog.PODS.hasSubresource("binding"));
        assertFalse(ResourceCatalog.CONFIG_MAPS.hasStatusSubresource());
        assertEquals("leases.coordination.k8s.io", ResourceCatalog.LEASES.groupResource());
        assertEquals("coordination.k8s.io/v1", ResourceCatalog.LEASES.apiVersion());
        assertEquals("PodList", ResourceCatalog.PODS.listKind());
        assertTrue(ResourceCatalog.PODS.selects("spec.nodeName"));
        assertTrue(ResourceCatalog.CONFIG_MAPS.selects("metadata.name"));
        assertFalse(ResourceCatalog.CONFIG_MAPS.selects("spec.nodeName"));
        assertEquals(List.of("all"), ResourceCatalog.PODS.categories());
        assertEquals(List.of("all"), ResourceCatalog.SERVICES.categories());
        assertTrue(ResourceCatalog.SERVICES.hasStatusSubresource());
        assertTrue(ResourceCatalog.SERVICES.selects("spec.clusterIP"));
        assertEquals("EndpointsList", ResourceCatalog.ENDPOINTS.listKind());
        assertTrue(ResourceCatalog.ENDPOINTS.createOnUpdate());
    }

    @Test
    void aCatalogRefusesDuplicates() {
        assertThrows(IllegalArgumentException.class,
                () -> new ResourceCatalog(List.of(ResourceCatalog.PODS, ResourceCatalog.PODS)));
    }
}
