package io.k3j.spi.datastore;

/** The store cannot be reached, or stopped answering. */
public class DatastoreUnavailableException extends DatastoreException {

    private static final long serialVersionUID = 1L;

    public DatastoreUnavailableException(String message) {
        super(message);
    }

    public DatastoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
