package io.k3j.server.api.watch;

import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Status;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.api.store.WatchOptions;
import io.k3j.server.api.store.WatchStart;
import io.k3j.spi.datastore.CompactedException;
import io.k3j.spi.datastore.DatastoreException;
import io.k3j.spi.datastore.Event;
import io.k3j.spi.datastore.RevisionLog;
import io.k3j.spi.datastore.WatchOverflowException;
import io.k3j.spi.datastore.WatchStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every watch of one server, fed from one subscription to the revision log over the whole
 * registry: each change is read once, decoded once, kept in a window of recent changes and
 * handed to the watches of its type and namespace; their events are encoded once and shared.
 * A watch from a revision inside the window starts from memory, one from an older revision
 * that the log still keeps catches up from the log, one from a compacted revision gets a 410
 * ERROR event. Watches are written by a few delivery threads, never one thread per watch.
 *
 * <p>One dispatcher thread reads the log and looks after timeouts and bookmarks; {@code lock}
 * guards the window, the registered watches and {@code head}, so that a new watch's replay of
 * the window and the live feed meet with no gap and no duplicate.
 */
public final class WatchFanout implements AutoCloseable {

    /**
     * How the fan-out is sized.
     *
     * @param windowSize how many recent changes are kept in memory for watches that resume
     * @param queueCapacity how many live events a watch may have queued before it is ended as too slow
     * @param tick how often timeouts and bookmarks are looked at, and closed watches forgotten
     * @param drainGrace how long an ended watch's client may take to read its last events
     * @param catchUpLimit how long a watch may take to catch up from the log before it is refused
     * @param deliveryThreads how many threads write the watches' streams
     */
    public record Settings(int windowSize, int queueCapacity, Duration tick, Duration drainGrace, Duration catchUpLimit,
            int deliveryThreads) {

        /**
         * A window larger than the log's default retention (1,000 revisions), so that a watch
         * from any revision the log keeps is usually served from memory.
         */
        public static final Settings DEFAULT = new Settings(4096, 1000, Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Math.max(2, Runtime.getRuntime().availableProcessors()));

        public Settings {
            Objects.requireNonNull(tick, "tick");
            Objects.requireNonNull(drainGrace, "drainGrace");
            Objects.requireNonNull(catchUpLimit, "catchUpLimit");
            if (windowSize < 1 || queueCapacity < 1 || deliveryThreads < 1) {
                throw new IllegalArgumentException("window, queue and thread counts must be positive");
            }
        }
    }

    private static final Logger LOG = Logger.getLogger(WatchFanout.class.getName());

    private final ObjectStore store;
    private final RevisionLog log;
    private final Settings settings;
    private final ExecutorService delivery;
    private final Thread dispatcher;

    private final Object lock = new Object();
    private final EventWindow window;
    /** The watches by key prefix: the prefix of a type, or of one namespace of a type. */
    private final Map<String, List<ObjectWatch>> watches = new HashMap<>();
    /** The revision up to which every change has been handed to the watches. */
    private long head;
    private boolean stopped;

    /** Read and replaced by the dispatcher thread only, after {@link #start}; null after a failure. */
    private WatchStream stream;
    private long lastTick;

    public WatchFanout(ObjectStore store, RevisionLog log, Settings settings, ThreadFactory threads) {
        this.store = Objects.requireNonNull(store, "store");
        this.log = Objects.requireNonNull(log, "log");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.window = new EventWindow(settings.windowSize(), 0);
        this.delivery = Executors.newFixedThreadPool(settings.deliveryThreads(), threads);
        this.dispatcher = threads.newThread(this::run);
        dispatcher.setName("k3j-watch-fanout");
    }

    /**
     * Subscribes to the log from its compaction point, so that the window starts out with the
     * history the log keeps (watches that resume after a restart find it in memory), and starts
     * the dispatcher.
     */
    public void start() {
        stream = subscribeFromCompaction();
        dispatcher.start();
    }

