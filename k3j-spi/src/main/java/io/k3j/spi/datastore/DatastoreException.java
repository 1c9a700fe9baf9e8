package io.k3j.spi.datastore;

/** Any failure of a datastore; the subclasses say which. */
public class DatastoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatastoreException(String message) {
        super(message);
    }

    public DatastoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
