package io.k3j.server.api.store;

import io.k3j.server.api.selector.ObjectSelector;
import java.util.List;
import java.util.Objects;

/**
 * Where a watch starts, as {@link ObjectStore#startWatch} resolves it.
 *
 * @param prefix the key prefix of the watched objects
 * @param selector the objects the watch selects
 * @param initial ADDED events for the current state, when the watch starts with a list
 * @param revision the revision after which changes are streamed
 */
public record WatchStart(String prefix, ObjectSelector selector, List<WatchEvent> initial, long revision) {

    public WatchStart {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(selector, "selector");
        initial = List.copyOf(initial);
    }
}
