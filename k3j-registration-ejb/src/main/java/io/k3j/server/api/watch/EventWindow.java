package io.k3j.server.api.watch;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The newest changes of the log, decoded, as the Kubernetes watch cache keeps them: a watch
 * that resumes from a revision inside the window is served from memory. A ring of fixed
 * capacity, in revision order. Not thread-safe: the fan-out guards it.
 */
final class EventWindow {

    private final Change[] ring;
    private int first;
    private int size;
    /** Every change after this revision is in the window. */
    private long start;

    EventWindow(int capacity, long start) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the window must hold at least one change");
        }
        this.ring = new Change[capacity];
        this.start = start;
    }

    /** The revision after which the window holds every change. */
    long start() {
        return start;
    }

    int size() {
        return size;
    }

    /** Adds the newest change; when full, the oldest leaves and the window starts at its revision. */
    void add(Change change) {
        if (size == ring.length) {
            start = ring[first].revision();
            ring[first] = null;
            first = (first + 1) % ring.length;
            size--;
        }
        ring[(first + size) % ring.length] = change;
        size++;
    }

    /** Empties the window, which then holds every change after the revision: none yet. */
    void reset(long revision) {
        Arrays.fill(ring, null);
        first = 0;
        size = 0;
        start = revision;
    }

    /** The changes after a revision, oldest first. */
    void forEachAfter(long revision, Consumer<Change> action) {
        int low = 0;
        int high = size;
        // the first position whose revision is greater: binary search, the ring being in revision order
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (at(middle).revision() <= revision) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        for (int i = low; i < size; i++) {
            action.accept(at(i));
        }
    }

    private Change at(int position) {
        return ring[(first + position) % ring.length];
    }
}
