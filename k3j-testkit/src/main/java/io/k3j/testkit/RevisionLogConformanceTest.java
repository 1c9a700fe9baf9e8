package io.k3j.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k3j.spi.datastore.CompactedException;
import io.k3j.spi.datastore.DatastoreConfig;
import io.k3j.spi.datastore.DatastoreException;
import io.k3j.spi.datastore.DatastorePlugin;
import io.k3j.spi.datastore.Event;
import io.k3j.spi.datastore.KeyExistsException;
import io.k3j.spi.datastore.KeyNotFoundException;
import io.k3j.spi.datastore.KeyValue;
import io.k3j.spi.datastore.Page;
import io.k3j.spi.datastore.RevisionConflictException;
import io.k3j.spi.datastore.RevisionLog;
import io.k3j.spi.datastore.WatchStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The black-box contract of {@link RevisionLog}. A datastore plugin's test extends this class,
 * says how to reach an empty store and how many entries the store holds; every test here must
 * then pass unchanged.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class RevisionLogConformanceTest {

    /** How long a watcher may take to see a change written by another log instance. */
    protected static final Duration WATCH_WAIT = Duration.ofSeconds(10);

    @TempDir
    protected Path dataDir;

    private final List<RevisionLog> opened = new ArrayList<>();
    protected RevisionLog log;

    /** The plugin under test. */
    protected abstract DatastorePlugin plugin();

    /**
     * An endpoint of an empty store, different (or emptied) for every call of a test class:
     * each test starts from revision 0 with no key.
     */
    protected abstract String freshEndpoint();

    /** How many entries, history included, the store of the endpoint {@link #freshEndpoint()} gave last holds. */
    protected abstract long storedEntryCount();

    /** Whether two logs opened on one endpoint share it, as servers of one cluster do. */
    protected boolean supportsSharedStore() {
        return true;
    }

    /** The configuration the tests open logs with; compaction runs only when a test asks. */
    protected DatastoreConfig config(String endpoint) {
        return DatastoreConfig.of(endpoint, dataDir)
                .withCompactInterval(Duration.ZERO)
                .withPollInterval(Duration.ofMillis(100));
    }

    protected RevisionLog open(DatastoreConfig config) {
        RevisionLog opened = plugin().open(config);
        this.opened.add(opened);
        return opened;
    }

    @BeforeEach
    void openFreshLog() {
        log = open(config(freshEndpoint()));
    }

    @AfterEach
    void closeLogs() {
        opened.forEach(RevisionLog::close);
        opened.clear();
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    protected static String text(KeyValue kv) {
        return new String(kv.value(), UTF_8);
    }

    // ---- create, get, update, delete

    @Test
    void createAssignsNewRevisionAndGetReadsIt() {
        long before = log.currentRevision();
        KeyValue created = log.create("/registry/configmaps/default/a", bytes("one"));
        assertEquals(before + 1, created.modRevision());
        assertEquals(created.modRevision(), created.createRevision());
        assertEquals(created.modRevision(), log.currentRevision());
        KeyValue read = log.get("/registry/configmaps/default/a").orElseThrow();
        assertEquals(created, read);
        assertEquals("one", text(read));
        assertEquals(Optional.empty(), log.get("/registry/configmaps/default/missing"));
    }

    @Test
    void createOfExistingKeyFailsAndWritesNothing() {
        log.create("/k", bytes("one"));
        long revision = log.currentRevision();
        assertThrows(KeyExistsException.class, () -> log.create("/k", bytes("two")));
        assertEquals(revision, log.currentRevision());
        assertEquals("one", text(log.get("/k").orElseThrow()));
    }

    @Test
    void updateChecksExpectedRevision() {
        KeyValue created = log.create("/k", bytes("one"));
        KeyValue updated = log.update("/k", bytes("two"), created.modRevision());
        assertEquals(created.createRevision(), updated.createRevision());
        assertTrue(updated.modRevision() > created.modRevision());

        RevisionConflictException stale = assertThrows(RevisionConflictException.class,
                () -> log.update("/k", bytes("three"), created.modRevision()));
        assertEquals(updated.modRevision(), stale.actualRevision());
        assertEquals("two", text(log.get("/k").orElseThrow()));

        KeyValue unconditional = log.update("/k", bytes("four"), RevisionLog.ANY_REVISION);
        assertEquals("four", text(unconditional));
        assertThrows(KeyNotFoundException.class, () -> log.update("/nope", bytes("x"), RevisionLog.ANY_REVISION));
    }

    @Test
    void deleteChecksExpectedRevisionAndKeyCanBeCreatedAgain() {
        KeyValue created = log.create("/k", bytes("one"));
        KeyValue updated = log.update("/k", bytes("two"), created.modRevision());
        assertThrows(RevisionConflictException.class, () -> log.delete("/k", created.modRevision()));
        KeyValue deleted = log.delete("/k", updated.modRevision());
        assertEquals("two", text(deleted));
        assertEquals(log.currentRevision(), deleted.modRevision());
        assertEquals(Optional.empty(), log.get("/k"));
        assertThrows(KeyNotFoundException.class, () -> log.delete("/k", RevisionLog.ANY_REVISION));

        KeyValue again = log.create("/k", bytes("three"));
        assertTrue(again.createRevision() > deleted.modRevision());
        assertEquals("three", text(log.get("/k").orElseThrow()));
    }

    @Test
    void getReadsAnyRetainedRevision() {
        log.create("/first", bytes("so that revisions before /k exist"));
        KeyValue one = log.create("/k", bytes("one"));
        KeyValue two = log.update("/k", bytes("two"), one.modRevision());
        KeyValue gone = log.delete("/k", two.modRevision());

        assertEquals(Optional.empty(), log.get("/k", one.modRevision() - 1));
        assertEquals("one", text(log.get("/k", one.modRevision()).orElseThrow()));
        assertEquals("two", text(log.get("/k", two.modRevision()).orElseThrow()));
        assertEquals(two, log.get("/k", gone.modRevision() - 1).orElseThrow());
        assertEquals(Optional.empty(), log.get("/k", gone.modRevision()));
    }

    @Test
    void valuesKeepEveryByte() {
        byte[] value = new byte[256 * 1024];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 31);
        }
        log.create("/binary", value);
        assertArrayEquals(value, log.get("/binary").orElseThrow().value());
        log.create("/empty", new byte[0]);
        assertEquals(0, log.get("/empty").orElseThrow().value().length);
    }

    // ---- list

    @Test
    void listReturnsPrefixInKeyOrder() {
        for (String key : List.of("/r/b/2", "/r/a/1", "/r/b/1", "/r/a0", "/r/c", "/s/a")) {
            log.create(key, bytes(key));
        }
        log.delete("/r/c", RevisionLog.ANY_REVISION);

        Page under = log.list("/r/b/", null, 0, RevisionLog.LATEST);
        assertEquals(List.of("/r/b/1", "/r/b/2"), keys(under));
        assertFalse(under.more());
        assertEquals(log.currentRevision(), under.revision());

        assertEquals(List.of("/r/a/1", "/r/a0", "/r/b/1", "/r/b/2"), keys(log.list("/r/", null, 0, RevisionLog.LATEST)));
        assertEquals(List.of("/r/a/1"), keys(log.list("/r/a/", null, 0, RevisionLog.LATEST)));
        assertEquals(6 - 1, log.list("", null, 0, RevisionLog.LATEST).items().size());
    }

    @Test
    void listPagesWithLimitAndStartAfter() {
        for (int i = 0; i < 25; i++) {
            log.create(String.format("/p/%02d", i), bytes("v" + i));
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        Page page;
        do {
            page = log.list("/p/", after, 10, RevisionLog.LATEST);
            seen.addAll(keys(page));
            after = seen.get(seen.size() - 1);
            pages++;
        } while (page.more());
        assertEquals(3, pages);
        assertEquals(25, seen.size());
        assertEquals(new ArrayList<>(new java.util.TreeSet<>(seen)), seen);
    }

    @Test
    void listReadsAnOlderRevision() {
        KeyValue a = log.create("/o/a", bytes("a1"));
        long afterA = log.currentRevision();
        log.update("/o/a", bytes("a2"), a.modRevision());
        log.create("/o/b", bytes("b1"));
        log.delete("/o/a", RevisionLog.ANY_REVISION);

        Page then = log.list("/o/", null, 0, afterA);
        assertEquals(List.of("/o/a"), keys(then));
        assertEquals("a1", text(then.items().get(0)));
        assertEquals(afterA, then.revision());
        assertEquals(List.of("/o/b"), keys(log.list("/o/", null, 0, RevisionLog.LATEST)));
    }

    private static List<String> keys(Page page) {
        return page.items().stream().map(KeyValue::key).toList();
    }

    // ---- watch

    @Test
    void watchDeliversHistoryThenLiveChangesInOrder() throws Exception {
        long start = log.currentRevision();
        KeyValue one = log.create("/w/a", bytes("one"));
        KeyValue two = log.update("/w/a", bytes("two"), one.modRevision());
        log.create("/x/other", bytes("not watched"));

        try (WatchStream watch = log.watch("/w/", start)) {
            log.delete("/w/a", two.modRevision());
            List<Event> events = await(watch, 3);
            assertEquals(List.of(Event.Type.CREATED, Event.Type.UPDATED, Event.Type.DELETED),
                    events.stream().map(Event::type).toList());
            assertEquals(Optional.empty(), events.get(0).previous());
            assertEquals("one", text(events.get(1).previous().orElseThrow()));
            assertEquals(one.modRevision(), events.get(1).previous().orElseThrow().modRevision());
            assertEquals("two", text(events.get(2).kv()));
            assertEquals("two", text(events.get(2).previous().orElseThrow()));
            assertEquals(log.currentRevision(), events.get(2).revision());
            assertTrue(watch.poll(Duration.ofMillis(300)).isEmpty(), "nothing else under /w/");
        }
    }

    @Test
    void watchFromCurrentRevisionSeesOnlyLaterChanges() throws Exception {
        log.create("/w/old", bytes("old"));
        try (WatchStream watch = log.watch("/w/", log.currentRevision())) {
            log.create("/w/new", bytes("new"));
            List<Event> events = await(watch, 1);
            assertEquals("/w/new", events.get(0).kv().key());
        }
    }

    @Test
    void concurrentWritersAreWatchedWithoutGapsOrDuplicates() throws Exception {
        int writers = 4;
        int each = 50;
        long start = log.currentRevision();
        try (WatchStream watch = log.watch("/c/", start)) {
            runConcurrently(writers, w -> {
                for (int i = 0; i < each; i++) {
                    log.create("/c/" + w + "/" + i, bytes("x"));
                }
            });
            List<Event> events = await(watch, writers * each);
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < events.size(); i++) {
                assertEquals(start + 1 + i, events.get(i).revision(), "revisions are contiguous and in order");
                keys.add(events.get(i).kv().key());
            }
            assertEquals(writers * each, keys.size());
        }
    }

    @Test
    void concurrentUpdatesWithOneExpectedRevisionHaveOneWinner() throws Exception {
        KeyValue created = log.create("/race", bytes("start"));
        AtomicInteger winners = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        runConcurrently(8, w -> {
            try {
                log.update("/race", bytes("writer " + w), created.modRevision());
                winners.incrementAndGet();
            } catch (RevisionConflictException e) {
                conflicts.incrementAndGet();
            }
        });
        assertEquals(1, winners.get());
        assertEquals(7, conflicts.get());
        assertEquals(created.modRevision() + 1, log.currentRevision());
    }

    @Test
    void closingTheLogEndsItsWatches() throws Exception {
        RevisionLog other = open(config(freshEndpoint()));
        WatchStream watch = other.watch("/", other.currentRevision());
        other.close();
        opened.remove(other);
        assertThrows(DatastoreException.class, () -> {
            for (int i = 0; i < 50; i++) {
                watch.poll(Duration.ofMillis(100));
            }
        });
    }

    @Test
    void logsOnOneStoreShareWritesAndWatches() throws Exception {
        assumeTrue(supportsSharedStore(), "this store serves a single process");
        DatastoreConfig shared = config(freshEndpoint());
        RevisionLog first = open(shared);
        RevisionLog second = open(shared);
        long start = second.currentRevision();
        try (WatchStream watch = second.watch("/h/", start)) {
            KeyValue written = first.create("/h/a", bytes("from first"));
            assertEquals(written, second.get("/h/a").orElseThrow(), "a write is readable at once on the other log");
            runConcurrently(2, w -> {
                RevisionLog writer = w == 0 ? first : second;
                for (int i = 0; i < 40; i++) {
                    writer.create("/h/" + w + "/" + i, bytes("x"));
                }
            });
            List<Event> events = await(watch, 81);
            for (int i = 0; i < events.size(); i++) {
                assertEquals(start + 1 + i, events.get(i).revision());
            }
        }
    }

    // ---- compaction

    @Test
    void compactionRemovesHistoryButKeepsState() throws Exception {
        KeyValue a = log.create("/m/a", bytes("a1"));
        KeyValue a2 = log.update("/m/a", bytes("a2"), a.modRevision());
        log.create("/m/gone", bytes("g"));
        log.delete("/m/gone", RevisionLog.ANY_REVISION);
        log.create("/m/b", bytes("b1"));
        long compactTo = log.currentRevision();
        log.update("/m/b", bytes("b2"), RevisionLog.ANY_REVISION);
        long before = storedEntryCount();

        assertTrue(log.compact(compactTo) > 0);
        assertEquals(compactTo, log.compactRevision());
        assertTrue(storedEntryCount() < before);

        assertThrows(CompactedException.class, () -> log.get("/m/a", a.modRevision()));
        assertThrows(CompactedException.class, () -> log.list("/m/", null, 0, a2.modRevision()));
        assertThrows(CompactedException.class, () -> log.watch("/m/", a.modRevision()));
        assertEquals(List.of("/m/a", "/m/b"), keys(log.list("/m/", null, 0, compactTo)));
        assertEquals("b1", text(log.get("/m/b", compactTo).orElseThrow()));
        assertEquals("a2", text(log.get("/m/a").orElseThrow()));
        assertEquals("b2", text(log.get("/m/b").orElseThrow()));
        assertEquals(Optional.empty(), log.get("/m/gone"));
        assertEquals(0, log.compact(compactTo), "compacting again does nothing");

        try (WatchStream watch = log.watch("/m/", compactTo)) {
            List<Event> events = await(watch, 1);
            assertEquals("b2", text(events.get(0).kv()));
        }
    }

    @Test
    void storageStaysBoundedUnderManyUpdates() throws Exception {
        long retention = 200;
        RevisionLog compacting = open(config(freshEndpoint())
                .withRetention(retention)
                .withCompactInterval(Duration.ofMillis(200)));
        int keys = 100;
        int updates = 5_000;
        for (int k = 0; k < keys; k++) {
            compacting.create("/b/" + k, bytes("0"));
        }
        for (int i = 0; i < updates; i++) {
            compacting.update("/b/" + (i % keys), bytes(Integer.toString(i)), RevisionLog.ANY_REVISION);
        }
        long bound = keys + retention + keys;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (storedEntryCount() > bound && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(storedEntryCount() <= bound, "store holds " + storedEntryCount() + " entries, expected at most " + bound);
        Page all = compacting.list("/b/", null, 0, RevisionLog.LATEST);
        assertEquals(keys, all.items().size());
        assertEquals(Integer.toString(updates - 1), text(compacting.get("/b/" + ((updates - 1) % keys)).orElseThrow()));
    }

    // ---- helpers

    /** Polls until {@code count} events arrived, failing after {@link #WATCH_WAIT}. */
    protected static List<Event> await(WatchStream watch, int count) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + WATCH_WAIT.toNanos();
        while (events.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("got " + events.size() + " of " + count + " events: " + events);
            }
            events.addAll(watch.poll(Duration.ofNanos(left)));
        }
        assertEquals(count, events.size(), "no more events than changes");
        return events;
    }

    /** Work for one of several threads; the int names the thread. */
    protected interface Worker {
        void run(int worker) throws Exception;
    }

    protected static void runConcurrently(int threads, Worker work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int worker = t;
                Callable<Void> task = () -> {
                    work.run(worker);
                    return null;
                };
                results.add(pool.submit(task));
            }
            for (Future<Void> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
