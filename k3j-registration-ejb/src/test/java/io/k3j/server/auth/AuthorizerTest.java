package io.k3j.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.TestJson;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.status.ApiException;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizerTest {

    private static final UserInfo N1 = UserInfo.node("n1");

    private final Map<String, JsonObject> pods = Map.of(
            "default/on-n1", TestJson.object("{'spec':{'nodeName':'n1'}}"),
            "default/on-n2", TestJson.object("{'spec':{'nodeName':'n2'}}"),
            "default/pending", TestJson.object("{'spec':{}}"));
    private final Authorizer authorizer = new Authorizer((ns, name) -> Optional.ofNullable(pods.get(ns + "/" + name)));

    @Test
    void mastersMayDoAnything() {
        assertTrue(allowed(UserInfo.ADMIN, "delete", ResourceCatalog.SECRETS, "kube-system", "x", ""));
        assertTrue(authorizer.mayRequestPath(UserInfo.ADMIN, "/v1-k3j/watches"));
    }

    @Test
    void aNodeWritesOnlyItsOwnNode() {
        assertTrue(allowed(N1, "list", ResourceCatalog.NODES, "", "", ""));
        assertTrue(allowed(N1, "get", ResourceCatalog.NODES, "", "n2", ""));
        assertTrue(allowed(N1, "create", ResourceCatalog.NODES, "", "n1", ""));
        assertTrue(allowed(N1, "patch", ResourceCatalog.NODES, "", "n1", "status"));
        assertFalse(allowed(N1, "patch", ResourceCatalog.NODES, "", "n2", "status"));
        assertFalse(allowed(N1, "create", ResourceCatalog.NODES, "", "n2", ""));
        assertFalse(allowed(N1, "delete", ResourceCatalog.NODES, "", "n2", ""));
        assertFalse(allowed(N1, "deletecollection", ResourceCatalog.NODES, "", "", ""));
    }

    @Test
    void aNodeHasOnlyItsOwnLease() {
        assertTrue(allowed(N1, "create", ResourceCatalog.LEASES, "kube-node-lease", "n1", ""));
        assertTrue(allowed(N1, "update", ResourceCatalog.LEASES, "kube-node-lease", "n1", ""));
        assertTrue(allowed(N1, "get", ResourceCatalog.LEASES, "kube-node-lease", "n1", ""));
        assertFalse(allowed(N1, "update", ResourceCatalog.LEASES, "kube-node-lease", "n2", ""));
        assertFalse(allowed(N1, "list", ResourceCatalog.LEASES, "kube-node-lease", "", ""));
        assertFalse(allowed(N1, "create", ResourceCatalog.LEASES, "kube-system", "n1", ""), "leader leases are not its business");
    }

    @Test
    void aNodeModifiesOnlyPodsBoundToIt() {
        assertTrue(allowed(N1, "watch", ResourceCatalog.PODS, "", "", ""));
        assertTrue(allowed(N1, "update", ResourceCatalog.PODS, "default", "on-n1", "status"));
        assertTrue(allowed(N1, "delete", ResourceCatalog.PODS, "default", "on-n1", ""));
        assertFalse(allowed(N1, "update", ResourceCatalog.PODS, "default", "on-n2", "status"));
        assertFalse(allowed(N1, "delete", ResourceCatalog.PODS, "default", "pending", ""));
        assertFalse(allowed(N1, "delete", ResourceCatalog.PODS, "default", "missing", ""));
        assertFalse(allowed(N1, "update", ResourceCatalog.PODS, "default", "on-n1", ""), "only the status");
        assertFalse(allowed(N1, "create", ResourceCatalog.PODS, "default", "p", ""));
    }

    @Test
    void aNodeGetsNoSecretsAndNoConfigMaps() {
        assertFalse(allowed(N1, "get", ResourceCatalog.SECRETS, "kube-system", "n1.node-password.k3j", ""));
        assertFalse(allowed(N1, "list", ResourceCatalog.CONFIG_MAPS, "", "", ""));
        assertTrue(allowed(N1, "create", ResourceCatalog.EVENTS, "default", "e", ""));
        assertTrue(allowed(N1, "get", ResourceCatalog.ENDPOINTS, "default", "kubernetes", ""));
        assertFalse(allowed(N1, "update", ResourceCatalog.ENDPOINTS, "default", "kubernetes", ""));
    }

    @Test
    void refusalsSayWhoCannotDoWhat() {
        ApiException e = assertThrows(ApiException.class, () -> authorizer.check(N1,
                new ResourceAccess("update", ResourceCatalog.NODES, "", "n2", "status")));
        assertEquals(403, e.code());
        assertEquals("nodes \"n2\" is forbidden: User \"system:node:n1\" cannot update resource \"nodes/status\" in API "
                + "group \"\" at the cluster scope: node 'n1' cannot modify node 'n2'", e.getMessage());
        ApiException list = assertThrows(ApiException.class, () -> authorizer.check(N1,
                new ResourceAccess("list", ResourceCatalog.SECRETS, "kube-system", "", "")));
        assertTrue(list.getMessage().startsWith("secrets is forbidden: User \"system:node:n1\" cannot list resource "
                + "\"secrets\" in API group \"\" in the namespace \"kube-system\""), list.getMessage());
    }

    @Test
    void theBootstrapUserMayOnlyRegister() {
        assertTrue(authorizer.mayRequestPath(UserInfo.NODE_BOOTSTRAP, "/v1-k3j/connect"));
        assertTrue(authorizer.mayRequestPath(UserInfo.NODE_BOOTSTRAP.withGroup(UserInfo.AUTHENTICATED), "/v1-k3j/connect"),
                "as authentication hands it over");
        assertTrue(authorizer.mayRequestPath(UserInfo.NODE_BOOTSTRAP, "/cacerts"));
        assertFalse(authorizer.mayRequestPath(UserInfo.NODE_BOOTSTRAP, "/api/v1/nodes"));
        assertFalse(allowed(UserInfo.NODE_BOOTSTRAP, "get", ResourceCatalog.NODES, "", "n1", ""));
        assertTrue(authorizer.mayRequestPath(N1, "/api/v1/nodes"));
        assertTrue(authorizer.mayRequestPath(N1, "/openapi/v3"));
        assertFalse(authorizer.mayRequestPath(N1, "/v1-k3j/watches"));
    }

    private boolean allowed(UserInfo user, String verb, ResourceType type, String namespace, String name, String sub) {
        return authorizer.denial(user, new ResourceAccess(verb, type, namespace, name, sub)).isEmpty();
    }
}
