package io.k3j.server.api.watch;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.selector.ObjectSelector;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Status;
import io.k3j.server.api.store.WatchEvent;
import io.k3j.server.api.store.WatchOptions;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One watch: the changes the {@link WatchFanout} hands it, filtered by its selectors as the
 * Kubernetes API server filters them (an object that stops matching is DELETED, one that starts
 * matching is ADDED), queued for its {@link WatchSink}. Bookmarks when asked for; ends at its
 * timeout, or with a 410 Expired ERROR event when it falls too far behind, so that its client
 * lists again.
 *
 * <p>The fan-out offers changes on its dispatcher thread; the sink takes events on writer
 * threads; every field that both touch is guarded by this object's monitor.
 */
public final class ObjectWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ObjectWatch.class.getName());

    /** Kubernetes sends a last bookmark this long before a watch times out, so that clients resume from it. */
    private static final long PRE_TIMEOUT_NANOS = Duration.ofSeconds(2).toNanos();

    private enum State { ACTIVE, ENDED, CLOSED }

    private final ResourceType type;
    private final String prefix;
    private final ObjectSelector selector;
    private final WatchEncoding encoding;
    private final boolean bookmarks;
    private final long bookmarkNanos;
    private final long deadline;
    private final long preTimeoutBookmark;
    private final int capacity;
    private final Executor delivery;
    private final AtomicInteger deliveries = new AtomicInteger();
    private final Runnable deliver = this::deliver;

    /** The initial list, a catch-up or a replay of the window: queued before the sink starts, so not bounded. */
    private final ArrayDeque<SharedEvent> initial = new ArrayDeque<>();
    private final ArrayDeque<SharedEvent> live = new ArrayDeque<>();
    /** The newest revision whose changes this watch has been offered. */
    private long revision;
    private long lastQueued;
    private boolean preTimeoutBookmarkSent;
    private State state = State.ACTIVE;
    private long endedAt;
    private volatile WatchSink sink;

    ObjectWatch(ResourceType type, String prefix, ObjectSelector selector, WatchOptions options, WatchEncoding encoding,
            int capacity, Executor delivery, long startRevision, long now) {
        this.type = Objects.requireNonNull(type, "type");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.selector = Objects.requireNonNull(selector, "selector");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.bookmarks = options.allowBookmarks();
        this.bookmarkNanos = options.bookmarkInterval().toNanos();
        this.deadline = now + options.timeout().toNanos();
        this.preTimeoutBookmark = deadline - PRE_TIMEOUT_NANOS;
        // a watch too short for a bookmark before its end gets none, as in Kubernetes
        this.preTimeoutBookmarkSent = preTimeoutBookmark - now <= 0;
        this.capacity = capacity;
        this.revision = startRevision;
        this.lastQueued = now;
    }

    /** The type this watch streams. */
    public ResourceType type() {
        return type;
    }

    /** The encoding of this watch's stream. */
    public WatchEncoding encoding() {
        return encoding;
    }

    /** Starts delivery: the sink is told at once about what is already queued. */
    public void attach(WatchSink target) {
        sink = Objects.requireNonNull(target, "target");
        signal();
    }

    /** The next event, encoded; null when none is queued now. */
    public byte[] next() {
        SharedEvent event;
        synchronized (this) {
            event = initial.poll();
            if (event == null) {
                event = live.poll();
            }
        }
        return event == null ? null : encoding.encode(event);
    }

    /** Whether the watch has ended and its last event has been taken: the sink ends the stream. */
    public synchronized boolean isFinished() {
        return state != State.ACTIVE && initial.isEmpty() && live.isEmpty();
    }

    /** The sink's stream has ended (the client went away, or every event was written): the fan-out forgets the watch. */
    @Override
    public synchronized void close() {
        state = State.CLOSED;
        initial.clear();
        live.clear();
    }

    // ---- for the fan-out

    String prefix() {
        return prefix;
    }

    synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    /** An event of the initial list or of a catch-up, queued before any live change. */
    synchronized void offerInitial(SharedEvent event) {
        if (state == State.ACTIVE) {
            initial.add(event);
        }
    }

    /** A change read before the watch went live: from the log or the fan-out's window; unbounded. */
    synchronized void offerCatchUp(Change change) {
        if (state == State.ACTIVE && change.revision() > revision) {
            revision = change.revision();
            translate(change).ifPresent(initial::add);
        }
    }

    /**
     * A live change under this watch's prefix; a watch whose queue is full ends with 410 Expired.
     * The caller tells the sink, with {@link #deliverHere}, when this answers true.
     *
     * @return whether the watch queued something for its sink
     */
    synchronized boolean offer(Change change) {
        if (state != State.ACTIVE || change.revision() <= revision) {
            return false;
        }
        revision = change.revision();
        Optional<SharedEvent> event = translate(change);
        if (event.isEmpty()) {
            return false;
        }
        if (live.size() >= capacity) {
            // a client that reads slower than changes come: it lists again rather than holding memory
            endLocked(Optional.of(ApiException.expired("the watch fell more than " + capacity
                    + " events behind; list again").status()), change.revision());
        } else {
            live.add(event.get());
            lastQueued = System.nanoTime();
        }
        return true;
    }

    /**
     * What this watch sends for a change: Kubernetes's selector semantics, where an update that
     * makes an object match is ADDED and one that makes it stop matching is DELETED, carrying the
     * last matching state at the new revision.
     */
    private Optional<SharedEvent> translate(Change change) {
        boolean everything = selector.isEverything();
        boolean matches = everything || selector.matches(change.object());
        return switch (change.type()) {
            case CREATED -> matches ? Optional.of(change.event(WatchEvent.Type.ADDED)) : Optional.empty();
            case DELETED -> matches ? Optional.of(change.event(WatchEvent.Type.DELETED)) : Optional.empty();
            case UPDATED -> {
                Optional<JsonObject> previous = everything ? Optional.empty() : change.previous();
                boolean matched = previous.map(selector::matches).orElse(matches);
                if (matches) {
                    yield Optional.of(change.event(matched ? WatchEvent.Type.MODIFIED : WatchEvent.Type.ADDED));
                }
                yield matched ? Optional.of(change.leftSelection()) : Optional.empty();
            }
        };
    }

    /**
     * The fan-out's periodic look: ends the watch at its timeout; sends a bookmark after a silent
     * bookmark interval and shortly before the timeout.
     *
     * @param head the newest revision the fan-out has handed to every watch
     */
    void tick(long now, long head) {
        synchronized (this) {
            if (state != State.ACTIVE) {
                return;
            }
            if (now - deadline >= 0) {
                endLocked(Optional.empty(), head);
            } else if (bookmarks && (now - lastQueued >= bookmarkNanos
                    || (!preTimeoutBookmarkSent && now - preTimeoutBookmark >= 0))) {
                preTimeoutBookmarkSent |= now - preTimeoutBookmark >= 0;
                live.add(bookmark(Math.max(revision, head)));
                lastQueued = now;
            } else {
                return;
            }
        }
        signal();
    }

    /** Ends the watch; its queued events are still delivered, then an ERROR event with the status, if any. */
    void end(Optional<Status> error) {
        synchronized (this) {
            if (state != State.ACTIVE) {
                return;
            }
            endLocked(error, revision);
        }
        signal();
    }

    private void endLocked(Optional<Status> error, long at) {
        state = State.ENDED;
        endedAt = System.nanoTime();
        error.ifPresent(status -> {
            // a watch that fails needs no more of its events: its client lists again
            initial.clear();
            live.clear();
            live.add(new SharedEvent(WatchEvent.error(status)));
        });
        revision = Math.max(revision, at);
    }

    /** Whether the watch ended at least this long ago and its sink has not finished: a stuck client. */
    synchronized boolean endedBefore(long now, long grace) {
        return state == State.ENDED && now - endedAt >= grace;
    }

    /** Ends the sink's stream at once and forgets the watch. */
    void cancel() {
        close();
        WatchSink target = sink;
        if (target != null) {
            target.cancel();
        }
    }

    private SharedEvent bookmark(long at) {
        JsonObject object = JsonSupport.object()
                .add("kind", type.kind())
                .add("apiVersion", type.apiVersion())
                .add(ObjectMeta.METADATA, JsonSupport.object().add("resourceVersion", Long.toString(at)))
                .build();
        return new SharedEvent(new WatchEvent(WatchEvent.Type.BOOKMARK, object));
    }

    /** Tells the sink, on a delivery thread, one call at a time, and again if more came meanwhile. */
    private void signal() {
        if (sink != null && deliveries.getAndIncrement() == 0) {
            try {
                delivery.execute(deliver);
            } catch (RejectedExecutionException e) {
                deliveries.set(0); // the fan-out is stopping and cancels every sink
            }
        }
    }

    /**
     * Tells the sink on the calling thread, which must be a delivery thread: how the fan-out
     * hands a batch of watches to each delivery thread at once rather than one task per watch.
     * Still one call at a time: when another thread is at it, that one goes round again.
     */
    void deliverHere() {
        if (sink != null && deliveries.getAndIncrement() == 0) {
            deliver();
        }
    }

    private void deliver() {
        int pending = 1;
        do {
            try {
                sink.ready();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the stream of " + this + " failed; ending it", e);
                cancel();
            }
            pending = deliveries.addAndGet(-pending);
        } while (pending != 0);
    }

    @Override
    public String toString() {
        return "watch of " + prefix;
    }
}
