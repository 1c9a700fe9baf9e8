package io.k3j.server.api.store;

import static io.k3j.server.api.ApiAssertions.assertFails;
import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.datastore.h2.H2DatastorePlugin;
import io.k3j.server.api.TestJson;
import io.k3j.server.api.allocation.ServiceIpAllocator;
import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import io.k3j.server.net.Ipv4Cidr;
import io.k3j.spi.datastore.DatastoreConfig;
import io.k3j.spi.datastore.RevisionLog;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Services in the store: defaults, cluster IPs from the service range, and their reservations in the log. */
class ObjectStoreServicesTest extends StoreTestBase {

    private static final Ipv4Cidr RANGE = Ipv4Cidr.parse("10.43.0.0/16");

    private static JsonObject service(String name, String clusterIp) {
        return object("{'metadata':{'name':'" + name + "'},'spec':{"
                + (clusterIp.isEmpty() ? "" : "'clusterIP':'" + clusterIp + "',")
                + "'selector':{'app':'web'},'ports':[{'port':80}]}}");
    }

    private JsonObject create(JsonObject service) {
        return store.create(ResourceCatalog.SERVICES, "default", service, WRITE);
    }

    private static String clusterIp(JsonObject service) {
        return JsonSupport.stringAt(service, "spec", "clusterIP").orElse("");
    }

    private boolean reserved(String ip) {
        return log.get(ServiceIpAllocator.ADDRESS_PREFIX + ip).isPresent();
    }

    @Test
    void aNewServiceGetsKubernetesDefaultsAndAClusterIpFromTheUpperPartOfTheRange() {
        JsonObject created = create(service("web", ""));

        JsonObject spec = created.getJsonObject("spec");
        assertEquals("ClusterIP", spec.getString("type"));
        assertEquals("None", spec.getString("sessionAffinity"));
        assertEquals(TestJson.json("[{'port':80,'protocol':'TCP','targetPort':80}]"), spec.get("ports"));
        assertEquals(TestJson.json("['IPv4']"), spec.get("ipFamilies"));
        assertEquals("SingleStack", spec.getString("ipFamilyPolicy"));
        assertEquals(TestJson.json("{'loadBalancer':{}}"), created.get("status"));
        String ip = clusterIp(created);
        int address = Ipv4Cidr.parseAddress(ip).orElseThrow();
        assertTrue(RANGE.contains(address), ip);
        assertTrue(RANGE.offset(address) > 256, "dynamic addresses leave the first 256 to fixed ones: " + ip);
        assertEquals(JsonSupport.array().add(ip).build(), spec.get("clusterIPs"));
        assertTrue(reserved(ip));
        assertEquals(created, store.get(ResourceCatalog.SERVICES, "default", "web", ""));
    }

    @Test
    void aServiceGetsTheAddressItAsksForOnceOnly() {
        assertEquals("10.43.0.10", clusterIp(create(service("a", "10.43.0.10"))));

        ApiException taken = assertFails(Reason.INVALID, () -> create(service("b", "10.43.0.10")));
        assertEquals("Service \"b\" is invalid: spec.clusterIPs: Invalid value: [\"10.43.0.10\"]: failed to allocate "
                + "IP 10.43.0.10: provided IP is already allocated", taken.getMessage());
        assertTrue(store.find(ResourceCatalog.SERVICES, "default", "b").isEmpty());
    }

    @Test
    void anAddressOutsideTheRangeOrNotAnAddressIsInvalid() {
        ApiException outside = assertFails(Reason.INVALID, () -> create(service("a", "10.0.0.1")));
        assertEquals("Service \"a\" is invalid: spec.clusterIPs: Invalid value: [\"10.0.0.1\"]: failed to allocate IP "
                + "10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is "
                + "10.43.0.0/16", outside.getMessage());
        assertFails(Reason.INVALID, () -> create(service("b", "10.43.255.255")));
        assertFails(Reason.INVALID, () -> create(service("c", "10.43.0.0")));
        ApiException garbage = assertFails(Reason.INVALID, () -> create(service("d", "ten")));
        assertTrue(garbage.getMessage().contains("spec.clusterIPs[0]: Invalid value: \"ten\""), garbage.getMessage());
        assertFalse(reserved("10.0.0.1"));
    }

