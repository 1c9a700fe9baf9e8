package io.k3j.api.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.status.ApiException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    private final Discovery discovery = new Discovery(ResourceCatalog.builtIn());

    @Test
    void apiListsTheCoreVersionAndTheAddressClientsUsed() {
        JsonObject api = discovery.apiVersions("127.0.0.1:6443");

        assertEquals("APIVersions", api.getString("kind"));
        assertEquals(List.of("v1"), api.getJsonArray("versions").getValuesAs(JsonString::getString));
        JsonObject address = api.getJsonArray("serverAddressByClientCIDRs").getJsonObject(0);
        assertEquals("0.0.0.0/0", address.getString("clientCIDR"));
        assertEquals("127.0.0.1:6443", address.getString("serverAddress"));
    }

    @Test
    void coreResourceListDescribesEachTypeAndItsSubresources() {
        JsonObject list = discovery.resourceList("", "v1");

        assertEquals("APIResourceList", list.getString("kind"));
        assertEquals("v1", list.getString("groupVersion"));
        JsonObject configMaps = resource(list, "configmaps");
        assertEquals("configmap", configMaps.getString("singularName"));
        assertTrue(configMaps.getBoolean("namespaced"));
        assertEquals("ConfigMap", configMaps.getString("kind"));
        assertEquals(List.of("cm"), configMaps.getJsonArray("shortNames").getValuesAs(JsonString::getString));
        assertTrue(configMaps.getJsonArray("verbs").getValuesAs(JsonString::getString).contains("watch"));
        assertFalse(resource(list, "nodes").getBoolean("namespaced"));
        assertEquals("Binding", resource(list, "pods/binding").getString("kind"));
        assertEquals(List.of("get", "patch", "update"),
                resource(list, "nodes/status").getJsonArray("verbs").getValuesAs(JsonString::getString));
        assertFalse(resource(list, "secrets").containsKey("shortNames"));
        assertTrue(list.getJsonArray("resources").stream().noneMatch(r -> r.asJsonObject().getString("name").equals("leases")));
    }

    @Test
    void groupListHasCoordinationWithItsPreferredVersion() {
        JsonObject groups = discovery.groupList();

        assertEquals("APIGroupList", groups.getString("kind"));
        assertEquals(1, groups.getJsonArray("groups").size());
        JsonObject coordination = groups.getJsonArray("groups").getJsonObject(0);
        assertEquals("coordination.k8s.io", coordination.getString("name"));
        assertEquals("coordination.k8s.io/v1", coordination.getJsonObject("preferredVersion").getString("groupVersion"));
        assertEquals("v1", coordination.getJsonArray("versions").getJsonObject(0).getString("version"));
        assertEquals("APIGroup", discovery.group("coordination.k8s.io").getString("kind"));
    }

    @Test
    void groupVersionListsItsResources() {
        JsonObject list = discovery.resourceList("coordination.k8s.io", "v1");

        assertEquals("coordination.k8s.io/v1", list.getString("groupVersion"));
        assertEquals("Lease", resource(list, "leases").getString("kind"));
    }

    @Test
    void unknownGroupsAndVersionsAreNotFound() {
        assertEquals(404, assertThrows(ApiException.class, () -> discovery.group("apps")).code());
        assertEquals(404, assertThrows(ApiException.class, () -> discovery.resourceList("", "v2")).code());
        assertEquals(404, assertThrows(ApiException.class, () -> discovery.resourceList("apps", "v1")).code());
    }

    private static JsonObject resource(JsonObject list, String name) {
        return list.getJsonArray("resources").stream().map(JsonObject.class::cast)
                .filter(r -> r.getString("name").equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }
}
