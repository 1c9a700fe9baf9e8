package io.k3j.server.node;

import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.api.store.WriteOptions;
import io.k3j.server.api.patch.PatchType;
import io.k3j.server.net.Ipv4Cidr;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Gives every node a /24 of the cluster's pod range in {@code spec.podCIDR}, as Kubernetes'
 * node IPAM controller does for K3s: the lowest range that no node holds. A range is free again
 * once its node is deleted, since the nodes themselves are the record of what is taken.
 */
final class PodCidrAllocator {

    private static final Logger LOG = Logger.getLogger(PodCidrAllocator.class.getName());

    private final ObjectStore store;
    private final Ipv4Cidr clusterCidr;
    private final int nodeCidrPrefix;
    private final Set<String> reportedFull = new HashSet<>();

    PodCidrAllocator(ObjectStore store, Ipv4Cidr clusterCidr, int nodeCidrPrefix) {
        this.store = store;
        this.clusterCidr = clusterCidr;
        this.nodeCidrPrefix = nodeCidrPrefix;
    }

    /** One pass over all nodes: each node without a range gets one. */
    void allocate(List<JsonObject> nodes) {
        Set<String> taken = new HashSet<>();
        nodes.forEach(node -> podCidr(node).ifPresent(taken::add));
        List<JsonObject> waiting = nodes.stream().filter(node -> podCidr(node).isEmpty())
                .sorted(Comparator.comparing((JsonObject node) -> ObjectMeta.string(node, "creationTimestamp"))
                        .thenComparing(ObjectMeta::name))
                .toList();
        long step = 1L << (32 - nodeCidrPrefix);
        long offset = 0;
        for (JsonObject node : waiting) {
            while (offset < clusterCidr.size() && taken.contains(range(offset))) {
                offset += step;
            }
            String name = ObjectMeta.name(node);
            if (offset >= clusterCidr.size()) {
                if (reportedFull.add(name)) {
                    LOG.warning("node " + name + ": no pod CIDR left in " + clusterCidr + "; give the servers a wider --cluster-cidr");
                }
                continue;
            }
            String cidr = range(offset);
            if (assign(node, cidr)) {
                taken.add(cidr);
                offset += step;
                LOG.info("node " + name + ": pod CIDR " + cidr);
            }
        }
        reportedFull.retainAll(waiting.stream().map(ObjectMeta::name).toList());
    }

    /** Sets the node's range, if the node is unchanged since it was listed; a changed node waits for the next pass. */
    private boolean assign(JsonObject node, String cidr) {
        JsonObject patch = Json.createObjectBuilder()
                .add(ObjectMeta.METADATA, Json.createObjectBuilder().add("resourceVersion", ObjectMeta.resourceVersion(node)))
                .add("spec", Json.createObjectBuilder().add("podCIDR", cidr).add("podCIDRs", Json.createArrayBuilder().add(cidr)))
                .build();
        try {
            store.patch(ResourceCatalog.NODES, "", ObjectMeta.name(node), "", PatchType.MERGE, patch, WriteOptions.DEFAULT);
            return true;
        } catch (ApiException changedOrGone) {
            return false;
        }
    }

    private String range(long offset) {
        return Ipv4Cidr.format(clusterCidr.address(offset)) + "/" + nodeCidrPrefix;
    }

    static Optional<String> podCidr(JsonObject node) {
        JsonObject spec = node.getJsonObject("spec");
        return spec == null ? Optional.empty() : Optional.ofNullable(spec.getString("podCIDR", null)).filter(c -> !c.isEmpty());
    }
}
