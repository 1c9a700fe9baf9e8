package io.k3j.server.api.strategy;

import io.k3j.server.api.resource.ResourceType;
import java.util.Map;

/** The strategy of each type; types without special rules get the default one. */
public final class Strategies {

    private static final ResourceStrategy DEFAULT = new ResourceStrategy() {
    };

    private static final Map<String, ResourceStrategy> BY_RESOURCE = Map.of(
            "namespaces", new NamespaceStrategy(),
            "pods", new PodStrategy(),
            "secrets", new SecretStrategy(),
            "configmaps", new ConfigMapStrategy(),
            "services", new ServiceStrategy(),
            "endpoints", new EndpointsStrategy());

    private Strategies() {
    }

    public static ResourceStrategy forType(ResourceType type) {
        return BY_RESOURCE.getOrDefault(type.groupResource(), DEFAULT);
    }
}
