package io.k3j.server.endpoints;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import io.k3j.server.api.store.DeleteOptions;
import io.k3j.server.api.store.ListOptions;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.api.store.WriteOptions;
import io.k3j.server.net.Ipv4Cidr;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Keeps one server's address in the endpoints of Service {@code default/kubernetes}, as
 * Kubernetes's lease endpoint reconciler does: each server renews a Lease of its own in
 * {@code kube-system} ({@code k3j-apiserver-<id>}, holder {@code <ip>:<port>}), and each pass
 * of any server writes the addresses of the unexpired leases to the endpoints, deleting the
 * expired ones, so that a server that died drops out within one lease duration. Every write
 * names the resourceVersion it read and is retried on a conflict, so two servers never lose
 * each other's address. Safe for use by one thread at a time per instance.
 */
public final class ApiServerEndpoints {

    public static final String NAMESPACE = "default";
    public static final String NAME = "kubernetes";
    public static final String LEASE_NAMESPACE = "kube-system";
    /** Marks the servers' endpoint leases, to list them apart from other leases. */
    public static final String LEASE_LABEL = "k3j.io/apiserver-endpoint";
    public static final String PORT_NAME = "https";

    private static final Logger LOG = Logger.getLogger(ApiServerEndpoints.class.getName());
    private static final String LEASE_PREFIX = "k3j-apiserver-";
    private static final int SERVICE_PORT = 443;
    private static final int ATTEMPTS = 16;
    private static final int SERVICE_WAITS = 20;
    private static final Duration SERVICE_WAIT = Duration.ofMillis(50);
    /** Kubernetes's MicroTime: RFC 3339 in microseconds, in UTC. */
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);
    private static final Set<Reason> RACES = Set.of(Reason.CONFLICT, Reason.ALREADY_EXISTS, Reason.NOT_FOUND);

    private final ObjectStore store;
    private final ServerAddress self;
    private final Ipv4Cidr serviceCidr;
    private final long leaseSeconds;
    private final Clock clock;

    /**
     * @param self where this server is reached
     * @param serviceCidr the service range, whose first address Service {@code kubernetes} gets
     * @param leaseDuration how long this server's address outlives its last renewal; whole seconds, at least one
     */
    public ApiServerEndpoints(ObjectStore store, ServerAddress self, Ipv4Cidr serviceCidr, Duration leaseDuration,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.self = Objects.requireNonNull(self, "self");
        this.serviceCidr = Objects.requireNonNull(serviceCidr, "serviceCidr");
        this.leaseSeconds = Math.max(1, (leaseDuration.toMillis() + 999) / 1000);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ServerAddress self() {
        return self;
    }

    /**
     * The API servers' URLs as the endpoints of Service {@code kubernetes} list them, such as
     * {@code https://10.0.0.5:6443}, sorted; read from the store, so every server answers the same.
     */
    public static List<String> serverUrls(ObjectStore store) {
        return store.find(ResourceCatalog.ENDPOINTS, NAMESPACE, NAME).map(ApiServerEndpoints::addresses)
                .orElse(List.of()).stream().map(ServerAddress::url).toList();
    }

    /** The addresses of an Endpoints object's ready addresses on its https port (or its only port), sorted. */
    static List<ServerAddress> addresses(JsonObject endpoints) {
        Set<ServerAddress> addresses = new TreeSet<>();
        for (JsonValue value : JsonSupport.arrayAt(endpoints, "subsets")) {
            if (!(value instanceof JsonObject subset)) {
                continue;
            }
            List<JsonObject> ports = objects(JsonSupport.arrayAt(subset, "ports"));
            for (JsonObject port : ports) {
                boolean https = JsonSupport.stringAt(port, "name").orElse("").equals(PORT_NAME) || ports.size() == 1;
                if (https && port.get("port") instanceof JsonNumber number) {
                    for (JsonObject address : objects(JsonSupport.arrayAt(subset, "addresses"))) {
                        JsonSupport.stringAt(address, "ip")
                                .ifPresent(ip -> addresses.add(new ServerAddress(ip, number.intValue())));
                    }
                }
            }
        }
        return List.copyOf(addresses);
    }

    // ---- the service

    /**
     * Creates Service {@code default/kubernetes} when it is missing (first start, or deleted by
     * someone): the first address of the service range, port 443 to this server's port.
     */
    public void ensureService() {
        if (store.find(ResourceCatalog.SERVICES, NAMESPACE, NAME).isPresent()) {
            return;
        }
        JsonObject service = JsonSupport.object()
                .add(ObjectMeta.METADATA, JsonSupport.object()
                        .add("name", NAME)
                        .add("namespace", NAMESPACE)
                        .add("labels", JsonSupport.object().add("component", "apiserver").add("provider", "kubernetes")))
                .add("spec", JsonSupport.object()
                        .add("type", "ClusterIP")
                        .add("clusterIP", Ipv4Cidr.format(serviceCidr.address(1)))
                        .add("sessionAffinity", "None")
                        .add("ports", JsonSupport.array().add(JsonSupport.object()
                                .add("name", PORT_NAME)
                                .add("port", SERVICE_PORT)
                                .add("protocol", "TCP")
                                .add("targetPort", self.port()))))
                .build();
        try {
            store.create(ResourceCatalog.SERVICES, NAMESPACE, service, WriteOptions.DEFAULT);
            LOG.info("created Service " + NAMESPACE + "/" + NAME + " at " + Ipv4Cidr.format(serviceCidr.address(1)));
        } catch (ApiException e) {
            // another server starting at the same time creates it: it exists, or its address is
            // reserved and the Service follows in a moment
            if (!awaitService()) {
                throw e;
            }
        }
    }

    private boolean awaitService() {
        for (int wait = 0; wait < SERVICE_WAITS; wait++) {
            if (store.find(ResourceCatalog.SERVICES, NAMESPACE, NAME).isPresent()) {
                return true;
            }
            try {
                Thread.sleep(SERVICE_WAIT.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    // ---- the endpoints

    /** One pass: renews this server's lease, then writes the live servers' addresses, this one among them. */
    public void reconcile() {
        renewLease();
        writeEndpoints(true);
    }

    /** On a clean shutdown: gives up this server's lease and removes its address at once. */
    public void remove() {
        String name = leaseName(self);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<JsonObject> lease = store.find(ResourceCatalog.LEASES, LEASE_NAMESPACE, name);
            if (lease.isEmpty() || deleteLease(lease.get())) {
                break;
            }
        }
        writeEndpoints(false);
    }

    private void renewLease() {
        String name = leaseName(self);
        String now = MICRO_TIME.format(clock.instant());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<JsonObject> current = store.find(ResourceCatalog.LEASES, LEASE_NAMESPACE, name);
            JsonObject spec = JsonSupport.object()
                    .add("holderIdentity", self.toString())
                    .add("leaseDurationSeconds", leaseSeconds)
                    .add("acquireTime", current.flatMap(l -> JsonSupport.stringAt(l, "spec", "acquireTime")).orElse(now))
                    .add("renewTime", now)
                    .build();
            try {
                if (current.isEmpty()) {
                    JsonObject metadata = JsonSupport.object().add("name", name).add("namespace", LEASE_NAMESPACE)
                            .add("labels", JsonSupport.object().add(LEASE_LABEL, "true")).build();
                    store.create(ResourceCatalog.LEASES, LEASE_NAMESPACE, JsonSupport.object()
                            .add(ObjectMeta.METADATA, metadata).add("spec", spec).build(), WriteOptions.DEFAULT);
                } else {
                    // the read resourceVersion stays in the body: a precondition
                    store.update(ResourceCatalog.LEASES, LEASE_NAMESPACE, name, "",
                            JsonSupport.with(current.get(), spec, "spec"), WriteOptions.DEFAULT);
                }
                return;
            } catch (ApiException e) {
                requireRace(e);
            }
        }
        throw ApiException.modified(ResourceCatalog.LEASES, name);
    }

    /**
     * Writes the addresses of the live leases, with or without this server's, reading the
     * endpoints and the leases again after every conflict. The endpoints are read before the
     * leases: a server that wrote its address before that read had renewed its lease before, so
     * the list has it; one that writes after it makes this write conflict.
     */
    private void writeEndpoints(boolean withSelf) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<JsonObject> current = store.find(ResourceCatalog.ENDPOINTS, NAMESPACE, NAME);
            Set<ServerAddress> live = liveAddresses();
            if (withSelf) {
                live.add(self);
            } else {
                live.remove(self);
            }
            JsonArray subsets = subsets(live);
            try {
                if (current.isEmpty()) {
                    JsonObject metadata = JsonSupport.object().add("name", NAME).add("namespace", NAMESPACE)
                            // as Kubernetes: no EndpointSlice mirrors these endpoints
                            .add("labels", JsonSupport.object().add("endpointslice.kubernetes.io/skip-mirror", "true"))
                            .build();
                    store.create(ResourceCatalog.ENDPOINTS, NAMESPACE, JsonSupport.object()
                            .add(ObjectMeta.METADATA, metadata).add("subsets", subsets).build(), WriteOptions.DEFAULT);
                } else if (!JsonSupport.arrayAt(current.get(), "subsets").equals(subsets)) {
                    store.update(ResourceCatalog.ENDPOINTS, NAMESPACE, NAME, "",
                            JsonSupport.with(current.get(), subsets, "subsets"), WriteOptions.DEFAULT);
                }
                return;
            } catch (ApiException e) {
                requireRace(e);
            }
        }
        throw ApiException.modified(ResourceCatalog.ENDPOINTS, NAME);
    }

    /** The addresses of the servers whose leases have not expired; expired leases are deleted. */
    private Set<ServerAddress> liveAddresses() {
        Set<ServerAddress> live = new TreeSet<>();
        Instant now = clock.instant();
        ListOptions servers = ListOptions.all().withLabelSelector(LEASE_LABEL + "=true");
        for (JsonObject lease : store.list(ResourceCatalog.LEASES, LEASE_NAMESPACE, servers).items()) {
            Optional<ServerAddress> address = holder(lease);
            Optional<Instant> expiry = expiry(lease);
            if (address.isPresent() && expiry.isPresent() && expiry.get().isAfter(now)) {
                live.add(address.get());
            } else if (deleteLease(lease)) {
                LOG.info("server " + address.map(ServerAddress::toString).orElse(ObjectMeta.name(lease))
                        + " stopped renewing its lease; its address leaves the endpoints of Service " + NAME);
            } else if (store.find(ResourceCatalog.LEASES, LEASE_NAMESPACE, ObjectMeta.name(lease)).isPresent()) {
                address.ifPresent(live::add); // renewed just now
            }
        }
        return live;
    }

    /** Deletes a lease as read; false when it changed or went meanwhile. */
    private boolean deleteLease(JsonObject lease) {
        try {
            store.delete(ResourceCatalog.LEASES, LEASE_NAMESPACE, ObjectMeta.name(lease), DeleteOptions.defaults()
                    .withPreconditions(Optional.empty(), Optional.of(ObjectMeta.resourceVersion(lease))));
            return true;
        } catch (ApiException e) {
            requireRace(e);
            return false;
        }
    }

    private static Optional<ServerAddress> holder(JsonObject lease) {
        try {
            return JsonSupport.stringAt(lease, "spec", "holderIdentity").map(ServerAddress::parse);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> expiry(JsonObject lease) {
        Optional<Long> seconds = JsonSupport.at(lease, "spec", "leaseDurationSeconds")
                .filter(v -> v instanceof JsonNumber).map(v -> ((JsonNumber) v).longValue());
        try {
            return JsonSupport.stringAt(lease, "spec", "renewTime").map(Instant::parse)
                    .flatMap(renewed -> seconds.map(renewed::plusSeconds));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** One subset per port (normally one), addresses in order, port named https. */
    private static JsonArray subsets(Set<ServerAddress> live) {
        Map<Integer, JsonArrayBuilder> byPort = new TreeMap<>();
        for (ServerAddress address : live) {
            byPort.computeIfAbsent(address.port(), p -> JsonSupport.array())
                    .add(JsonSupport.object().add("ip", address.ip()));
        }
        JsonArrayBuilder subsets = JsonSupport.array();
        byPort.forEach((port, addresses) -> subsets.add(JsonSupport.object()
                .add("addresses", addresses)
                .add("ports", JsonSupport.array().add(JsonSupport.object()
                        .add("name", PORT_NAME).add("port", port).add("protocol", "TCP")))));
        return subsets.build();
    }

    /** The lease name of a server: stable for its address, so that a restarted server takes its lease back. */
    static String leaseName(ServerAddress address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(address.toString().getBytes(StandardCharsets.UTF_8));
            return LEASE_PREFIX + HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A conflict with another server's write is retried; anything else is not. */
    private static void requireRace(ApiException e) {
        if (!RACES.contains(e.reason())) {
            throw e;
        }
    }

    private static List<JsonObject> objects(JsonArray array) {
        return array.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject).toList();
    }
}
