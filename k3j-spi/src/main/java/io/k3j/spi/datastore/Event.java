package io.k3j.spi.datastore;

import java.util.Objects;
import java.util.Optional;

/**
 * One change seen by a watch.
 *
 * @param type what happened
 * @param kv the key after the change; for {@link Type#DELETED} its last value, with the
 *     delete's revision as mod revision
 * @param previous the key before the change, empty for {@link Type#CREATED}
 */
public record Event(Type type, KeyValue kv, Optional<KeyValue> previous) {

    public enum Type { CREATED, UPDATED, DELETED }

    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kv, "kv");
        Objects.requireNonNull(previous, "previous");
    }

    /** The revision of this change. */
    public long revision() {
        return kv.modRevision();
    }
}
