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
import io.k3j.server.api.status.Reason;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectStoreWatchTest extends StoreTestBase {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Reads events until {@code count} arrived or the wait ran out. */
    private static List<WatchEvent> next(ObjectWatch watch, int count) throws InterruptedException {
        List<WatchEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events.size() < count && System.nanoTime() < deadline) {
            events.addAll(watch.poll(Duration.ofMillis(200)));
        }
        return events;
    }

    private static List<String> describe(List<WatchEvent> events) {
        return events.stream().map(e -> e.type() + " " + ObjectMeta.name(e.object())).toList();
    }

    private WatchOptions fromNow() {
        return WatchOptions.all().withResourceVersion(Long.toString(log.currentRevision()));
    }

    @Test
    void streamsAddedModifiedAndDeletedFromAVersion() throws Exception {
        try (ObjectWatch watch = store.watch(ResourceCatalog.CONFIG_MAPS, "default", fromNow())) {
            JsonObject created = createConfigMap("a", "");
            store.patch(ResourceCatalog.CONFIG_MAPS, "default", "a", "", PatchType.MERGE, json("{'data':{'k':'2'}}"), WRITE);
            store.delete(ResourceCatalog.CONFIG_MAPS, "default", "a", DeleteOptions.defaults());
            store.create(ResourceCatalog.CONFIG_MAPS, "kube-system", configMap("other-namespace", ""), WRITE);

            List<WatchEvent> events = next(watch, 3);

            assertEquals(List.of("ADDED a", "MODIFIED a", "DELETED a"), describe(events));
            assertEquals(created, events.get(0).object());
            assertEquals(Long.toString(log.currentRevision() - 1), ObjectMeta.resourceVersion(events.get(2).object()));
            JsonObject json = events.get(1).toJson();
            assertEquals("MODIFIED", json.getString("type"));
            assertEquals("2", json.getJsonObject("object").getJsonObject("data").getString("k"));
            assertEquals(List.of(), watch.poll(Duration.ofMillis(200)));
        }
    }

    @Test
    void withoutAVersionTheCurrentStateComesFirst() throws Exception {
        createConfigMap("before-1", "");
        createConfigMap("before-2", "");
        try (ObjectWatch watch = store.watch(ResourceCatalog.CONFIG_MAPS, "", WatchOptions.all())) {
            createConfigMap("after", "");
            assertEquals(List.of("ADDED before-1", "ADDED before-2", "ADDED after"), describe(next(watch, 3)));
        }
    }

    @Test
    void selectorsTurnTransitionsIntoAddedAndDeleted() throws Exception {
        createConfigMap("a", "'app':'web'");
        WatchOptions webOnly = fromNow().withLabelSelector("app=web");
        try (ObjectWatch watch = store.watch(ResourceCatalog.CONFIG_MAPS, "default", webOnly)) {
            store.patch(ResourceCatalog.CONFIG_MAPS, "default", "a", "", PatchType.MERGE,
                    json("{'metadata':{'labels':{'app':'db'}}}"), WRITE);
            createConfigMap("ignored", "'app':'db'");
            store.patch(ResourceCatalog.CONFIG_MAPS, "default", "a", "", PatchType.MERGE,
                    json("{'metadata':{'labels':{'app':'web'}}}"), WRITE);
            store.patch(ResourceCatalog.CONFIG_MAPS, "default", "a", "", PatchType.MERGE, json("{'data':{'k':'3'}}"), WRITE);

            List<WatchEvent> events = next(watch, 3);

            assertEquals(List.of("DELETED a", "ADDED a", "MODIFIED a"), describe(events));
            JsonObject left = events.get(0).object();
            assertEquals("web", ObjectMeta.labels(left).get("app"), "DELETED carries the last matching state");
            assertTrue(Long.parseLong(ObjectMeta.resourceVersion(left)) > Long.parseLong(webOnly.resourceVersion()));
        }
    }

    @Test
    void fieldSelectorsWatchPodsOfOneNode() throws Exception {
        try (ObjectWatch watch = store.watch(ResourceCatalog.PODS, "",
                fromNow().withFieldSelector("spec.nodeName=node-1"))) {
            store.create(ResourceCatalog.PODS, "default", pod("p", ""), WRITE);
            store.bind("default", "p", object("{'target':{'kind':'Node','name':'node-1'}}"), WRITE);
            store.create(ResourceCatalog.PODS, "default", pod("q", "node-2"), WRITE);
            store.delete(ResourceCatalog.PODS, "default", "p", DeleteOptions.defaults().withGracePeriod(0));
            assertEquals(List.of("ADDED p", "DELETED p"), describe(next(watch, 2)));
        }
    }

    @Test
    void finalizedObjectsAreModifiedThenDeleted() throws Exception {
        store.create(ResourceCatalog.CONFIG_MAPS, "default", object("{'metadata':{'name':'f','finalizers':['x.io/f']}}"),
                WRITE);
        try (ObjectWatch watch = store.watch(ResourceCatalog.CONFIG_MAPS, "default", fromNow())) {
            store.delete(ResourceCatalog.CONFIG_MAPS, "default", "f", DeleteOptions.defaults());
            store.patch(ResourceCatalog.CONFIG_MAPS, "default", "f", "", PatchType.MERGE,
                    json("{'metadata':{'finalizers':null}}"), WRITE);

            List<WatchEvent> events = next(watch, 3);

            assertEquals(List.of("MODIFIED f", "MODIFIED f", "DELETED f"), describe(events));
            assertTrue(ObjectMeta.deletionTimestamp(events.get(0).object()).isPresent());
            assertTrue(ObjectMeta.finalizers(events.get(2).object()).isEmpty());
        }
    }

    @Test
    void bookmarksReportTheNewestVersionSeen() throws Exception {
        WatchOptions options = fromNow().withLabelSelector("app=none").withBookmarks(Duration.ofMillis(300));
        try (ObjectWatch watch = store.watch(ResourceCatalog.CONFIG_MAPS, "default", options)) {
            createConfigMap("filtered-out", "");
            long revision = log.currentRevision();

            List<WatchEvent> events = next(watch, 1);

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

            try (ObjectWatch watch = compacting.watch(ResourceCatalog.CONFIG_MAPS, "default",
                    WatchOptions.all().withResourceVersion(old))) {
                List<WatchEvent> events = watch.poll(Duration.ofMillis(100));

                assertEquals(1, events.size());
                JsonObject json = events.get(0).toJson();
                assertEquals("ERROR", json.getString("type"));
                JsonObject status = json.getJsonObject("object");
                assertEquals("Status", status.getString("kind"));
                assertEquals(410, status.getInt("code"));
                assertEquals("Expired", status.getString("reason"));
                assertEquals("too old resource version: " + old + " (" + small.compactRevision() + ")",
                        status.getString("message"));
                assertTrue(watch.isEnded());
            }
        }
    }

    @Test
    void drainSendsEventsUntilTheTimeout() throws Exception {
        createConfigMap("a", "");
        List<String> sent = new ArrayList<>();
        int[] flushes = {0};
        long start = System.nanoTime();
        try (ObjectWatch watch = store.watch(ResourceCatalog.CONFIG_MAPS, "default", WatchOptions.all())) {
            watch.drain(Duration.ofMillis(400), new ObjectWatch.Sink() {
                @Override
                public void send(WatchEvent event) {
                    sent.add(event.toJson().toString());
                }

                @Override
                public void flush() {
                    flushes[0]++;
                }
            });
        }
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(400).toNanos());
        assertEquals(1, sent.size());
        assertTrue(sent.get(0).startsWith("{\"type\":\"ADDED\",\"object\":{\"kind\":\"ConfigMap\""), sent.get(0));
        assertEquals(1, flushes[0]);
    }

    @Test
    void badWatchOptionsAreBadRequests() {
        assertFails(Reason.BAD_REQUEST, () -> WatchOptions.fromQuery("a in (", null, null, null));
        assertFails(Reason.BAD_REQUEST, () -> WatchOptions.fromQuery(null, null, null, "maybe"));
        assertFails(Reason.BAD_REQUEST, "field label not supported: spec.nodeName",
                () -> store.watch(ResourceCatalog.CONFIG_MAPS, "", WatchOptions.fromQuery(null, "spec.nodeName=x", "", "true")));
        assertEquals(true, WatchOptions.fromQuery(null, null, "5", "true").allowBookmarks());
    }
}