    /**
     * Opens a watch: checks it as a list is checked, lists first when it asks for the current
     * state, and registers it for the changes after its revision. Events queue until a sink is
     * attached with {@link ObjectWatch#attach}.
     *
     * @throws ApiException for a request the API refuses, such as a bad selector; a compacted
     *     revision is not refused but gives a watch whose only event is a 410 ERROR, as in Kubernetes
     */
    public ObjectWatch watch(ResourceType type, String namespace, WatchOptions options, WatchEncoding encoding) {
        WatchStart start = store.startWatch(type, namespace, options);
        ObjectWatch watch = new ObjectWatch(type, start.prefix(), start.selector(), options, encoding,
                settings.queueCapacity(), delivery, start.revision(), System.nanoTime());
        start.initial().forEach(event -> watch.offerInitial(new SharedEvent(event)));
        long compacted = log.compactRevision();
        if (start.revision() < compacted) {
            // the window may still hold it, but the API promises 410 for what the log compacted away
            watch.end(Optional.of(ApiException.tooOldResourceVersion(start.revision(), compacted).status()));
            return watch;
        }
        if (!registerFromWindow(watch, start.revision())) {
            catchUp(watch, start.revision());
        }
        return watch;
    }

    /** How many watches the fan-out holds, by type, until it forgets them a tick after their streams end; for metrics. */
    public Map<ResourceType, Integer> openWatches() {
        Map<ResourceType, Integer> counts = new HashMap<>();
        synchronized (lock) {
            watches.values().forEach(list -> list.forEach(watch -> counts.merge(watch.type(), 1, Integer::sum)));
        }
        return counts;
    }

    /** When the revision is inside the window: replays the window after it and registers the watch. */
    private boolean registerFromWindow(ObjectWatch watch, long revision) {
        synchronized (lock) {
            if (stopped) {
                watch.end(Optional.empty());
                return true;
            }
            if (revision < window.start()) {
                return false;
            }
            window.forEachAfter(revision, change -> {
                if (change.key().startsWith(watch.prefix())) {
                    watch.offerCatchUp(change);
                }
            });
            watches.computeIfAbsent(watch.prefix(), p -> new ArrayList<>()).add(watch);
            return true;
        }
    }

