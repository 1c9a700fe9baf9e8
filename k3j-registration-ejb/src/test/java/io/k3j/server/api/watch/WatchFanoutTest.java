package io.k3j.server.api.watch;

import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.TestLogs;
import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.api.store.WatchEvent;
import io.k3j.server.api.store.WatchOptions;
import io.k3j.server.api.store.WriteOptions;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fan-out: one log subscription for every watch, a window of recent changes, bounded queues, timeouts. */
class WatchFanoutTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ResourceType CONFIG_MAPS = ResourceCatalog.CONFIG_MAPS;
    /** A small window and queue, and quick ticks, so that tests reach their edges fast. */
    private static final WatchFanout.Settings SETTINGS = new WatchFanout.Settings(4, 3, Duration.ofMillis(20),
            Duration.ofMillis(300), Duration.ofSeconds(5), 2);

    private CountingLog log;
    private ObjectStore store;
    private WatchFanout fanout;

    @BeforeEach
    void start() {
        log = new CountingLog(TestLogs.open());
        store = new ObjectStore(log);
        store.ensureSystemNamespaces();
        fanout = new WatchFanout(store, log, SETTINGS, Thread::new);
        fanout.start();
    }

    @AfterEach
    void stop() {
        fanout.close();
        log.close();
    }

    private JsonObject create(String namespace, String name) {
        return store.create(CONFIG_MAPS, namespace, object("{'metadata':{'name':'" + name + "'}}"), WriteOptions.DEFAULT);
    }

    private ObjectWatch watch(String namespace, WatchOptions options) {
        return fanout.watch(CONFIG_MAPS, namespace, options, WatchEncoding.JSON);
    }

    private static WatchOptions from(long revision) {
        return WatchOptions.all().withResourceVersion(Long.toString(revision));
    }

    private static long revision(JsonObject object) {
        return Long.parseLong(ObjectMeta.resourceVersion(object));
    }

    private static List<String> names(List<WatchEvent> events) {
        return events.stream().map(e -> e.type() + " " + ObjectMeta.name(e.object())).toList();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(10);
        }
    }

    private int openWatches() {
        return fanout.openWatches().values().stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void everyWatchIsFedFromOneSubscriptionAndSharesEncodedEvents() throws Exception {
        int subscriptions = log.subscriptions();
        long now = log.currentRevision();
        RecordingSink first = RecordingSink.attach(watch("default", from(now)));
        RecordingSink second = RecordingSink.attach(watch("default", from(now)));
        RecordingSink allNamespaces = RecordingSink.attach(watch("", from(now)));
        RecordingSink otherNamespace = RecordingSink.attach(watch("kube-system", from(now)));

        create("default", "a");

        assertEquals(List.of("ADDED a"), names(first.next(1, WAIT)));
        assertEquals(List.of("ADDED a"), names(second.next(1, WAIT)));
        assertEquals(List.of("ADDED a"), names(allNamespaces.next(1, WAIT)));
        assertSame(first.lines().get(0), second.lines().get(0), "one encoding of the event for every watch");
        assertSame(first.lines().get(0), allNamespaces.lines().get(0));
        assertEquals(List.of(), otherNamespace.next(1, Duration.ofMillis(200)));
        assertEquals(subscriptions, log.subscriptions(), "watches from recent revisions read no log");
        assertEquals(Map.of(CONFIG_MAPS, 4), fanout.openWatches());
    }

    @Test
    void aRecentRevisionIsServedFromTheWindow() throws Exception {
        List<JsonObject> created = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            created.add(create("default", "c" + i));
        }
        await(() -> fanout.windowStart() >= revision(created.get(1)), "the window holds the newest four changes");
        int subscriptions = log.subscriptions();

        RecordingSink sink = RecordingSink.attach(watch("default", from(revision(created.get(3)))));
        create("default", "c7");

        assertEquals(List.of("ADDED c5", "ADDED c6", "ADDED c7"), names(sink.next(3, WAIT)));
        assertEquals(subscriptions, log.subscriptions());
    }

    @Test
    void anOlderRevisionTheLogKeepsCatchesUpFromTheLogThenGoesLive() throws Exception {
        List<JsonObject> created = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            created.add(create("default", "c" + i));
        }
        long c1 = revision(created.get(0));
        await(() -> fanout.windowStart() > c1 + 1, "the window has moved past c2");
        int subscriptions = log.subscriptions();

        RecordingSink sink = RecordingSink.attach(watch("default", from(c1)));
        create("default", "c9");

        assertEquals(List.of("ADDED c2", "ADDED c3", "ADDED c4", "ADDED c5", "ADDED c6", "ADDED c7", "ADDED c8", "ADDED c9"),
                names(sink.next(8, WAIT)));
        assertEquals(subscriptions + 1, log.subscriptions(), "one catch-up read of the log");
        assertEquals(List.of(), sink.next(1, Duration.ofMillis(200)), "no duplicate where catch-up meets the window");
    }

    @Test
    void aRevisionNeitherWindowNorLogKeepsEndsWithTooOldResourceVersion() throws Exception {
        long old = revision(create("default", "a"));
        for (int i = 1; i <= 6; i++) {
            create("default", "c" + i);
        }
        await(() -> fanout.windowStart() > old, "the window has moved past the old revision");
        log.compact(log.currentRevision());

        ObjectWatch watch = watch("default", from(old));
        RecordingSink sink = RecordingSink.attach(watch);

        List<WatchEvent> events = sink.next(2, Duration.ofMillis(500));
        assertEquals(1, events.size());
        assertEquals(WatchEvent.Type.ERROR, events.get(0).type());
        assertEquals(410, events.get(0).object().getInt("code"));
        assertEquals("too old resource version: " + old + " (" + log.compactRevision() + ")",
                events.get(0).object().getString("message"));
        assertTrue(sink.awaitEnd(WAIT));
        await(() -> openWatches() == 0, "the failed watch is not registered");
    }

    @Test
    void aCompactedRevisionIsTooOldEvenWhileTheWindowStillHoldsIt() throws Exception {
        long old = revision(create("default", "a"));
        create("default", "b");
        log.compact(log.currentRevision());

        RecordingSink sink = RecordingSink.attach(watch("default", from(old)));

        List<WatchEvent> events = sink.next(2, Duration.ofMillis(500));
        assertEquals(List.of(WatchEvent.Type.ERROR), events.stream().map(WatchEvent::type).toList());
        assertEquals(410, events.get(0).object().getInt("code"));
        assertTrue(sink.awaitEnd(WAIT));
    }

    @Test
    void aWatchThatFallsBehindEndsWithExpiredAndItsClientLists() throws Exception {
        long now = log.currentRevision();
        ObjectWatch slow = watch("default", from(now));
        slow.attach(new WatchSink() {
            @Override
            public void ready() {
                // a client that reads nothing
            }

            @Override
            public void cancel() {
            }
        });
        RecordingSink keepsUp = RecordingSink.attach(watch("default", from(now)));
        for (int i = 1; i <= 5; i++) {
            create("default", "c" + i);
        }
        assertEquals(5, keepsUp.next(5, WAIT).size());

        JsonObject error = JsonSupport.parse(slow.next()).asJsonObject();
        assertEquals("ERROR", error.getString("type"));
        assertEquals(410, error.getJsonObject("object").getInt("code"));
        assertEquals("Expired", error.getJsonObject("object").getString("reason"));
        assertEquals("the watch fell more than 3 events behind; list again",
                error.getJsonObject("object").getString("message"));
        assertNull(slow.next());
        assertTrue(slow.isFinished());
    }

    @Test
    void aTimedOutWatchEndsAndIsForgotten() throws Exception {
        ObjectWatch watch = watch("default", WatchOptions.all().withTimeout(Duration.ofMillis(200)));
        RecordingSink sink = RecordingSink.attach(watch);
        assertEquals(1, openWatches());

        assertTrue(sink.awaitEnd(WAIT));
        assertFalse(sink.cancelled());
        await(() -> openWatches() == 0, "the ended watch is forgotten");
    }

    @Test
    void aClosedStreamIsForgottenWithinATick() throws Exception {
        ObjectWatch watch = watch("default", WatchOptions.all());
        RecordingSink.attach(watch);
        assertEquals(1, openWatches());

        watch.close(); // what the HTTP sink does when its client goes away
        await(() -> openWatches() == 0, "the closed watch is forgotten");
        create("default", "after-close");
        assertNull(watch.next());
    }

    @Test
    void aClientThatDoesNotReadItsLastEventsIsCancelled() throws Exception {
        ObjectWatch watch = watch("default", WatchOptions.all().withTimeout(Duration.ofMillis(100)));
        boolean[] cancelled = {false};
        watch.attach(new WatchSink() {
            @Override
            public void ready() {
                // never writable
            }

            @Override
            public synchronized void cancel() {
                cancelled[0] = true;
            }
        });
        await(() -> openWatches() == 0, "the stuck watch is dropped after the drain grace");
        assertTrue(cancelled[0]);
    }

    @Test
    void bookmarksComeBeforeTheTimeout() throws Exception {
        WatchOptions options = from(log.currentRevision()).withBookmarks(Duration.ofMinutes(1))
                .withTimeout(Duration.ofMillis(2500));
        RecordingSink sink = RecordingSink.attach(watch("default", options));
        long created = revision(create("kube-system", "elsewhere"));

        List<WatchEvent> events = sink.next(1, WAIT);

        assertEquals(WatchEvent.Type.BOOKMARK, events.get(0).type());
        assertEquals(Long.toString(created), ObjectMeta.resourceVersion(events.get(0).object()),
                "the bookmark carries the server's newest revision, beyond the watch's own namespace");
        assertTrue(sink.awaitEnd(WAIT));
    }

    @Test
    void closingTheFanoutEndsEveryStream() throws Exception {
        RecordingSink sink = RecordingSink.attach(watch("default", WatchOptions.all()));
        fanout.close();
        assertTrue(sink.awaitEnd(WAIT));
        assertEquals(0, openWatches());
    }
}
