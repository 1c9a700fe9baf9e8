package io.k3j.server.api.table;

import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import java.util.Map;
import java.util.Optional;

/** The printer of each served type. */
final class TablePrinters {

    private static final Map<ResourceType, TypePrinter> PRINTERS = Map.of(
            ResourceCatalog.NAMESPACES, new NamespacePrinter(),
            ResourceCatalog.NODES, new NodePrinter(),
            ResourceCatalog.SECRETS, new SecretPrinter(),
            ResourceCatalog.CONFIG_MAPS, new ConfigMapPrinter(),
            ResourceCatalog.PODS, new PodPrinter(),
            ResourceCatalog.EVENTS, new EventPrinter(),
            ResourceCatalog.SERVICE_ACCOUNTS, new ServiceAccountPrinter(),
            ResourceCatalog.SERVICES, new ServicePrinter(),
            ResourceCatalog.ENDPOINTS, new EndpointsPrinter(),
            ResourceCatalog.LEASES, new LeasePrinter());

    private TablePrinters() {
    }

    static Optional<TypePrinter> of(ResourceType type) {
        return Optional.ofNullable(PRINTERS.get(type));
    }
}
