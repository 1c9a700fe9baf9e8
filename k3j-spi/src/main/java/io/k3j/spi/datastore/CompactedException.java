package io.k3j.spi.datastore;

/** A read or watch asked for a revision that compaction removed. */
public class CompactedException extends DatastoreException {

    private static final long serialVersionUID = 1L;

    public CompactedException(String message) {
        super(message);
    }

    public CompactedException(String message, Throwable cause) {
        super(message, cause);
    }
}
