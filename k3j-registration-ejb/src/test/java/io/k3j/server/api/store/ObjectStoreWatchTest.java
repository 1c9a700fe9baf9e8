package io.k3j.server.api.store;

import static io.k3j.server.api.ApiAssertions.assertFails;
import static io.k3j.server.api.TestJson.json;
import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.TestLogs;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.patch.PatchType;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.status.Reason;
import io.k3j.server.api.watch.ObjectWatch;
import io.k3j.server.api.watch.RecordingSink;
import io.k3j.server.api.watch.WatchEncoding;
import io.k3j.server.api.watch.WatchFanout;
import io.k3j.spi.datastore.RevisionLog;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's side of watches (where they start, what they select) as the server's watch fan-out serves them. */
class ObjectStoreWatchTest extends StoreTestBase {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final WatchFanout.Settings SETTINGS = new WatchFanout.Settings(256, 100, Duration.ofMillis(50),
            Duration.ofSeconds(1), Duration.ofSeconds(5), 2);

    private WatchFanout watches;

    @BeforeEach
    void startWatches() {
        watches = fanout(store, log);
    }

    @AfterEach
    void stopWatches() {
        watches.close();
    }

    private static WatchFanout fanout(ObjectStore store, RevisionLog log) {
        WatchFanout fanout = new WatchFanout(store, log, SETTINGS, Thread::new);
        fanout.start();
        return fanout;
    }

    private ObjectWatch watch(ResourceType type, String namespace, WatchOptions options) {
        return watches.watch(type, namespace, options, WatchEncoding.JSON);
    }

    private static List<String> describe(List<WatchEvent> events) {
        return events.stream().map(e -> e.type() + " " + ObjectMeta.name(e.object())).toList();
    }

    private WatchOptions fromNow() {
        return WatchOptions.all().withResourceVersion(Long.toString(log.currentRevision()));
    }

    @Test
    void streamsAddedModifiedAndDeletedFromAVersion() throws Exception {
        try (ObjectWatch watch = watch(ResourceCatalog.CONFIG_MAPS, "default", fromNow())) {
            RecordingSink sink = RecordingSink.attach(watch);
            JsonObject created = createConfigMap("a", "");
            store.patch(ResourceCatalog.CONFIG_MAPS, "default", "a", "", PatchType.MERGE, json("{'data':{'k':'2'}}"), WRITE);
            store.delete(ResourceCatalog.CONFIG_MAPS, "default", "a", DeleteOptions.defaults());
            store.create(ResourceCatalog.CONFIG_MAPS, "kube-system", configMap("other-namespace", ""), WRITE);

            List<WatchEvent> events = sink.next(3, WAIT);

            assertEquals(List.of("ADDED a", "MODIFIED a", "DELETED a"), describe(events));
            assertEquals(created, events.get(0).object());
            assertEquals(Long.toString(log.currentRevision() - 1), ObjectMeta.resourceVersion(events.get(2).object()));
            JsonObject json = events.get(1).toJson();
            assertEquals("MODIFIED", json.getString("type"));
            assertEquals("2", json.getJsonObject("object").getJsonObject("data").getString("k"));
            assertEquals(List.of(), sink.next(1, Duration.ofMillis(200)));
        }
    }

    @Test
    void withoutAVersionTheCurrentStateComesFirst() throws Exception {
        createConfigMap("before-1", "");
        createConfigMap("before-2", "");
        try (ObjectWatch watch = watch(ResourceCatalog.CONFIG_MAPS, "", WatchOptions.all())) {
            RecordingSink sink = RecordingSink.attach(watch);
            createConfigMap("after", "");
            assertEquals(List.of("ADDED before-1", "ADDED before-2", "ADDED after"), describe(sink.next(3, WAIT)));
        }
    }

