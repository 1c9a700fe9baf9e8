package io.k3j.spi.datastore;

/** A create found the key already there. */
public class KeyExistsException extends DatastoreException {

    private static final long serialVersionUID = 1L;

    public KeyExistsException(String message) {
        super(message);
    }

    public KeyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
