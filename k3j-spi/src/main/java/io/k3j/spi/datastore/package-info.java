/**
 * The datastore SPI: a revisioned key-value log in the manner of kine.
 *
 * <p>Every write appends an entry with a new, global, strictly increasing revision; the
 * revision is what the Kubernetes API hands out as {@code resourceVersion}. A plugin
 * implements {@link io.k3j.spi.datastore.DatastorePlugin}, registered for
 * {@link java.util.ServiceLoader}, and is chosen by the scheme of the datastore endpoint.
 * Implementations translate their vendor's errors into the exceptions of this package.
 */
package io.k3j.spi.datastore;
