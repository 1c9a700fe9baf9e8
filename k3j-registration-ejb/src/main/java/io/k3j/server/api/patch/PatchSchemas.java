package io.k3j.server.api.patch;

import static io.k3j.server.api.patch.PatchSchema.mergeList;
import static io.k3j.server.api.patch.PatchSchema.object;
import static io.k3j.server.api.patch.PatchSchema.set;

import io.k3j.server.api.resource.ResourceType;
import java.util.Map;

/**
 * The strategic merge schemas of the built-in types, transcribed from the patchStrategy and
 * patchMergeKey tags of Kubernetes's core/v1 Go types. Lists not named here (tolerations,
 * taints, container statuses...) are atomic there too and are replaced.
 */
public final class PatchSchemas {

    /** ObjectMeta: finalizers form a set, owner references merge by uid. */
    public static final PatchSchema OBJECT_META = object(Map.of(
            "finalizers", set(),
            "ownerReferences", mergeList("uid")));

    private static final Map<String, PatchSchema> CONTAINER_FIELDS = Map.of(
            "ports", mergeList("containerPort"),
            "env", mergeList("name"),
            "volumeMounts", mergeList("mountPath"),
            "volumeDevices", mergeList("devicePath"));

    /** PodSpec; also the template of workload types (spec.template.spec). */
    public static final PatchSchema POD_SPEC = object(Map.of(
            "containers", mergeList("name", CONTAINER_FIELDS),
            "initContainers", mergeList("name", CONTAINER_FIELDS),
            "ephemeralContainers", mergeList("name", CONTAINER_FIELDS),
            "volumes", mergeList("name"),
            "imagePullSecrets", mergeList("name"),
            "hostAliases", mergeList("ip"),
            "topologySpreadConstraints", mergeList("topologyKey"),
            "schedulingGates", mergeList("name"),
            "resourceClaims", mergeList("name")));

    public static final PatchSchema POD_STATUS = object(Map.of(
            "conditions", mergeList("type"),
            "podIPs", mergeList("ip"),
            "hostIPs", mergeList("ip"),
            "resourceClaimStatuses", mergeList("name")));

    public static final PatchSchema POD = object(Map.of(
            "metadata", OBJECT_META,
            "spec", POD_SPEC,
            "status", POD_STATUS));

    public static final PatchSchema NODE = object(Map.of(
            "metadata", OBJECT_META,
            "spec", object(Map.of("podCIDRs", set())),
            "status", object(Map.of(
                    "conditions", mergeList("type"),
                    "addresses", mergeList("type")))));

    public static final PatchSchema NAMESPACE = object(Map.of(
            "metadata", OBJECT_META,
            "status", object(Map.of("conditions", mergeList("type")))));

    public static final PatchSchema SERVICE_ACCOUNT = object(Map.of(
            "metadata", OBJECT_META,
            "secrets", mergeList("name")));

    /** Service ports merge by port number; clusterIPs and load balancer ingress are atomic. */
    public static final PatchSchema SERVICE = object(Map.of(
            "metadata", OBJECT_META,
            "spec", object(Map.of("ports", mergeList("port"))),
            "status", object(Map.of("conditions", mergeList("type")))));

    /**
     * Any other type: only its metadata has merge keys. Endpoints are among them: their subsets
     * carry no patch strategy in Kubernetes, so a patch replaces the whole list.
     */
    public static final PatchSchema GENERIC = object(Map.of("metadata", OBJECT_META));

    private static final Map<String, PatchSchema> BY_RESOURCE = Map.of(
            "pods", POD,
            "nodes", NODE,
            "namespaces", NAMESPACE,
            "serviceaccounts", SERVICE_ACCOUNT,
            "services", SERVICE);

    private PatchSchemas() {
    }

    public static PatchSchema forType(ResourceType type) {
        return BY_RESOURCE.getOrDefault(type.groupResource(), GENERIC);
    }
}
