package io.k3j.spi.datastore;

/** A watcher fell so far behind that its buffer overflowed. */
public class WatchOverflowException extends DatastoreException {

    private static final long serialVersionUID = 1L;

    public WatchOverflowException(String message) {
        super(message);
    }

    public WatchOverflowException(String message, Throwable cause) {
        super(message, cause);
    }
}
