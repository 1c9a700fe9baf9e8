package io.k3j.server.nodepassword;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * The large work arrays of scrypt (32 MiB each at K3s's cost), kept and reused, and the bound on
 * how many hashes run at once. Allocated per hash, such arrays go straight to the old generation
 * and a registration flood then costs a full collection per hash or two; a flood of registrations
 * waits here instead of exhausting the heap.
 */
public final class ScryptMemory {

    private final BlockingQueue<int[]> free;

    /** @param concurrentHashes how many hashes may run at once, each with its own array */
    public ScryptMemory(int concurrentHashes) {
        if (concurrentHashes < 1) {
            throw new IllegalArgumentException("at least one hash must be able to run: " + concurrentHashes);
        }
        free = new ArrayBlockingQueue<>(concurrentHashes);
        for (int i = 0; i < concurrentHashes; i++) {
            free.add(new int[0]); // grown on first use to the size the cost needs
        }
    }

    /** Runs a hash with an array of at least {@code words} ints, waiting for one to be free. */
    <T> T with(int words, Function<int[], T> hash) {
        int[] array;
        try {
            array = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hash a node password", e);
        }
        try {
            if (array.length < words) {
                array = new int[words];
            }
            return hash.apply(array);
        } finally {
            free.add(array);
        }
    }
}
