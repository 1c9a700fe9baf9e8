package io.k3j.spi.datastore;

/** An update or delete found no such key. */
public class KeyNotFoundException extends DatastoreException {

    private static final long serialVersionUID = 1L;

    public KeyNotFoundException(String message) {
        super(message);
    }

    public KeyNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
