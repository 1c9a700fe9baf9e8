package io.k3j.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * The fabric8 Kubernetes client, a reference client, against the deployed server: what
 * operators and controllers written in Java do with it. Each test works in a namespace of its own.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class Fabric8ConformanceIT extends DeployedWar {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private KubernetesClient client;
    private String namespace;

    private static KubernetesClient clientOf(String masterUrl) {
        Config config = new ConfigBuilder().withMasterUrl(masterUrl).withOauthToken(ItServer.adminToken())
                .withWatchReconnectInterval(200).withWatchReconnectLimit(-1).withRequestTimeout(20_000).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @BeforeEach
    void namespaceOfItsOwn(TestInfo test) {
        client = clientOf(server().serverUrl());
        namespace = namespaceFor("f8-", test);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
    }

    @AfterEach
    void close() {
        client.namespaces().withName(namespace).delete();
        client.close();
    }

    private ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withData(data).build();
    }

    @Test
    void configMapsAreCreatedReadListedEditedAndDeleted() {
        ConfigMap created = client.resource(configMap("settings", Map.of("mode", "fast"))).create();
        assertNotNull(created.getMetadata().getUid());
        assertNotNull(created.getMetadata().getCreationTimestamp());

        ConfigMap read = client.configMaps().inNamespace(namespace).withName("settings").get();
        assertEquals(Map.of("mode", "fast"), read.getData());
        assertEquals(created.getMetadata().getResourceVersion(), read.getMetadata().getResourceVersion());
        assertEquals(List.of("settings"), client.configMaps().inNamespace(namespace).list().getItems().stream()
                .map(cm -> cm.getMetadata().getName()).toList());

        ConfigMap edited = client.configMaps().inNamespace(namespace).withName("settings")
                .edit(cm -> new ConfigMapBuilder(cm).addToData("extra", "yes").build());
        assertEquals(Map.of("mode", "fast", "extra", "yes"), edited.getData());
        assertTrue(Long.parseLong(edited.getMetadata().getResourceVersion())
                > Long.parseLong(created.getMetadata().getResourceVersion()));

        assertEquals(1, client.configMaps().inNamespace(namespace).withName("settings").delete().size());
        assertNull(client.configMaps().inNamespace(namespace).withName("settings").get());
        assertTrue(client.configMaps().inNamespace(namespace).withName("settings").delete().isEmpty());
    }

    @Test
    void staleUpdatesAndDuplicateCreatesAreConflicts() {
        ConfigMap first = client.resource(configMap("contended", Map.of("v", "1"))).create();
        client.resource(new ConfigMapBuilder(first).withData(Map.of("v", "2")).build()).update();

        KubernetesClientException stale = assertThrows(KubernetesClientException.class,
                () -> client.resource(new ConfigMapBuilder(first).withData(Map.of("v", "3")).build()).update());
        assertEquals(409, stale.getCode());
        assertEquals("Conflict", stale.getStatus().getReason());

        KubernetesClientException exists = assertThrows(KubernetesClientException.class,
                () -> client.resource(configMap("contended", Map.of())).create());
        assertEquals(409, exists.getCode());
        assertEquals("AlreadyExists", exists.getStatus().getReason());

        KubernetesClientException invalid = assertThrows(KubernetesClientException.class,
                () -> client.resource(configMap("Not_A_Name", Map.of())).create());
        assertEquals(422, invalid.getCode());
        assertTrue(invalid.getStatus().getMessage().contains("Not_A_Name"), invalid.getStatus().getMessage());
    }

    @Test
    void secretsKeepTheirBytesAndTakeStringData() {
        byte[] binary = {0, 1, 2, (byte) 0xff};
        client.resource(new SecretBuilder().withNewMetadata().withName("creds").withNamespace(namespace).endMetadata()
                .withType("Opaque").addToData("blob", Base64.getEncoder().encodeToString(binary))
                .addToStringData("user", "admin").build()).create();

        Secret read = client.secrets().inNamespace(namespace).withName("creds").get();
        assertEquals(Base64.getEncoder().encodeToString(binary), read.getData().get("blob"));
        assertEquals("admin", new String(Base64.getDecoder().decode(read.getData().get("user"))));
        assertTrue(read.getStringData() == null || read.getStringData().isEmpty(), "stringData is write-only");
        assertEquals(List.of("creds"), client.secrets().inNamespace(namespace).withField("type", "Opaque").list()
                .getItems().stream().map(s -> s.getMetadata().getName()).toList());
    }

    @Test
    void labelAndFieldSelectorsAndPagingFilterLists() {
        client.resource(new ConfigMapBuilder(configMap("a", Map.of())).editMetadata()
                .withLabels(Map.of("tier", "web", "env", "prod")).endMetadata().build()).create();
        client.resource(new ConfigMapBuilder(configMap("b", Map.of())).editMetadata()
                .withLabels(Map.of("tier", "db", "env", "prod")).endMetadata().build()).create();
        client.resource(new ConfigMapBuilder(configMap("c", Map.of())).editMetadata()
                .withLabels(Map.of("tier", "web")).endMetadata().build()).create();
        var configMaps = client.configMaps().inNamespace(namespace);

        assertEquals(Set.of("a", "c"), names(configMaps.withLabel("tier", "web").list()));
        assertEquals(Set.of("b"), names(configMaps.withLabelNotIn("tier", "web").list()));
        assertEquals(Set.of("a", "b"), names(configMaps.withLabelIn("tier", "web", "db").withLabel("env").list()));
        assertEquals(Set.of("c"), names(configMaps.withoutLabel("env").list()));
        assertEquals(Set.of("a"), names(configMaps.withLabelSelector("tier=web,env in (prod)").list()));
        assertEquals(Set.of("b"), names(configMaps.withField("metadata.name", "b").list()));
        assertEquals(Set.of("a", "c"), names(configMaps.withoutField("metadata.name", "b").list()));

        ConfigMapList page = configMaps.list(new ListOptionsBuilder().withLimit(2L).build());
        assertEquals(2, page.getItems().size());
        assertNotNull(page.getMetadata().getContinue());
        ConfigMapList rest = configMaps.list(new ListOptionsBuilder().withLimit(2L)
                .withContinue(page.getMetadata().getContinue()).build());
        assertEquals(1, rest.getItems().size());
        assertTrue(rest.getMetadata().getContinue() == null || rest.getMetadata().getContinue().isEmpty());
        assertEquals(Set.of("a", "b", "c"), names(page, rest));
    }

    @Test
    void everyPatchTypeApplies() {
        client.resource(new PodBuilder().withNewMetadata().withName("web").withNamespace(namespace).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1").endContainer()
                .addNewContainer().withName("sidecar").withImage("envoy:1").endContainer().endSpec().build()).create();
        var pod = client.pods().inNamespace(namespace).withName("web");

        pod.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}");
        pod.patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"note\":\"json\"}}]");
        // a strategic merge patch merges containers by name instead of replacing the list
        Pod patched = pod.patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:2\"}]}}");

        assertEquals("web", patched.getMetadata().getLabels().get("app"));
        assertEquals("json", patched.getMetadata().getAnnotations().get("note"));
        assertEquals(List.of("app:nginx:2", "sidecar:envoy:1"), patched.getSpec().getContainers().stream()
                .map(c -> c.getName() + ":" + c.getImage()).toList());

        Pod withStatus = pod.editStatus(p -> new PodBuilder(p).editOrNewStatus().withPhase("Running").endStatus().build());
        assertEquals("Running", withStatus.getStatus().getPhase());
        assertEquals(Set.of("web"), client.pods().inNamespace(namespace).withField("status.phase", "Running").list()
                .getItems().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet()));
    }

    @Test
    void finalizersHoldADeletedObjectUntilTheyAreRemoved() throws Exception {
        client.resource(new ConfigMapBuilder(configMap("held", Map.of())).editMetadata()
                .withFinalizers("example.com/cleanup").endMetadata().build()).create();

        client.configMaps().inNamespace(namespace).withName("held").delete();
        ConfigMap marked = client.configMaps().inNamespace(namespace).withName("held").get();
        assertNotNull(marked, "an object with finalizers is only marked for deletion");
        assertNotNull(marked.getMetadata().getDeletionTimestamp());

        client.configMaps().inNamespace(namespace).withName("held")
                .edit(cm -> new ConfigMapBuilder(cm).editMetadata().withFinalizers(List.of()).endMetadata().build());
        ItServer.eventually("the object is gone", WAIT, () -> client.configMaps().inNamespace(namespace).withName("held").get() == null);
    }

    @Test
    void aWatchResumesFromTheLastResourceVersionItSaw() throws Exception {
        var configMaps = client.configMaps().inNamespace(namespace);
        String start = configMaps.list().getMetadata().getResourceVersion();
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        AtomicReference<String> lastSeen = new AtomicReference<>();
        Watcher<ConfigMap> recorder = new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap cm) {
                lastSeen.set(cm.getMetadata().getResourceVersion());
                events.add(action + " " + cm.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
                events.add("CLOSED " + cause.getMessage());
            }
        };

        try (Watch watch = configMaps.withResourceVersion(start).watch(recorder)) {
            client.resource(configMap("one", Map.of())).create();
            assertEquals("ADDED one", events.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        String resumeFrom = lastSeen.get();
        client.resource(configMap("two", Map.of())).create();
        configMaps.withName("one").delete();

        try (Watch resumed = configMaps.withResourceVersion(resumeFrom).watch(recorder)) {
            // only what happened after the resumed version, in order
            assertEquals("ADDED two", events.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals("DELETED one", events.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void aWatchFromACompactedVersionIsGone() throws Exception {
        CompletableFuture<WatcherException> closed = new CompletableFuture<>();
        // revision 1 is compacted away long before: the server keeps 200 revisions in this test setup
        for (int i = 0; i < 210; i++) {
            client.resource(configMap("filler-" + i, Map.of())).create();
        }
        Thread.sleep(2_000); // compaction runs every second here
        try (Watch watch = client.configMaps().inNamespace(namespace).withResourceVersion("1").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
            }

            @Override
            public void onClose(WatcherException cause) {
                closed.complete(cause);
            }
        })) {
            assertTrue(closed.get(WAIT.toSeconds(), TimeUnit.SECONDS).isHttpGone());
        }
    }

    @Test
    void anInformerFollowsChangesAndRelistsAfterA410() throws Exception {
        client.resource(configMap("early", Map.of())).create();
        Map<String, String> seen = new ConcurrentHashMap<>();
        try (CuttableProxy proxy = new CuttableProxy(deployment.getPort());
                KubernetesClient viaProxy = clientOf(server().serverUrl()
                        .replace(":" + deployment.getPort(), ":" + proxy.port()))) {
            SharedIndexInformer<ConfigMap> informer = viaProxy.configMaps().inNamespace(namespace)
                    .inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(ConfigMap cm) {
                            seen.put(cm.getMetadata().getName(), "added");
                        }

                        @Override
                        public void onUpdate(ConfigMap before, ConfigMap after) {
                            seen.put(after.getMetadata().getName(), "updated");
                        }

                        @Override
                        public void onDelete(ConfigMap cm, boolean unknownFinalState) {
                            seen.put(cm.getMetadata().getName(), "deleted");
                        }
                    });
            ItServer.eventually("the informer lists", WAIT, () -> "added".equals(seen.get("early")));
            client.configMaps().inNamespace(namespace).withName("early")
                    .edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("k", "v")).build());
            ItServer.eventually("the informer sees an update", WAIT, () -> "updated".equals(seen.get("early")));

            // an outage long enough for compaction to pass the informer's version: its watch comes
            // back with 410 Gone, and only a relist can tell it that "early" was deleted meanwhile
            proxy.cut();
            client.configMaps().inNamespace(namespace).withName("early").delete();
            client.resource(configMap("late", Map.of())).create();
            for (int i = 0; i < 210; i++) {
                client.resource(configMap("churn", Map.of("i", Integer.toString(i)))).createOr(c -> c.update());
            }
            Thread.sleep(2_000);
            proxy.restore();

            ItServer.eventually("the informer relists", WAIT, () -> "deleted".equals(seen.get("early")) && seen.containsKey("late"));
            assertEquals(Set.of("late", "churn"), informer.getStore().list().stream()
                    .map(cm -> cm.getMetadata().getName()).collect(Collectors.toSet()));
            informer.stop();
        }
    }

    @Test
    void nodesAreClusterScopedAndTakeStatusUpdates() {
        String name = namespace + "-node";
        try {
            client.resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
            Node ready = client.nodes().withName(name).editStatus(node -> new NodeBuilder(node).editOrNewStatus()
                    .withConditions(new NodeConditionBuilder().withType("Ready").withStatus("True").build())
                    .endStatus().build());
            assertEquals("True", ready.getStatus().getConditions().get(0).getStatus());
            assertNull(ready.getMetadata().getNamespace());
            assertTrue(client.nodes().list().getItems().stream().anyMatch(n -> n.getMetadata().getName().equals(name)));
        } finally {
            client.nodes().withName(name).delete();
        }
    }

    @Test
    void leaseLeaderElectionElectsOneLeaderAndHandsOver() throws Exception {
        BlockingQueue<String> leaders = new LinkedBlockingQueue<>();
        LeaderElector first = elector("first", leaders);
        LeaderElector second = elector("second", leaders);
        CompletableFuture<?> firstRun = first.start();
        assertEquals("first", leaders.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        CompletableFuture<?> secondRun = second.start();

        Lease lease = client.leases().inNamespace(namespace).withName("controller").get();
        assertEquals("first", lease.getSpec().getHolderIdentity());
        assertNull(leaders.poll(3, TimeUnit.SECONDS), "the second elector must wait while the first renews");

        firstRun.cancel(true); // the leader stops renewing (and, stopping, releases the lease)
        assertEquals("second", leaders.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals("second", client.leases().inNamespace(namespace).withName("controller").get().getSpec()
                .getHolderIdentity());
        secondRun.cancel(true);

        client.resource(new LeaseBuilder().withNewMetadata().withName("plain").withNamespace(namespace).endMetadata()
                .withNewSpec().withHolderIdentity("x").withLeaseDurationSeconds(10).endSpec().build()).create();
        assertFalse(client.leases().inNamespace(namespace).list().getItems().isEmpty());
    }

    private LeaderElector elector(String identity, BlockingQueue<String> leaders) {
        return client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("it").withLock(new LeaseLock(namespace, "controller", identity))
                .withLeaseDuration(Duration.ofSeconds(3)).withRenewDeadline(Duration.ofSeconds(2))
                .withRetryPeriod(Duration.ofMillis(250)).withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(() -> leaders.add(identity), () -> { }, newLeader -> { }))
                .build()).build();
    }

    @Test
    void deletingANamespaceDeletesWhatIsInIt() throws Exception {
        String doomed = namespace + "-x";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(doomed).endMetadata().build())
                .create();
        client.resource(new ConfigMapBuilder(configMap("inside", Map.of())).editMetadata().withNamespace(doomed)
                .endMetadata().build()).create();

        client.namespaces().withName(doomed).delete();
        assertEquals("Terminating", client.namespaces().withName(doomed).get().getStatus().getPhase());
        ItServer.eventually("the namespace is gone", WAIT, () -> client.namespaces().withName(doomed).get() == null);
        assertNull(client.configMaps().inNamespace(doomed).withName("inside").get());
    }

    @SafeVarargs
    private static Set<String> names(io.fabric8.kubernetes.api.model.KubernetesResourceList<ConfigMap>... lists) {
        return java.util.Arrays.stream(lists).flatMap(list -> list.getItems().stream())
                .map(cm -> cm.getMetadata().getName()).collect(Collectors.toSet());
    }
}
