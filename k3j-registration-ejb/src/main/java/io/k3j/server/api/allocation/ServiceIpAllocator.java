package io.k3j.server.api.allocation;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.validation.FieldError;
import io.k3j.server.config.ServerConfig;
import io.k3j.server.net.Ipv4Cidr;
import io.k3j.spi.datastore.DatastoreException;
import io.k3j.spi.datastore.KeyExistsException;
import io.k3j.spi.datastore.KeyNotFoundException;
import io.k3j.spi.datastore.KeyValue;
import io.k3j.spi.datastore.Page;
import io.k3j.spi.datastore.RevisionConflictException;
import io.k3j.spi.datastore.RevisionLog;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.logging.Logger;

/**
 * The cluster IPs of Services, from the service CIDR. Each allocated address is a key of its
 * own, {@code /registry/ipaddresses/<ip>}, holding an {@code IPAddress} object that names its
 * Service, as Kubernetes's IPAddress allocator keeps them: the key is created only if absent,
 * so concurrent creates on servers sharing one datastore never get one address twice. The range
 * itself is kept at {@code /registry/ranges/serviceips}, where every server's startup records
 * its {@code --service-cidr}.
 *
 * <p>Addresses asked for go first-come; addresses handed out are picked at random from the
 * upper part of the range, leaving its start (the first 1/16, 16 to 256 addresses) to Services
 * that ask for a fixed address, such as {@code kubernetes} with the first one (KEP-3070).
 */
public final class ServiceIpAllocator implements Allocator {

    public static final String RANGE_KEY = "/registry/ranges/serviceips";
    public static final String ADDRESS_PREFIX = "/registry/ipaddresses/";
    public static final Ipv4Cidr DEFAULT_RANGE = Ipv4Cidr.parse(ServerConfig.DEFAULT_SERVICE_CIDR);

    private static final Logger LOG = Logger.getLogger(ServiceIpAllocator.class.getName());
    private static final String HEADLESS = "None";
    private static final String EXTERNAL_NAME = "ExternalName";
    private static final String MANAGED_BY = "ipaddress.kubernetes.io/managed-by";
    private static final String ALLOCATOR_NAME = "ipallocator.k3j.io";
    private static final int LIST_CHUNK = 500;

    private final RevisionLog log;
    private final Clock clock;