    /**
     * Reads the changes after an older revision from the log until it reaches the window, then
     * registers the watch from there. Runs on the caller's thread: a catch-up is a bounded read,
     * like a list.
     */
    private void catchUp(ObjectWatch watch, long revision) {
        long deadline = System.nanoTime() + settings.catchUpLimit().toNanos();
        // the whole registry, so that the read passes the window's start, which is a registry change
        try (WatchStream changes = log.watch(ResourceType.REGISTRY, revision)) {
            long position = revision;
            while (!registerFromWindow(watch, position)) {
                long target;
                synchronized (lock) {
                    target = window.start();
                }
                while (position < target) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        watch.end(Optional.of(ApiException.expired("the watch could not catch up from revision "
                                + revision + " in time; list again").status()));
                        return;
                    }
                    for (Event event : changes.poll(Duration.ofNanos(left))) {
                        position = event.revision();
                        if (event.kv().key().startsWith(watch.prefix())) {
                            watch.offerCatchUp(Change.decode(event));
                        }
                    }
                }
            }
        } catch (CompactedException | WatchOverflowException e) {
            watch.end(Optional.of(ApiException.tooOldResourceVersion(revision, log.compactRevision()).status()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watch.end(Optional.empty());
        } catch (DatastoreException e) {
            throw ApiException.unavailable("the datastore is unavailable: " + e.getMessage(), e);
        }
    }

    // ---- the dispatcher thread

    private void run() {
        while (!isStopped()) {
            try {
                if (stream == null) {
                    stream = resubscribe();
                }
                dispatch(stream.poll(settings.tick()));
            } catch (InterruptedException e) {
                return;
            } catch (DatastoreException e) {
                if (isStopped()) {
                    return;
                }
                recover(e);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "watch fan-out failed, going on", e);
            }
            long now = System.nanoTime();
            if (now - lastTick >= settings.tick().toNanos()) {
                lastTick = now;
                housekeeping(now);
            }
        }
    }

    private void dispatch(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Change> changes = new ArrayList<>(events.size());
        for (Event event : events) {
            try {
                changes.add(Change.decode(event));
            } catch (ApiException e) {
                LOG.warning("watches skip revision " + event.revision() + ": " + e.getMessage());
            }
        }
        Set<ObjectWatch> ready = new LinkedHashSet<>();
        synchronized (lock) {
            for (Change change : changes) {
                window.add(change);
                String key = change.key();
                int typeEnd = key.indexOf('/', ResourceType.REGISTRY.length());
                if (typeEnd > 0) {
                    offer(key.substring(0, typeEnd + 1), change, ready);
                    int namespaceEnd = key.indexOf('/', typeEnd + 1);
                    if (namespaceEnd > 0) {
                        offer(key.substring(0, namespaceEnd + 1), change, ready);
                    }
                }
            }
            head = events.get(events.size() - 1).revision();
        }
        deliver(new ArrayList<>(ready));
    }

    private void offer(String prefix, Change change, Set<ObjectWatch> ready) {
        List<ObjectWatch> list = watches.get(prefix);
        if (list != null) {
            for (ObjectWatch watch : list) {
                if (watch.offer(change)) {
                    ready.add(watch);
                }
            }
        }
    }

    /** One task per delivery thread, each telling its share of the watches: not one task per watch. */
    private void deliver(List<ObjectWatch> ready) {
        int slices = Math.min(settings.deliveryThreads(), ready.size());
        for (int i = 0; i < slices; i++) {
            List<ObjectWatch> slice = ready.subList(i * ready.size() / slices, (i + 1) * ready.size() / slices);
            try {
                delivery.execute(() -> slice.forEach(ObjectWatch::deliverHere));
            } catch (RejectedExecutionException e) {
                return; // stopping: close() ends every watch
            }
        }
    }

    /** Timeouts and bookmarks; forgets closed watches and cancels the streams of stuck clients. */
    private void housekeeping(long now) {
        List<ObjectWatch> stuck = new ArrayList<>();
        synchronized (lock) {
            watches.values().removeIf(list -> {
                list.removeIf(watch -> {
                    if (watch.endedBefore(now, settings.drainGrace().toNanos())) {
                        stuck.add(watch);
                        return true;
                    }
                    watch.tick(now, head);
                    return watch.isClosed();
                });
                return list.isEmpty();
            });
        }
        stuck.forEach(ObjectWatch::cancel);
    }

    /**
     * After the subscription failed: an overflow lost nothing, so the fan-out resubscribes from
     * where it was; changes lost to compaction end every watch with 410, so that clients list
     * again; a datastore that fails is tried again after a tick.
     */
    private void recover(DatastoreException failure) {
        LOG.warning("the watch fan-out lost its subscription to the log: " + failure.getMessage());
        if (stream != null) {
            stream.close();
            stream = null;
        }
        if (failure instanceof CompactedException) {
            expireAll();
            stream = subscribeFromCompaction();
        } else if (!(failure instanceof WatchOverflowException)) {
            sleepTick();
        }
    }

    private WatchStream resubscribe() {
        long from;
        synchronized (lock) {
            from = head;
        }
        try {
            return log.watch(ResourceType.REGISTRY, from);
        } catch (CompactedException e) {
            expireAll();
            return subscribeFromCompaction();
        }
    }

    private void expireAll() {
        Status expired = ApiException.expired("the server lost track of changes; list again").status();
        synchronized (lock) {
            watches.values().forEach(list -> list.forEach(watch -> watch.end(Optional.of(expired))));
        }
    }

    private WatchStream subscribeFromCompaction() {
        while (true) {
            long from = log.compactRevision();
            try {
                WatchStream subscription = log.watch(ResourceType.REGISTRY, from);
                synchronized (lock) {
                    window.reset(from);
                    head = from;
                }
                return subscription;
            } catch (CompactedException e) {
                // compacted between the two reads: again, from the new compaction point
            }
        }
    }

    private void sleepTick() {
        try {
            Thread.sleep(settings.tick().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    /** Ends every watch (their streams end normally; clients watch again elsewhere or later) and stops the threads. */
    @Override
    public void close() {
        List<ObjectWatch> open = new ArrayList<>();
        synchronized (lock) {
            stopped = true;
            watches.values().forEach(open::addAll);
            watches.clear();
        }
        dispatcher.interrupt();
        try {
            dispatcher.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stream != null) {
            stream.close();
        }
        open.forEach(watch -> watch.end(Optional.empty()));
        delivery.shutdown();
        try {
            delivery.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.forEach(ObjectWatch::cancel);
    }

    /** For tests: the revision after which the window holds every change. */
    long windowStart() {
        synchronized (lock) {
            return window.start();
        }
    }
}
