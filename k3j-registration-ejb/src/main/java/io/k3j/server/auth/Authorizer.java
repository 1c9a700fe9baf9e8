package io.k3j.server.auth;

import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.status.ApiException;
import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Decides what an authenticated user may do, after the {@link Authenticator} said who it is: the
 * one place of authorization. {@code system:masters} may do everything. A node may do what its
 * kubelet needs and no more, as Kubernetes' Node authorizer and NodeRestriction admission allow:
 * read nodes, pods, services and endpoints, and write only its own Node, its own Lease in {@code kube-node-lease}, events, and the
 * status of Pods bound to it; it gets no Secrets or ConfigMaps yet (no workload runs on nodes).
 * An agent that presented the cluster token may only register.
 */
public final class Authorizer {

    /** Where nodes keep their heartbeat Leases. */
    public static final String NODE_LEASE_NAMESPACE = "kube-node-lease";

    /** The registration WebSocket. */
    public static final String CONNECT_PATH = "/v1-k3j/connect";

    private static final String SUPERVISOR_PREFIX = "/v1-k3j/";
    private static final Set<ResourceType> NODE_READABLE = Set.of(ResourceCatalog.NODES, ResourceCatalog.PODS,
            ResourceCatalog.SERVICES, ResourceCatalog.ENDPOINTS);

    private final BiFunction<String, String, Optional<JsonObject>> pods;

    /** @param pods finds a pod by namespace and name, to see which node it is bound to */
    public Authorizer(BiFunction<String, String, Optional<JsonObject>> pods) {
        this.pods = pods;
    }

    /**
     * Whether the user may request a path at all; resource requests then pass {@link #check} as
     * well. Discovery, OpenAPI and the version are open to every authenticated user, as Kubernetes'
     * {@code system:discovery} role opens them; the supervisor paths under {@code /v1-k3j/} to
     * masters only, but for registration, which is the bootstrap user's one permission.
     */
    public boolean mayRequestPath(UserInfo user, String path) {
        if (user.isMaster() || Authenticator.PUBLIC_PATHS.contains(path)) {
            return true;
        }
        if (user.isNodeBootstrap()) {
            return path.equals(CONNECT_PATH);
        }
        return !path.startsWith(SUPERVISOR_PREFIX);
    }

    /** Refuses a resource request that the user may not make, with 403 Forbidden as Kubernetes words it. */
    public void check(UserInfo user, ResourceAccess access) {
        Optional<String> denial = denial(user, access);
        if (denial.isPresent()) {
            throw ApiException.forbidden(access.type(), access.name(), "User \"" + user.name() + "\" cannot "
                    + access.verb() + " resource \"" + resourceName(access) + "\" in API group \"" + access.type().group()
                    + "\" " + (access.namespace().isEmpty() ? "at the cluster scope" : "in the namespace \""
                    + access.namespace() + "\"") + ": " + denial.get());
        }
    }

    /** Why the request is refused; empty when it is allowed. */
    Optional<String> denial(UserInfo user, ResourceAccess access) {
        if (user.isMaster()) {
            return Optional.empty();
        }
        Optional<String> node = user.nodeName();
        if (node.isEmpty()) {
            return Optional.of("no rule allows it");
        }
        return nodeDenial(node.get(), access);
    }

    private Optional<String> nodeDenial(String node, ResourceAccess access) {
        ResourceType type = access.type();
        if (access.isRead() && NODE_READABLE.contains(type)) {
            return Optional.empty();
        }
        if (type.equals(ResourceCatalog.NODES) && access.isWrite()) {
            return access.name().equals(node) ? Optional.empty()
                    : Optional.of("node '" + node + "' cannot modify node '" + access.name() + "'");
        }
        if (type.equals(ResourceCatalog.LEASES) && access.namespace().equals(NODE_LEASE_NAMESPACE)
                && (access.isWrite() || access.verb().equals(ResourceAccess.GET))) {
            return access.name().equals(node) ? Optional.empty()
                    : Optional.of("node '" + node + "' can only access its own lease");
        }
        if (type.equals(ResourceCatalog.EVENTS) && (access.verb().equals(ResourceAccess.CREATE)
                || access.verb().equals(ResourceAccess.UPDATE) || access.verb().equals(ResourceAccess.PATCH))) {
            return Optional.empty();
        }
        if (type.equals(ResourceCatalog.PODS) && !access.name().isEmpty()
                && (access.verb().equals(ResourceAccess.DELETE) || access.subresource().equals("status"))
                && access.isWrite()) {
            return boundTo(access.namespace(), access.name()).filter(node::equals).isPresent() ? Optional.empty()
                    : Optional.of("node '" + node + "' can only modify pods bound to it");
        }
        return Optional.of("node '" + node + "' has no access to " + resourceName(access));
    }

    private Optional<String> boundTo(String namespace, String pod) {
        return pods.apply(namespace, pod).map(object -> object.getJsonObject("spec"))
                .filter(spec -> spec != null && spec.containsKey("nodeName"))
                .map(spec -> spec.getString("nodeName", ""));
    }

    private static String resourceName(ResourceAccess access) {
        return access.subresource().isEmpty() ? access.type().plural() : access.type().plural() + "/" + access.subresource();
    }
}
