package io.k3j.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.store.DeleteOptions;
import io.k3j.server.net.Ipv4Cidr;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PodCidrAllocatorTest extends NodeControllerTestBase {

    @Test
    void everyNodeGetsItsOwnRange() {
        PodCidrAllocator allocator = new PodCidrAllocator(store, Ipv4Cidr.parse("10.42.0.0/16"), 24);
        for (int i = 0; i < 5; i++) {
            createNode("n" + i);
        }
        allocator.allocate(nodes());
        Set<String> ranges = nodes().stream().map(node -> PodCidrAllocator.podCidr(node).orElseThrow())
                .collect(Collectors.toSet());
        assertEquals(Set.of("10.42.0.0/24", "10.42.1.0/24", "10.42.2.0/24", "10.42.3.0/24", "10.42.4.0/24"), ranges);
        assertEquals("10.42.0.0/24", node("n0").getJsonObject("spec").getJsonArray("podCIDRs").getString(0));
        allocator.allocate(nodes());
        assertEquals(ranges, nodes().stream().map(node -> PodCidrAllocator.podCidr(node).orElseThrow())
                .collect(Collectors.toSet()), "a second pass changes nothing");
    }

    @Test
    void aDeletedNodesRangeIsFreeAgain() {
        PodCidrAllocator allocator = new PodCidrAllocator(store, Ipv4Cidr.parse("10.42.0.0/16"), 24);
        createNode("a");
        createNode("b");
        allocator.allocate(nodes());
        String ofA = PodCidrAllocator.podCidr(node("a")).orElseThrow();
        store.delete(ResourceCatalog.NODES, "", "a", DeleteOptions.defaults());
        createNode("c");
        allocator.allocate(nodes());
        assertEquals(ofA, PodCidrAllocator.podCidr(node("c")).orElseThrow());
    }

    @Test
    void aFullRangeLeavesNodesWaiting() {
        PodCidrAllocator allocator = new PodCidrAllocator(store, Ipv4Cidr.parse("10.42.0.0/23"), 24);
        createNode("a");
        createNode("b");
        createNode("c");
        allocator.allocate(nodes());
        assertEquals(Optional.empty(), PodCidrAllocator.podCidr(node("c")));
        assertTrue(PodCidrAllocator.podCidr(node("b")).isPresent());
        store.delete(ResourceCatalog.NODES, "", "a", DeleteOptions.defaults());
        allocator.allocate(nodes());
        assertEquals("10.42.0.0/24", PodCidrAllocator.podCidr(node("c")).orElseThrow());
    }
}