    @Test
    void selectorsTurnTransitionsIntoAddedAndDeleted() throws Exception {
        createConfigMap("a", "'app':'web'");
        WatchOptions webOnly = fromNow().withLabelSelector("app=web");
        try (ObjectWatch watch = watch(ResourceCatalog.CONFIG_MAPS, "default", webOnly)) {
            RecordingSink sink = RecordingSink.attach(watch);
            store.patch(ResourceCatalog.CONFIG_MAPS, "default", "a", "", PatchType.MERGE,
                    json("{'metadata':{'labels':{'app':'db'}}}"), WRITE);
            createConfigMap("ignored", "'app':'db'");
            store.patch(ResourceCatalog.CONFIG_MAPS, "default", "a", "", PatchType.MERGE,
                    json("{'metadata':{'labels':{'app':'web'}}}"), WRITE);
            store.patch(ResourceCatalog.CONFIG_MAPS, "default", "a", "", PatchType.MERGE, json("{'data':{'k':'3'}}"), WRITE);

            List<WatchEvent> events = sink.next(3, WAIT);

            assertEquals(List.of("DELETED a", "ADDED a", "MODIFIED a"), describe(events));
            JsonObject left = events.get(0).object();
            assertEquals("web", ObjectMeta.labels(left).get("app"), "DELETED carries the last matching state");
            assertTrue(Long.parseLong(ObjectMeta.resourceVersion(left)) > Long.parseLong(webOnly.resourceVersion()));
        }
    }

    @Test
    void fieldSelectorsWatchPodsOfOneNode() throws Exception {
        try (ObjectWatch watch = watch(ResourceCatalog.PODS, "", fromNow().withFieldSelector("spec.nodeName=node-1"))) {
            RecordingSink sink = RecordingSink.attach(watch);
            store.create(ResourceCatalog.PODS, "default", pod("p", ""), WRITE);
            store.bind("default", "p", object("{'target':{'kind':'Node','name':'node-1'}}"), WRITE);
            store.create(ResourceCatalog.PODS, "default", pod("q", "node-2"), WRITE);
            store.delete(ResourceCatalog.PODS, "default", "p", DeleteOptions.defaults().withGracePeriod(0));
            assertEquals(List.of("ADDED p", "DELETED p"), describe(sink.next(2, WAIT)));
        }
    }

    @Test
    void aWatchOfOneObjectSelectsItByName() throws Exception {
        createConfigMap("other", "");
        try (ObjectWatch watch = watch(ResourceCatalog.CONFIG_MAPS, "default", WatchOptions.all().forName("one"))) {
            RecordingSink sink = RecordingSink.attach(watch);
            createConfigMap("one", "");
            store.patch(ResourceCatalog.CONFIG_MAPS, "default", "other", "", PatchType.MERGE, json("{'data':{'k':'2'}}"),
                    WRITE);
            store.delete(ResourceCatalog.CONFIG_MAPS, "default", "one", DeleteOptions.defaults());
            assertEquals(List.of("ADDED one", "DELETED one"), describe(sink.next(3, Duration.ofSeconds(1))));
        }
        assertEquals(WatchOptions.all().forName("one").fieldSelector().terms(),
                WatchOptions.all().withFieldSelector("metadata.name=one").forName("one").fieldSelector().terms());
        assertFails(Reason.BAD_REQUEST, "fieldSelector metadata.name doesn't match requested name",
                () -> WatchOptions.all().withFieldSelector("metadata.name=two").forName("one"));
    }

    @Test
    void finalizedObjectsAreModifiedThenDeleted() throws Exception {
        store.create(ResourceCatalog.CONFIG_MAPS, "default", object("{'metadata':{'name':'f','finalizers':['x.io/f']}}"),
                WRITE);
        try (ObjectWatch watch = watch(ResourceCatalog.CONFIG_MAPS, "default", fromNow())) {
            RecordingSink sink = RecordingSink.attach(watch);
            store.delete(ResourceCatalog.CONFIG_MAPS, "default", "f", DeleteOptions.defaults());
            store.patch(ResourceCatalog.CONFIG_MAPS, "default", "f", "", PatchType.MERGE,
                    json("{'metadata':{'finalizers':null}}"), WRITE);

            List<WatchEvent> events = sink.next(3, WAIT);

            assertEquals(List.of("MODIFIED f", "MODIFIED f", "DELETED f"), describe(events));
            assertTrue(ObjectMeta.deletionTimestamp(events.get(0).object()).isPresent());
            assertTrue(ObjectMeta.finalizers(events.get(2).object()).isEmpty());
        }
    }

    @Test
    void bookmarksReportTheNewestVersionSeen() throws Exception {
        WatchOptions options = fromNow().withLabelSelector("app=none").withBookmarks(Duration.ofMillis(300));
        try (ObjectWatch watch = watch(ResourceCatalog.CONFIG_MAPS, "default", options)) {
            RecordingSink sink = RecordingSink.attach(watch);
            createConfigMap("filtered-out", "");
            long revision = log.currentRevision();

            List<WatchEvent> events = sink.next(1, WAIT);

            assertEquals(1, events.size());
            assertEquals(WatchEvent.Type.BOOKMARK, events.get(0).type());
            JsonObject bookmark = events.get(0).object();
            assertEquals("ConfigMap", bookmark.getString("kind"));
            assertEquals(Long.toString(revision), ObjectMeta.resourceVersion(bookmark));
        }
    }

