package io.k3j.spi.datastore;

import java.util.Set;

/**
 * A datastore plugin, found with {@link java.util.ServiceLoader} and chosen by the scheme of
 * {@code --datastore-endpoint}.
 */
public interface DatastorePlugin {

    /** A short name for logs, such as {@code postgres}. */
    String name();

    /** The endpoint schemes this plugin serves, such as {@code postgres} and {@code postgresql}. */
    Set<String> schemes();

    /**
     * Opens the log, creating its schema if needed.
     *
     * @throws DatastoreUnavailableException when the store cannot be reached
     * @throws DatastoreException when the endpoint is malformed or the store is unusable
     */
    RevisionLog open(DatastoreConfig config);
}