    @Test
    void theClusterIpMayNotChangeButAnUpdateWithoutOneKeepsIt() {
        JsonObject created = create(service("web", "10.43.0.20"));

        ApiException e = assertFails(Reason.INVALID, () -> store.update(ResourceCatalog.SERVICES, "default", "web", "",
                JsonSupport.with(created, JsonSupport.string("10.43.0.21"), "spec", "clusterIP"), WRITE));
        assertEquals("Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: \"10.43.0.21\": may not change "
                + "once set", e.getMessage());
        assertFalse(reserved("10.43.0.21"));

        JsonObject replaced = store.update(ResourceCatalog.SERVICES, "default", "web", "",
                object("{'metadata':{'name':'web'},'spec':{'ports':[{'port':8080,'targetPort':'http'}]}}"), WRITE);
        assertEquals("10.43.0.20", clusterIp(replaced));
        assertEquals(TestJson.json("[{'port':8080,'targetPort':'http','protocol':'TCP'}]"),
                replaced.getJsonObject("spec").get("ports"));
        assertTrue(reserved("10.43.0.20"));
    }

    @Test
    void deletingAServiceReleasesItsAddress() {
        create(service("web", "10.43.0.30"));

        store.delete(ResourceCatalog.SERVICES, "default", "web", DeleteOptions.defaults());

        assertFalse(reserved("10.43.0.30"));
        assertEquals("10.43.0.30", clusterIp(create(service("again", "10.43.0.30"))));
    }

    @Test
    void headlessAndExternalNameServicesHoldNoAddress() {
        JsonObject headless = create(object("{'metadata':{'name':'db'},'spec':{'clusterIP':'None',"
                + "'selector':{'app':'db'}}}"));
        assertEquals("None", clusterIp(headless));
        assertEquals(TestJson.json("['None']"), headless.getJsonObject("spec").get("clusterIPs"));

        JsonObject external = create(object("{'metadata':{'name':'ext'},'spec':{'type':'ExternalName',"
                + "'externalName':'example.com'}}"));
        assertFalse(external.getJsonObject("spec").containsKey("clusterIP"));
        assertEquals(List.of(), log.list(ServiceIpAllocator.ADDRESS_PREFIX, null, 0, RevisionLog.LATEST).items());
    }

    @Test
    void becomingAnExternalNameGivesTheAddressUpAndBackAGetsANewOne() {
        JsonObject created = create(service("web", "10.43.0.40"));
        JsonObject external = JsonSupport.with(ObjectMeta.without(created, "resourceVersion"),
                object("{'type':'ExternalName','externalName':'example.com'}"), "spec");

        JsonObject updated = store.update(ResourceCatalog.SERVICES, "default", "web", "", external, WRITE);

        assertFalse(updated.getJsonObject("spec").containsKey("clusterIP"));
        assertFalse(reserved("10.43.0.40"));
        JsonObject back = store.update(ResourceCatalog.SERVICES, "default", "web", "",
                JsonSupport.with(updated, object("{'ports':[{'port':80}]}"), "spec"), WRITE);
        assertTrue(reserved(clusterIp(back)), back.toString());
    }

    @Test
    void aDryRunReservesNothing() {
        JsonObject dry = store.create(ResourceCatalog.SERVICES, "default", service("web", ""), new WriteOptions(true));

        assertFalse(clusterIp(dry).isEmpty());
        assertFalse(reserved(clusterIp(dry)));
        assertTrue(store.find(ResourceCatalog.SERVICES, "default", "web").isEmpty());
    }

    @Test
    void aGeneratedNameIsTheOwnerOfItsAddress() {
        JsonObject created = create(object("{'metadata':{'generateName':'web-'},'spec':{'ports':[{'port':80}]}}"));

        JsonObject reservation = JsonSupport.parse(log.get(ServiceIpAllocator.ADDRESS_PREFIX + clusterIp(created))
                .orElseThrow().value()).asJsonObject();
        assertEquals(ObjectMeta.name(created), reservation.getJsonObject("spec").getJsonObject("parentRef").getString("name"));
    }

    @Test
    void serviceRulesAreKubernetesRules() {
        ApiException noPorts = assertFails(Reason.INVALID, () -> create(object("{'metadata':{'name':'web'},'spec':{}}")));
        assertEquals("Service \"web\" is invalid: spec.ports: Required value", noPorts.getMessage());
        ApiException digit = assertFails(Reason.INVALID, () -> create(service("1web", "")));
        assertTrue(digit.getMessage().contains("a DNS-1035 label must consist of"), digit.getMessage());
        ApiException names = assertFails(Reason.INVALID, () -> create(object("{'metadata':{'name':'web'},'spec':"
                + "{'ports':[{'port':80},{'port':443,'protocol':'QUIC'}]}}")));
        assertTrue(names.getMessage().contains("spec.ports[0].name: Required value"), names.getMessage());
        assertTrue(names.getMessage().contains("spec.ports[1].protocol: Unsupported value: \"QUIC\""), names.getMessage());
        ApiException nodePort = assertFails(Reason.INVALID, () -> create(object("{'metadata':{'name':'web'},'spec':"
                + "{'ports':[{'port':80,'nodePort':30080}]}}")));
        assertTrue(nodePort.getMessage().contains("spec.ports[0].nodePort: Forbidden: may not be used when `type` is "
                + "'ClusterIP'"), nodePort.getMessage());
        assertEquals(List.of(), log.list(ServiceIpAllocator.ADDRESS_PREFIX, null, 0, RevisionLog.LATEST).items());
    }

