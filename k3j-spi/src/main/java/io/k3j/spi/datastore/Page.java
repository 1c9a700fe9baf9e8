package io.k3j.spi.datastore;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items the keys, in key order
 * @param revision the revision the list was read at
 * @param more whether keys remain after the last item
 */
public record Page(List<KeyValue> items, long revision, boolean more) {

    public Page {
        items = List.copyOf(items);
    }
}
