package io.k3j.server.api.watch;

import io.k3j.server.api.store.ObjectCodec;
import io.k3j.server.api.store.WatchEvent;
import io.k3j.spi.datastore.Event;
import io.k3j.spi.datastore.KeyValue;
import jakarta.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One change of the log, decoded once for every watch that sees it. The events watches send for
 * it are made once each and shared: every watch without a selector sends the same one.
 */
final class Change {

    private final Event.Type type;
    private final String key;
    private final long revision;
    private final JsonObject object;
    private final Optional<KeyValue> previousEntry;
    private Optional<JsonObject> previous;
    private final Map<WatchEvent.Type, SharedEvent> events = new EnumMap<>(WatchEvent.Type.class);
    private SharedEvent left;

    private Change(Event event) {
        this.type = event.type();
        this.key = event.kv().key();
        this.revision = event.revision();
        this.object = ObjectCodec.decode(event.kv());
        this.previousEntry = event.previous();
    }

    static Change decode(Event event) {
        return new Change(event);
    }

    Event.Type type() {
        return type;
    }

    String key() {
        return key;
    }

    long revision() {
        return revision;
    }

    /** The object after the change; for a deletion its last state, at the deletion's revision. */
    JsonObject object() {
        return object;
    }

    /** The object before the change, decoded when a selector first needs it; empty for a creation. */
    synchronized Optional<JsonObject> previous() {
        if (previous == null) {
            previous = previousEntry.map(ObjectCodec::decode);
        }
        return previous;
    }

    /** This change's object as an event of the given type. */
    synchronized SharedEvent event(WatchEvent.Type eventType) {
        return events.computeIfAbsent(eventType, t -> new SharedEvent(new WatchEvent(t, object)));
    }

    /**
     * DELETED with the object's last state before the change, at this change's revision: what a
     * watch whose selector the object no longer matches sends.
     */
    synchronized SharedEvent leftSelection() {
        if (left == null) {
            JsonObject last = ObjectCodec.withResourceVersion(previous().orElseThrow(), revision);
            left = new SharedEvent(new WatchEvent(WatchEvent.Type.DELETED, last));
        }
        return left;
    }
}