    @Test
    void endpointsHoldAddressesAndPorts() {
        JsonObject created = store.create(ResourceCatalog.ENDPOINTS, "default", object("{'metadata':{'name':'web'},"
                + "'subsets':[{'addresses':[{'ip':'10.42.0.5'}],'ports':[{'port':8080}]}]}"), WRITE);
        assertEquals("TCP", created.getJsonArray("subsets").getJsonObject(0).getJsonArray("ports").getJsonObject(0)
                .getString("protocol"));

        ApiException e = assertFails(Reason.INVALID, () -> store.create(ResourceCatalog.ENDPOINTS, "default",
                object("{'metadata':{'name':'bad'},'subsets':[{'addresses':[{'ip':'web-0'}],'ports':[{'port':0}]}]}"),
                WRITE));
        assertTrue(e.getMessage().contains("subsets[0].addresses[0].ip: Invalid value: \"web-0\": must be a valid IP "
                + "address"), e.getMessage());
        assertTrue(e.getMessage().contains("subsets[0].ports[0].port: Invalid value: 0"), e.getMessage());
    }

    @Test
    void serversSharingOneDatastoreNeverHandOutOneAddressTwice() throws Exception {
        String database = "h2:mem:" + UUID.randomUUID();
        try (RevisionLog first = openShared(database); RevisionLog second = openShared(database)) {
            new ServiceIpAllocator(first, Clock.systemUTC()).useRange(Ipv4Cidr.parse("10.44.0.0/27"));
            List<ObjectStore> servers = List.of(new ObjectStore(first), new ObjectStore(second));
            servers.get(0).ensureSystemNamespaces();
            int usable = 30;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<JsonObject>> creates = new ArrayList<>();
            for (int i = 0; i < usable; i++) {
                ObjectStore server = servers.get(i % 2);
                JsonObject body = service("s" + i, "");
                Callable<JsonObject> create = () -> server.create(ResourceCatalog.SERVICES, "default", body, WRITE);
                creates.add(pool.submit(create));
            }
            Set<String> addresses = new HashSet<>();
            for (Future<JsonObject> create : creates) {
                addresses.add(clusterIp(create.get()));
            }
            pool.shutdown();

            assertEquals(usable, addresses.size(), addresses.toString());
            assertEquals(usable, first.list(ServiceIpAllocator.ADDRESS_PREFIX, null, 0, RevisionLog.LATEST).items().size());
            ApiException full = assertFails(Reason.INTERNAL_ERROR, () -> servers.get(1).create(ResourceCatalog.SERVICES,
                    "default", service("one-more", ""), WRITE));
            assertTrue(full.getMessage().contains("the service IP range 10.44.0.0/27 is full"), full.getMessage());
        }
    }

    private static RevisionLog openShared(String database) {
        return new H2DatastorePlugin().open(DatastoreConfig.of(database, Path.of("target"))
                .withCompactInterval(Duration.ZERO).withPollInterval(Duration.ofMillis(100)));
    }

    @Test
    void repairFreesLeakedAddressesAndReservesHeldOnes() {
        ServiceIpAllocator allocator = new ServiceIpAllocator(log, Clock.fixed(NOW.plusSeconds(120), ZoneOffset.UTC));
        create(service("kept", "10.43.0.50"));
        create(service("gone", "10.43.0.51"));
        // a server that died between the writes: a Service without its reservation, a reservation without its Service
        log.delete(ServiceIpAllocator.ADDRESS_PREFIX + "10.43.0.50", RevisionLog.ANY_REVISION);
        log.delete(ResourceCatalog.SERVICES.key("default", "gone"), RevisionLog.ANY_REVISION);

        assertEquals(2, allocator.repair(Duration.ofMinutes(1)));

        assertTrue(reserved("10.43.0.50"));
        assertFalse(reserved("10.43.0.51"));
        assertEquals(0, allocator.repair(Duration.ofMinutes(1)));
    }

    @Test
    void aReservationYoungerThanTheGraceIsLeftToTheCreateInFlight() {
        create(service("gone", "10.43.0.52"));
        log.delete(ResourceCatalog.SERVICES.key("default", "gone"), RevisionLog.ANY_REVISION);

        assertEquals(0, new ServiceIpAllocator(log, Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC))
                .repair(Duration.ofMinutes(1)));
        assertTrue(reserved("10.43.0.52"));
        assertNotEquals(0, new ServiceIpAllocator(log, Clock.fixed(NOW.plusSeconds(90), ZoneOffset.UTC))
                .repair(Duration.ofMinutes(1)));
    }
}
