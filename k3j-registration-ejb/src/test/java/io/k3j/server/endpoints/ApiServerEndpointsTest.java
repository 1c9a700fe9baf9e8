package io.k3j.server.endpoints;

import static io.k3j.server.api.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.MutableClock;
import io.k3j.server.api.TestLogs;
import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.store.DeleteOptions;
import io.k3j.server.api.store.ListOptions;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.api.store.WriteOptions;
import io.k3j.server.net.Ipv4Cidr;
import io.k3j.server.testing.ForwardingRevisionLog;
import io.k3j.spi.datastore.KeyValue;
import io.k3j.spi.datastore.RevisionLog;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerEndpointsTest {

    private static final Ipv4Cidr SERVICE_CIDR = Ipv4Cidr.parse("10.43.0.0/16");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T05:06:07.123456Z"));
    private RevisionLog log;
    private ObjectStore store;

    @BeforeEach
    void openStore() {
        log = TestLogs.open();
        store = new ObjectStore(log, clock);
        store.ensureSystemNamespaces();
    }

    @AfterEach
    void closeStore() {
        log.close();
    }

    private ApiServerEndpoints server(String ip) {
        return server(store, ip);
    }

    private ApiServerEndpoints server(ObjectStore on, String ip) {
        return new ApiServerEndpoints(on, new ServerAddress(ip, 6443), SERVICE_CIDR, LEASE, clock);
    }

    private List<String> urls() {
        return ApiServerEndpoints.serverUrls(store);
    }

    private List<JsonObject> leases() {
        return store.list(ResourceCatalog.LEASES, "kube-system",
                ListOptions.all().withLabelSelector(ApiServerEndpoints.LEASE_LABEL + "=true")).items();
    }

    @Test
    void theKubernetesServiceGetsTheFirstAddressAndPointsAtThisServersPort() {
        server("10.0.0.5").ensureService();
        server("10.0.0.6").ensureService();

        JsonObject service = store.get(ResourceCatalog.SERVICES, "default", "kubernetes", "");
        assertEquals(json("{'component':'apiserver','provider':'kubernetes'}"), ObjectMeta.of(service).get("labels"));
        assertEquals("10.43.0.1", service.getJsonObject("spec").getString("clusterIP"));
        assertEquals(json("[{'name':'https','port':443,'protocol':'TCP','targetPort':6443}]"),
                service.getJsonObject("spec").get("ports"));
        assertEquals("ClusterIP", service.getJsonObject("spec").getString("type"));
    }

    @Test
    void eachServerAddsItsAddressAndEveryoneReadsTheSameSortedList() {
        assertEquals(List.of(), urls());
        server("10.0.0.10").reconcile();
        server("10.0.0.5").reconcile();

        assertEquals(List.of("https://10.0.0.5:6443", "https://10.0.0.10:6443"), urls());
        JsonObject endpoints = store.get(ResourceCatalog.ENDPOINTS, "default", "kubernetes", "");
        assertEquals(json("[{'addresses':[{'ip':'10.0.0.5'},{'ip':'10.0.0.10'}],"
                + "'ports':[{'name':'https','port':6443,'protocol':'TCP'}]}]"), endpoints.get("subsets"));
        assertEquals(2, leases().size());
        JsonObject lease = store.get(ResourceCatalog.LEASES, "kube-system",
                ApiServerEndpoints.leaseName(new ServerAddress("10.0.0.5", 6443)), "");
        assertEquals("10.0.0.5:6443", lease.getJsonObject("spec").getString("holderIdentity"));
        assertEquals(30, lease.getJsonObject("spec").getInt("leaseDurationSeconds"));
        assertEquals("2025-03-04T05:06:07.123456Z", lease.getJsonObject("spec").getString("renewTime"));
    }

    @Test
    void aPassThatChangesNothingWritesNothing() {
        server("10.0.0.5").reconcile();
        String version = ObjectMeta.resourceVersion(store.get(ResourceCatalog.ENDPOINTS, "default", "kubernetes", ""));

        server("10.0.0.5").reconcile();

        assertEquals(version, ObjectMeta.resourceVersion(store.get(ResourceCatalog.ENDPOINTS, "default", "kubernetes", "")));
    }

    @Test
    void aCleanShutdownRemovesThatServerOnly() {
        ApiServerEndpoints leaving = server("10.0.0.6");
        server("10.0.0.5").reconcile();
        leaving.reconcile();

        leaving.remove();

        assertEquals(List.of("https://10.0.0.5:6443"), urls());
        assertEquals(List.of("10.0.0.5:6443"), leases().stream()
                .map(l -> l.getJsonObject("spec").getString("holderIdentity")).toList());
    }

    @Test
    void aDeadServersAddressGoesWhenItsLeaseExpiresAndComesBackWithIt() {
        ApiServerEndpoints alive = server("10.0.0.5");
        ApiServerEndpoints dead = server("10.0.0.6");
        alive.reconcile();
        dead.reconcile();

        clock.advance(Duration.ofSeconds(29));
        alive.reconcile();
        assertEquals(List.of("https://10.0.0.5:6443", "https://10.0.0.6:6443"), urls());

        clock.advance(Duration.ofSeconds(2));
        alive.reconcile();
        assertEquals(List.of("https://10.0.0.5:6443"), urls());
        assertEquals(1, leases().size());

        dead.reconcile();
        assertEquals(List.of("https://10.0.0.5:6443", "https://10.0.0.6:6443"), urls());
    }

    @Test
    void aServerPutsItsAddressBackWhenSomeoneRemovedIt() {
        ApiServerEndpoints server = server("10.0.0.5");
        server.ensureService();
        server.reconcile();
        store.delete(ResourceCatalog.ENDPOINTS, "default", "kubernetes", DeleteOptions.defaults());
        store.delete(ResourceCatalog.SERVICES, "default", "kubernetes", DeleteOptions.defaults());

        server.ensureService();
        server.reconcile();

        assertEquals(List.of("https://10.0.0.5:6443"), urls());
        assertEquals("10.43.0.1", store.get(ResourceCatalog.SERVICES, "default", "kubernetes", "")
                .getJsonObject("spec").getString("clusterIP"));
    }

    @Test
    void aConflictingWriteByAnotherServerIsRetriedWithoutLosingItsAddress() {
        AtomicReference<Runnable> beforeEndpointsUpdate = new AtomicReference<>();
        RevisionLog racing = new ForwardingRevisionLog(log) {
            @Override
            public KeyValue update(String key, byte[] value, long expectedRevision) {
                if (key.equals(ResourceCatalog.ENDPOINTS.key("default", "kubernetes"))) {
                    Runnable interference = beforeEndpointsUpdate.getAndSet(null);
                    if (interference != null) {
                        interference.run();
                    }
                }
                return delegate.update(key, value, expectedRevision);
            }
        };
        ApiServerEndpoints first = server(new ObjectStore(racing, clock), "10.0.0.5");
        ApiServerEndpoints second = server("10.0.0.6");
        ApiServerEndpoints third = server("10.0.0.7");
        second.reconcile();
        // the third server writes between the first one's read and its write
        beforeEndpointsUpdate.set(third::reconcile);

        first.reconcile();

        assertEquals(null, beforeEndpointsUpdate.get(), "the interference ran");
        assertEquals(List.of("https://10.0.0.5:6443", "https://10.0.0.6:6443", "https://10.0.0.7:6443"), urls());
    }

    @Test
    void serversReconcilingAtOnceOnOneDatastoreKeepEveryAddress() throws Exception {
        List<String> ips = List.of("10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.0.8");
        ExecutorService pool = Executors.newFixedThreadPool(ips.size());
        List<Future<?>> passes = new ArrayList<>();
        for (String ip : ips) {
            ApiServerEndpoints server = server(new ObjectStore(log, clock), ip);
            passes.add(pool.submit(() -> {
                server.ensureService();
                for (int pass = 0; pass < 10; pass++) {
                    server.reconcile();
                }
            }));
        }
        for (Future<?> pass : passes) {
            pass.get();
        }
        pool.shutdown();

        assertEquals(ips.stream().map(ip -> "https://" + ip + ":6443").toList(), urls());
        assertEquals(1, store.list(ResourceCatalog.SERVICES, "default", ListOptions.all()).items().size());
    }

    @Test
    void aRestartedServerTakesItsLeaseBack() {
        server("10.0.0.5").reconcile();
        String acquired = leases().get(0).getJsonObject("spec").getString("acquireTime");
        clock.advance(Duration.ofSeconds(10));

        server("10.0.0.5").reconcile();

        assertEquals(1, leases().size());
        JsonObject spec = leases().get(0).getJsonObject("spec");
        assertEquals(acquired, spec.getString("acquireTime"));
        assertEquals("2025-03-04T05:06:17.123456Z", spec.getString("renewTime"));
    }

    @Test
    void serverAddressesReadAndWriteAsGoJoinsHostAndPort() {
        assertEquals("https://[fd00::5]:6443", ServerAddress.parse("[fd00::5]:6443").url());
        assertEquals(new ServerAddress("10.0.0.5", 443), ServerAddress.parse("10.0.0.5:443"));
        assertTrue(new ServerAddress("10.0.0.9", 1).compareTo(new ServerAddress("10.0.0.10", 1)) < 0);
        assertEquals("https://10.0.0.5:6443", ApiServerEndpoints.serverUrls(storeWithEndpoints(
                "{'metadata':{'name':'kubernetes'},'subsets':[{'addresses':[{'ip':'10.0.0.5'}],"
                        + "'ports':[{'name':'metrics','port':9100},{'name':'https','port':6443}]}]}")).get(0));
    }

    private ObjectStore storeWithEndpoints(String endpoints) {
        store.create(ResourceCatalog.ENDPOINTS, "default", JsonSupport.parse(endpoints.replace('\'', '"'))
                .asJsonObject(), WriteOptions.DEFAULT);
        return store;
    }

    /** A clock that tests move forward by hand. */
}
