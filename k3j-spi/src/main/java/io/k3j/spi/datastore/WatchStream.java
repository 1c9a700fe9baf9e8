package io.k3j.spi.datastore;

import java.time.Duration;
import java.util.List;

/**
 * The changes of one watch, buffered for its reader. A reader that falls too far behind is
 * cut off with {@link WatchOverflowException} and must list again, as Kubernetes informers do.
 */
public interface WatchStream extends AutoCloseable {

    /**
     * Waits up to a timeout for changes.
     *
     * @return the changes in revision order; empty when the timeout passed without any
     * @throws WatchOverflowException when the reader fell too far behind
     * @throws DatastoreException when the log was closed or the store failed for good
     */
    List<Event> poll(Duration timeout) throws InterruptedException;

    /** Whether the stream has ended; a closed stream delivers nothing more. */
    boolean isClosed();

    @Override
    void close();
}
