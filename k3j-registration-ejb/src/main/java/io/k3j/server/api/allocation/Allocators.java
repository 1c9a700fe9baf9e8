package io.k3j.server.api.allocation;

import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.spi.datastore.RevisionLog;
import java.time.Clock;
import java.util.Map;

/** The allocator of each type over one revision log; types that reserve nothing get {@link Allocator#NONE}. */
public final class Allocators {

    private final Map<ResourceType, Allocator> byType;

    public Allocators(RevisionLog log, Clock clock) {
        byType = Map.of(ResourceCatalog.SERVICES, new ServiceIpAllocator(log, clock));
    }

    public Allocator forType(ResourceType type) {
        return byType.getOrDefault(type, Allocator.NONE);
    }
}