    @Test
    void aCompactedVersionGivesOneExpiredErrorEvent() throws Exception {
        try (var small = TestLogs.open(1)) {
            ObjectStore compacting = new ObjectStore(small);
            compacting.ensureSystemNamespaces();
            String old = Long.toString(small.currentRevision());
            compacting.create(ResourceCatalog.CONFIG_MAPS, "default", configMap("a", ""), WRITE);
            compacting.create(ResourceCatalog.CONFIG_MAPS, "default", configMap("b", ""), WRITE);
            small.compact(small.currentRevision());

            try (WatchFanout compactingWatches = fanout(compacting, small);
                    ObjectWatch watch = compactingWatches.watch(ResourceCatalog.CONFIG_MAPS, "default",
                            WatchOptions.all().withResourceVersion(old), WatchEncoding.JSON)) {
                RecordingSink sink = RecordingSink.attach(watch);
                List<WatchEvent> events = sink.next(2, Duration.ofMillis(500));

                assertEquals(1, events.size());
                JsonObject json = events.get(0).toJson();
                assertEquals("ERROR", json.getString("type"));
                JsonObject status = json.getJsonObject("object");
                assertEquals("Status", status.getString("kind"));
                assertEquals(410, status.getInt("code"));
                assertEquals("Expired", status.getString("reason"));
                assertEquals("too old resource version: " + old + " (" + small.compactRevision() + ")",
                        status.getString("message"));
                assertTrue(sink.awaitEnd(WAIT));
            }
        }
    }

    @Test
    void aWatchSendsEventsUntilItsTimeout() throws Exception {
        createConfigMap("a", "");
        long start = System.nanoTime();
        try (ObjectWatch watch = watch(ResourceCatalog.CONFIG_MAPS, "default",
                WatchOptions.all().withTimeout(Duration.ofMillis(400)))) {
            RecordingSink sink = RecordingSink.attach(watch);
            assertTrue(sink.awaitEnd(WAIT));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(400).toNanos());
            List<byte[]> sent = sink.lines();
            assertEquals(1, sent.size());
            String line = new String(sent.get(0), StandardCharsets.UTF_8);
            assertTrue(line.startsWith("{\"type\":\"ADDED\",\"object\":{\"kind\":\"ConfigMap\""), line);
            assertTrue(line.endsWith("}\n"), line);
        }
    }

    @Test
    void badWatchOptionsAreBadRequests() {
        assertFails(Reason.BAD_REQUEST, () -> WatchOptions.fromQuery("a in (", null, null, null, null));
        assertFails(Reason.BAD_REQUEST, () -> WatchOptions.fromQuery(null, null, null, "maybe", null));
        assertFails(Reason.BAD_REQUEST, "timeoutSeconds: Invalid value: \"-1\": must be a non-negative integer",
                () -> WatchOptions.fromQuery(null, null, null, null, "-1"));
        assertFails(Reason.BAD_REQUEST, "field label not supported: spec.nodeName",
                () -> watch(ResourceCatalog.CONFIG_MAPS, "", WatchOptions.fromQuery(null, "spec.nodeName=x", "", "true", null)));
        assertFails(Reason.BAD_REQUEST, () -> watch(ResourceCatalog.CONFIG_MAPS, "", WatchOptions.all().withResourceVersion("x")));
        assertEquals(true, WatchOptions.fromQuery(null, null, "5", "true", null).allowBookmarks());
    }

    @Test
    void timeoutSecondsOrKubernetesDefaultBetweenThirtyAndSixtyMinutes() {
        assertEquals(Duration.ofSeconds(7), WatchOptions.fromQuery(null, null, null, null, "7").timeout());
        for (String absent : new String[] {null, "", "0"}) {
            Duration timeout = WatchOptions.fromQuery(null, null, null, null, absent).timeout();
            assertTrue(timeout.compareTo(Duration.ofMinutes(30)) >= 0 && timeout.compareTo(Duration.ofMinutes(60)) < 0,
                    timeout.toString());
        }
    }
}
