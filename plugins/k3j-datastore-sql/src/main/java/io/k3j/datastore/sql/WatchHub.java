package io.k3j.datastore.sql;

import io.k3j.spi.datastore.CompactedException;
import io.k3j.spi.datastore.DatastoreException;
import io.k3j.spi.datastore.WatchStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Feeds every watch of one log from a single poller thread, which reads new rows in revision
 * order. Local writes wake it at once; changes written by other processes are found within
 * one poll interval.
 *
 * <p>{@code dispatchLock} guards {@code subscriptions} and {@code dispatched}, the revision
 * up to which every subscription has been fed, so that a new watch's catch-up read and the
 * live feed meet with no gap and no duplicate.
 */
final class WatchHub implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WatchHub.class.getName());
    private static final int PAGE = 500;

    /** What the hub reads from the store. */
    interface Source {
        long currentRevision();

        long compactRevision();

        /** Rows with a revision in (afterRevision, upToRevision], in revision order, at most {@code limit}. */
        List<LogEntry> entriesAfter(long afterRevision, long upToRevision, int limit);
    }

    private final Source source;
    private final Duration pollInterval;
    private final int capacity;
    private final Object dispatchLock = new Object();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private long dispatched;

    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition wakeCondition = wakeLock.newCondition();
    private boolean wakeRequested;

    private final Thread poller;
    private volatile boolean closed;
    /** Read and written by the poller thread only. */
    private long lastCompactionCheck;

    WatchHub(Source source, Duration pollInterval, int capacity, String name) {
        this.source = source;
        this.pollInterval = pollInterval;
        this.capacity = capacity;
        this.dispatched = source.currentRevision();
        this.poller = new Thread(this::run, "k3j-watch-" + name);
        this.poller.setDaemon(true);
        this.poller.start();
    }

    /** The revision up to which every watch has been fed. */
    long dispatched() {
        synchronized (dispatchLock) {
            return dispatched;
        }
    }

    /** Asks the poller to look now, after a local write. */
    void wake() {
        wakeLock.lock();
        try {
            wakeRequested = true;
            wakeCondition.signal();
        } finally {
            wakeLock.unlock();
        }
    }

    WatchStream subscribe(String prefix, long afterRevision) {
        Subscription subscription = new Subscription(prefix, afterRevision, capacity, this::remove);
        synchronized (dispatchLock) {
            requireRetained(afterRevision);
            long from = afterRevision;
            while (from < dispatched) {
                List<LogEntry> rows = source.entriesAfter(from, dispatched, PAGE);
                // the subscription keeps only its prefix; retention bounds this read
                rows.forEach(row -> subscription.offer(row.toEvent()));
                from = rows.size() < PAGE ? dispatched : rows.get(rows.size() - 1).revision();
            }
            // compaction may have run while we read; if it passed our start, we may have missed rows
            requireRetained(afterRevision);
            subscriptions.add(subscription);
        }
        return subscription;
    }

    private void requireRetained(long afterRevision) {
        long compacted = source.compactRevision();
        if (afterRevision < compacted) {
            throw new CompactedException("revision " + afterRevision + " has been compacted; the oldest available is " + compacted);
        }
    }

    private void remove(Subscription subscription) {
        synchronized (dispatchLock) {
            subscriptions.remove(subscription);
        }
    }

    private void run() {
        boolean failing = false;
        while (!closed) {
            awaitWake();
            if (closed) {
                break;
            }
            try {
                pollOnce();
                if (failing) {
                    LOG.info("watch poller reads the datastore again");
                    failing = false;
                }
            } catch (DatastoreException e) {
                if (!failing) {
                    LOG.warning("watch poller cannot read the datastore, retrying: " + e.getMessage());
                    failing = true;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "watch poller failed, retrying", e);
            }
        }
    }

    private void awaitWake() {
        wakeLock.lock();
        try {
            long left = pollInterval.toNanos();
            while (!wakeRequested && !closed && left > 0) {
                left = wakeCondition.awaitNanos(left);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            wakeLock.unlock();
        }
    }

    /** Feeds every new row to the watches; checks for foreign compaction once per poll interval. */
    private void pollOnce() {
        long now = System.nanoTime();
        if (now - lastCompactionCheck >= pollInterval.toNanos()) {
            lastCompactionCheck = now;
            long compacted = source.compactRevision();
            synchronized (dispatchLock) {
                if (compacted > dispatched) {
                    // another process compacted past what we fed: our watchers may have missed changes
                    CompactedException gone = new CompactedException("changes after revision " + dispatched
                            + " were compacted before this server read them; list again");
                    List.copyOf(subscriptions).forEach(s -> s.fail(gone));
                    dispatched = source.currentRevision();
                    return;
                }
            }
        }
        List<LogEntry> rows;
        do {
            rows = source.entriesAfter(dispatched(), Long.MAX_VALUE, PAGE);
            if (rows.isEmpty()) {
                return;
            }
            synchronized (dispatchLock) {
                for (LogEntry row : rows) {
                    var event = row.toEvent();
                    for (Subscription s : List.copyOf(subscriptions)) {
                        s.offer(event);
                    }
                }
                dispatched = rows.get(rows.size() - 1).revision();
            }
        } while (rows.size() == PAGE && !closed);
    }

    @Override
    public void close() {
        closed = true;
        wake();
        try {
            poller.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (dispatchLock) {
            DatastoreException gone = new DatastoreException("the datastore was closed");
            List.copyOf(subscriptions).forEach(s -> s.fail(gone));
            subscriptions.clear();
        }
    }
}
