package io.k3j.server.api.store;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.selector.ObjectSelector;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Status;
import io.k3j.spi.datastore.CompactedException;
import io.k3j.spi.datastore.DatastoreException;
import io.k3j.spi.datastore.Event;
import io.k3j.spi.datastore.WatchOverflowException;
import io.k3j.spi.datastore.WatchStream;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The events of one watch, filtered by its selectors as the Kubernetes API server filters them:
 * an object that stops matching is DELETED, one that starts matching is ADDED. Ends after an
 * ERROR event (410 Expired when the revision was compacted or the watcher fell behind, so that
 * clients relist) or when closed. Meant for one reading thread.
 */
public final class ObjectWatch implements AutoCloseable {

    /** Where {@link #drain} sends events, such as a JAX-RS StreamingOutput's stream. */
    public interface Sink {
        void send(WatchEvent event) throws IOException;

        /** Called after each batch of events, to push them to the client. */
        default void flush() throws IOException {
        }
    }

    private static final Logger LOG = Logger.getLogger(ObjectWatch.class.getName());

    private final ResourceType type;
    private final ObjectSelector selector;
    private final Optional<WatchStream> stream;
    private final boolean bookmarks;
    private final long bookmarkNanos;
    private final Deque<WatchEvent> pending;
    /** The newest revision whose change (to this watch's keys) has been seen; what a bookmark reports. */
    private long revision;
    private long lastSentNanos;
    private boolean ended;

    ObjectWatch(ResourceType type, ObjectSelector selector, WatchOptions options, WatchStream stream,
            List<WatchEvent> initial, long startRevision) {
        this.type = type;
        this.selector = selector;
        this.stream = Optional.of(stream);
        this.bookmarks = options.allowBookmarks();
        this.bookmarkNanos = options.bookmarkInterval().toNanos();
        this.pending = new ArrayDeque<>(initial);
        this.revision = startRevision;
        this.lastSentNanos = System.nanoTime();
    }

    /** A watch that sends one ERROR event and ends, as Kubernetes answers a watch from a compacted revision. */
    static ObjectWatch failed(ResourceType type, ObjectSelector selector, Status status) {
        return new ObjectWatch(type, selector, status);
    }

    private ObjectWatch(ResourceType type, ObjectSelector selector, Status status) {
        this.type = type;
        this.selector = selector;
        this.stream = Optional.empty();
        this.bookmarks = false;
        this.bookmarkNanos = Long.MAX_VALUE;
        this.pending = new ArrayDeque<>(List.of(WatchEvent.error(status)));
        this.ended = true;
    }

    /**
     * Waits up to a timeout for events. A watch with bookmarks returns a BOOKMARK when it has
     * sent nothing for the bookmark interval.
     *
     * @return the next events; empty when the timeout passed without any, or the watch ended
     */
    public List<WatchEvent> poll(Duration timeout) throws InterruptedException {
        if (!pending.isEmpty()) {
            List<WatchEvent> events = new ArrayList<>(pending);
            pending.clear();
            return events;
        }
        if (ended) {
            return List.of();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long now = System.nanoTime();
            long wait = deadline - now;
            if (bookmarks) {
                wait = Math.min(wait, lastSentNanos + bookmarkNanos - now);
            }
            List<Event> changes;
            try {
                changes = stream.orElseThrow().poll(Duration.ofNanos(Math.max(0, wait)));
            } catch (CompactedException | WatchOverflowException e) {
                end();
                return List.of(WatchEvent.error(ApiException.expired(e.getMessage()).status()));
            } catch (DatastoreException e) {
                // the log closed or failed for good: end the watch; clients reconnect and get a proper error
                LOG.fine(() -> "watch of " + type.groupResource() + " ended: " + e.getMessage());
                end();
                return List.of();
            }
            List<WatchEvent> events = translate(changes);
            now = System.nanoTime();
            if (!events.isEmpty()) {
                lastSentNanos = now;
                return events;
            }
            if (stream.orElseThrow().isClosed()) {
                end();
                return List.of();
            }
            if (bookmarks && now - lastSentNanos >= bookmarkNanos) {
                lastSentNanos = now;
                return List.of(bookmark());
            }
            if (now >= deadline) {
                return List.of();
            }
        }
    }

    /**
     * Sends events to a sink until the timeout passes or the watch ends; this is what a
     * streaming HTTP response runs.
     *
     * @throws IOException when the sink fails, such as a client that went away
     */
    public void drain(Duration timeout, Sink sink) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isEnded()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            List<WatchEvent> events = poll(Duration.ofNanos(left));
            for (WatchEvent event : events) {
                sink.send(event);
            }
            if (!events.isEmpty()) {
                sink.flush();
            }
        }
    }

    /** Whether the watch has ended and every event has been read. */
    public boolean isEnded() {
        return ended && pending.isEmpty();
    }

    private List<WatchEvent> translate(List<Event> changes) {
        List<WatchEvent> events = new ArrayList<>();
        for (Event change : changes) {
            revision = change.revision();
            JsonObject object = ObjectCodec.decode(change.kv());
            boolean matches = selector.matches(object);
            switch (change.type()) {
                case CREATED -> {
                    if (matches) {
                        events.add(new WatchEvent(WatchEvent.Type.ADDED, object));
                    }
                }
                case DELETED -> {
                    if (matches) {
                        events.add(new WatchEvent(WatchEvent.Type.DELETED, object));
                    }
                }
                case UPDATED -> {
                    Optional<JsonObject> previous = selector.isEverything()
                            ? Optional.empty() : change.previous().map(ObjectCodec::decode);
                    boolean matched = previous.map(selector::matches).orElse(matches);
                    if (matches) {
                        events.add(new WatchEvent(matched ? WatchEvent.Type.MODIFIED : WatchEvent.Type.ADDED, object));
                    } else if (matched) {
                        // the object left the selection: DELETED with its last matching state at this revision
                        JsonObject left = ObjectCodec.withResourceVersion(previous.orElseThrow(), change.revision());
                        events.add(new WatchEvent(WatchEvent.Type.DELETED, left));
                    }
                }
            }
        }
        return events;
    }

    private WatchEvent bookmark() {
        JsonObject object = JsonSupport.object()
                .add("kind", type.kind())
                .add("apiVersion", type.apiVersion())
                .add(ObjectMeta.METADATA, JsonSupport.object().add("resourceVersion", Long.toString(revision)))
                .build();
        return new WatchEvent(WatchEvent.Type.BOOKMARK, object);
    }

    private void end() {
        ended = true;
        stream.ifPresent(WatchStream::close);
    }

    @Override
    public void close() {
        end();
    }
}
