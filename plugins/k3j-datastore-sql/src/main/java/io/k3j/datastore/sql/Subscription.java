package io.k3j.datastore.sql;

import io.k3j.spi.datastore.DatastoreException;
import io.k3j.spi.datastore.Event;
import io.k3j.spi.datastore.WatchOverflowException;
import io.k3j.spi.datastore.WatchStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One watch's buffer, filled by the {@link WatchHub}'s poller and drained by the reader.
 * Every field is guarded by the instance's monitor.
 */
final class Subscription implements WatchStream {

    private final String prefix;
    private final long afterRevision;
    private final int capacity;
    private final Consumer<Subscription> onClose;
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private long lastRevision;
    private DatastoreException failure;
    private boolean closed;

    Subscription(String prefix, long afterRevision, int capacity, Consumer<Subscription> onClose) {
        this.prefix = prefix;
        this.afterRevision = afterRevision;
        this.lastRevision = afterRevision;
        this.capacity = capacity;
        this.onClose = onClose;
    }

    boolean matches(String key) {
        return key.startsWith(prefix);
    }

    /** Adds a change unless it was delivered before; overflows instead of blocking the poller. */
    synchronized void offer(Event event) {
        if (closed || failure != null || event.revision() <= lastRevision || !matches(event.kv().key())) {
            return;
        }
        if (queue.size() >= capacity) {
            queue.clear();
            fail(new WatchOverflowException("watch of " + prefix + " from revision " + afterRevision
                    + " fell more than " + capacity + " changes behind; list again"));
            return;
        }
        queue.add(event);
        lastRevision = event.revision();
        notifyAll();
    }

    /** Ends the stream with an error, delivered after what is already queued. */
    synchronized void fail(DatastoreException error) {
        if (failure == null && !closed) {
            failure = error;
            notifyAll();
        }
    }

    @Override
    public synchronized List<Event> poll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queue.isEmpty() && failure == null && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            wait(Math.max(1, left / 1_000_000), 0);
        }
        if (!queue.isEmpty()) {
            List<Event> events = new ArrayList<>(queue);
            queue.clear();
            return events;
        }
        if (failure != null && !closed) {
            closed = true;
            onClose.accept(this);
            throw failure;
        }
        return List.of();
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            notifyAll();
        }
        onClose.accept(this);
    }
}