    public ServiceIpAllocator(RevisionLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- the range

    /**
     * Records the range this server was configured with; a server started later with another
     * range replaces it, and Services keep the addresses they hold.
     */
    public void useRange(Ipv4Cidr range) {
        byte[] value = JsonSupport.toBytes(JsonSupport.object()
                .add("apiVersion", "v1")
                .add("kind", "RangeAllocation")
                .add(ObjectMeta.METADATA, JsonSupport.object().add("name", "serviceips"))
                .add("range", range.toString())
                .build());
        for (int attempt = 0; attempt < 8; attempt++) {
            Optional<KeyValue> stored = log.get(RANGE_KEY);
            try {
                if (stored.isEmpty()) {
                    log.create(RANGE_KEY, value);
                    return;
                }
                Optional<Ipv4Cidr> current = storedRange(stored.get());
                if (current.equals(Optional.of(range))) {
                    return;
                }
                LOG.warning("the service CIDR changes from " + current.map(Ipv4Cidr::toString).orElse("(unreadable)")
                        + " to " + range + "; Services keep the cluster IPs they have");
                log.update(RANGE_KEY, value, stored.get().modRevision());
                return;
            } catch (KeyExistsException | RevisionConflictException | KeyNotFoundException e) {
                // another server wrote it meanwhile: look again
            }
        }
        throw new DatastoreException("the service IP range kept changing while it was being recorded");
    }

    /** The range in force: the recorded one, else the default. */
    public Ipv4Cidr range() {
        return log.get(RANGE_KEY).map(kv -> storedRange(kv).orElseThrow(() -> ApiException.internal(
                "the service IP range at " + RANGE_KEY + " is unreadable", null))).orElse(DEFAULT_RANGE);
    }

    private static Optional<Ipv4Cidr> storedRange(KeyValue kv) {
        try {
            return JsonSupport.stringAt(JsonSupport.parse(kv.value()).asJsonObject(), "range").map(Ipv4Cidr::parse);
        } catch (JsonException | ClassCastException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // ---- allocation

    @Override
    public Allocation allocate(JsonObject service, Optional<JsonObject> current, boolean dryRun) {
        String requested = clusterIp(service);
        if (!needsClusterIp(service) || requested.equals(HEADLESS)) {
            return Allocation.nothing(service);
        }
        boolean held = !requested.isEmpty() && current.filter(ServiceIpAllocator::needsClusterIp)
                .map(ServiceIpAllocator::clusterIp).filter(requested::equals).isPresent();
        if (held) {
            return Allocation.nothing(service);
        }
        Owner owner = Owner.of(service);
        Ipv4Cidr range = range();
        int address;
        if (requested.isEmpty()) {
            // a dry run picks an address without reserving it, as Kubernetes's dry-run allocator
            address = anyFree(range, ip -> dryRun || reserve(ip, owner));
        } else {
            address = inRange(service, requested, range);
            boolean taken = dryRun ? log.get(key(address)).isPresent() : !reserve(address, owner);
            if (taken) {
                throw invalid(service, requested, "failed to allocate IP " + requested + ": provided IP is already allocated");
            }
        }
        String ip = Ipv4Cidr.format(address);
        JsonObject allocated = JsonSupport.with(service, JsonSupport.string(ip), "spec", "clusterIP");
        allocated = JsonSupport.with(allocated, JsonSupport.array().add(ip).build(), "spec", "clusterIPs");
        return new Allocation(allocated, dryRun ? () -> { } : () -> release(address, owner));
    }

    @Override
    public void release(JsonObject held, Optional<JsonObject> kept) {
        Optional<Integer> address = address(held);
        if (address.isPresent() && !kept.flatMap(ServiceIpAllocator::address).equals(address)) {
            release(address.get(), Owner.of(held));
        }
    }

    /** The address a service asks for, when it lies in the range and is neither its network nor broadcast address. */
    private static int inRange(JsonObject service, String requested, Ipv4Cidr range) {
        Optional<Integer> address = Ipv4Cidr.parseAddress(requested);
        if (address.isEmpty() || !range.contains(address.get()) || range.offset(address.get()) == 0
                || range.offset(address.get()) == range.size() - 1) {
            throw invalid(service, requested, "failed to allocate IP " + requested + ": the provided IP (" + requested
                    + ") is not in the valid range. The range of valid IPs is " + range);
        }
        return address.get();
    }

    private static ApiException invalid(JsonObject service, String requested, String detail) {
        return ApiException.invalid(ResourceCatalog.SERVICES, ObjectMeta.name(service), List.of(FieldError.invalid(
                "spec.clusterIPs", JsonSupport.array().add(requested).build(), detail)));
    }

    /**
     * A free address, from the upper part of the range first; {@code take} tries to reserve it
     * and answers whether it did, as another server may be faster.
     */
    private int anyFree(Ipv4Cidr range, IntPredicate take) {
        Set<Integer> allocated = allocatedIn(range);
        long usable = range.size() - 2;
        long staticBand = Math.min(staticBand(range.size()), usable);
        long[][] bands = {{staticBand, usable}, {0, staticBand}};
        for (long[] band : bands) {
            long length = band[1] - band[0];
            if (length <= 0) {
                continue;
            }
            long start = ThreadLocalRandom.current().nextLong(length);
            for (long i = 0; i < length; i++) {
                int candidate = range.address(1 + band[0] + (start + i) % length);
                if (!allocated.contains(candidate) && take.test(candidate)) {
                    return candidate;
                }
            }
        }
        throw ApiException.internal("failed to allocate a serviceIP: the service IP range " + range + " is full", null);
    }

    /** Kubernetes's calculateRangeOffset: the addresses at the start of a range kept for Services asking for them. */
    static long staticBand(long rangeSize) {
        if (rangeSize < 16) {
            return 0;
        }
        return Math.max(16, Math.min(256, rangeSize / 16));
    }

    private Set<Integer> allocatedIn(Ipv4Cidr range) {
        Set<Integer> allocated = new HashSet<>();
        forEachKey(ADDRESS_PREFIX, kv -> Ipv4Cidr.parseAddress(kv.key().substring(ADDRESS_PREFIX.length()))
                .filter(range::contains).ifPresent(allocated::add));
        return allocated;
    }

    /** Creates the address's key if absent; whether it did. */
    private boolean reserve(int address, Owner owner) {
        try {
            log.create(key(address), JsonSupport.toBytes(ipAddress(address, owner)));
            return true;
        } catch (KeyExistsException e) {
            return false;
        }
    }

    private JsonObject ipAddress(int address, Owner owner) {
        String ip = Ipv4Cidr.format(address);
        return JsonSupport.object()
                .add("apiVersion", "networking.k8s.io/v1")
                .add("kind", "IPAddress")
                .add(ObjectMeta.METADATA, JsonSupport.object()
                        .add("name", ip)
                        .add("creationTimestamp", DateTimeFormatter.ISO_INSTANT.format(
                                clock.instant().truncatedTo(ChronoUnit.SECONDS)))
                        .add("labels", JsonSupport.object().add(MANAGED_BY, ALLOCATOR_NAME)
                                .add("ipaddress.kubernetes.io/ip-family", "IPv4")))
                .add("spec", JsonSupport.object().add("parentRef", JsonSupport.object()
                        .add("group", "")
                        .add("resource", ResourceCatalog.SERVICES.plural())
                        .add("namespace", owner.namespace())
                        .add("name", owner.name())))
                .build();
    }

    /** Deletes the address's key if it still names this owner; what fails here, {@link #repair} frees later. */
    private void release(int address, Owner owner) {
        try {
            Optional<KeyValue> reservation = log.get(key(address));
            if (reservation.isPresent() && parent(reservation.get()).equals(Optional.of(owner))) {
                log.delete(reservation.get().key(), reservation.get().modRevision());
            }
        } catch (KeyNotFoundException | RevisionConflictException e) {
            // released or reassigned meanwhile
        } catch (DatastoreException e) {
            LOG.warning("cannot release the service IP " + Ipv4Cidr.format(address) + " now, the repair pass will: "
                    + e.getMessage());
        }
    }

    // ---- repair

    /**
     * Makes the keys agree with the Services, as Kubernetes's repair controller does after a
     * server died between writing a Service and its address: frees addresses whose Service is
     * gone or holds another one, once older than {@code grace} (a create in flight reserves its
     * address just before it writes the Service), and reserves addresses Services hold without
     * a key.
     *
     * @return how many keys were removed or added
     */
    public int repair(Duration grace) {
        Map<Owner, Integer> held = new HashMap<>();
        forEachKey(ResourceCatalog.SERVICES.prefix(""), kv -> {
            JsonObject service = JsonSupport.parse(kv.value()).asJsonObject();
            address(service).ifPresent(address -> held.put(Owner.of(service), address));
        });
        Set<Integer> reserved = new HashSet<>();
        List<KeyValue> leaked = new ArrayList<>();
        Instant oldest = clock.instant().minus(grace);
        forEachKey(ADDRESS_PREFIX, kv -> {
            Optional<Integer> address = Ipv4Cidr.parseAddress(kv.key().substring(ADDRESS_PREFIX.length()));
            Optional<Owner> owner = parent(kv);
            if (address.isPresent() && owner.isPresent() && address.get().equals(held.get(owner.get()))) {
                reserved.add(address.get());
            } else if (created(kv).map(oldest::isAfter).orElse(true)) {
                leaked.add(kv);
            }
        });
        int repaired = 0;
        for (KeyValue kv : leaked) {
            try {
                log.delete(kv.key(), kv.modRevision());
                LOG.info("released the service IP " + kv.key().substring(ADDRESS_PREFIX.length())
                        + ", whose Service is gone");
                repaired++;
            } catch (KeyNotFoundException | RevisionConflictException e) {
                // changed meanwhile: the next pass looks again
            }
        }
        for (Map.Entry<Owner, Integer> entry : held.entrySet()) {
            if (!reserved.contains(entry.getValue()) && reserve(entry.getValue(), entry.getKey())) {
                LOG.info("reserved the service IP " + Ipv4Cidr.format(entry.getValue()) + " of Service "
                        + entry.getKey() + ", which held it without a reservation");
                repaired++;
            }
        }
        return repaired;
    }

    private static Optional<Instant> created(KeyValue kv) {
        try {
            return JsonSupport.stringAt(JsonSupport.parse(kv.value()).asJsonObject(), ObjectMeta.METADATA,
                    "creationTimestamp").map(Instant::parse);
        } catch (JsonException | ClassCastException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void forEachKey(String prefix, Consumer<KeyValue> action) {
        String after = null;
        long revision = RevisionLog.LATEST;
        Page page;
        do {
            page = log.list(prefix, after, LIST_CHUNK, revision);
            revision = page.revision();
            for (KeyValue kv : page.items()) {
                action.accept(kv);
                after = kv.key();
            }
        } while (page.more() && !page.items().isEmpty());
    }

    // ---- services

    private static boolean needsClusterIp(JsonObject service) {
        return !JsonSupport.stringAt(service, "spec", "type").orElse("").equals(EXTERNAL_NAME);
    }

    private static String clusterIp(JsonObject service) {
        return JsonSupport.stringAt(service, "spec", "clusterIP").orElse("");
    }

    /** The IPv4 address a Service holds, if it holds one. */
    private static Optional<Integer> address(JsonObject service) {
        return needsClusterIp(service) ? Ipv4Cidr.parseAddress(clusterIp(service)) : Optional.empty();
    }

    private static String key(int address) {
        return ADDRESS_PREFIX + Ipv4Cidr.format(address);
    }

    private static Optional<Owner> parent(KeyValue reservation) {
        try {
            JsonObject parent = JsonSupport.objectAt(JsonSupport.parse(reservation.value()).asJsonObject(),
                    "spec", "parentRef");
            return Optional.of(new Owner(parent.getString("namespace", ""), parent.getString("name", "")));
        } catch (JsonException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** The Service an address is reserved for. */
    private record Owner(String namespace, String name) {

        static Owner of(JsonObject service) {
            return new Owner(ObjectMeta.namespace(service), ObjectMeta.name(service));
        }

        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }
}
