package io.k3j.spi.datastore;

import java.util.Optional;

/**
 * A revisioned key-value log. Keys are strings such as {@code /registry/configmaps/default/a};
 * values are opaque bytes.
 *
 * <p>Every create, update and delete appends an entry with a new revision, global to the log
 * and strictly increasing; reads name a revision or read the newest. Old revisions are
 * compacted away: a read or watch that needs one fails with {@link CompactedException}.
 * Implementations are safe for use by many threads, and by many processes sharing one store.
 */
public interface RevisionLog extends AutoCloseable {

    /** Asks {@link #get(String, long)} and {@link #list} for the newest revision. */
    long LATEST = 0;

    /** Asks {@link #update} and {@link #delete} to write whatever the key's revision is. */
    long ANY_REVISION = 0;

    /**
     * Creates a key.
     *
     * @return the new entry, whose create and mod revisions are the new revision
     * @throws KeyExistsException when the key exists
     */
    KeyValue create(String key, byte[] value);

    /**
     * Replaces a key's value.
     *
     * @param expectedRevision the mod revision the key must have, or {@link #ANY_REVISION}
     * @throws KeyNotFoundException when the key does not exist
     * @throws RevisionConflictException when the key's mod revision is not the expected one
     */
    KeyValue update(String key, byte[] value, long expectedRevision);

    /**
     * Deletes a key.
     *
     * @param expectedRevision the mod revision the key must have, or {@link #ANY_REVISION}
     * @return the key's last value, with the delete's revision as mod revision
     * @throws KeyNotFoundException when the key does not exist
     * @throws RevisionConflictException when the key's mod revision is not the expected one
     */
    KeyValue delete(String key, long expectedRevision);

    /**
     * Reads a key as it was at a revision.
     *
     * @param revision a revision, or {@link #LATEST}
     * @throws CompactedException when the revision has been compacted
     */
    Optional<KeyValue> get(String key, long revision);

    /** Reads a key's newest value. */
    default Optional<KeyValue> get(String key) {
        return get(key, LATEST);
    }

    /**
     * Lists the keys that start with a prefix, in key order, as they were at one revision.
     *
     * @param prefix the key prefix; an empty prefix lists every key
     * @param startAfter list only keys after this one (for paging), or {@code null}
     * @param limit at most this many keys; 0 for no limit
     * @param revision a revision, or {@link #LATEST}
     * @throws CompactedException when the revision has been compacted
     */
    Page list(String prefix, String startAfter, int limit, long revision);

    /** The newest revision of the log. */
    long currentRevision();

    /** The newest revision that has been compacted; reads and watches must ask for one after it. */
    long compactRevision();

    /**
     * Streams every change to keys under a prefix after a revision, in revision order, with no
     * gap and no duplicate.
     *
     * @param afterRevision changes with a revision greater than this one are delivered
     * @throws CompactedException when changes after that revision have been compacted
     */
    WatchStream watch(String prefix, long afterRevision);

    /**
     * Removes history up to a revision: superseded entries and deleted keys at or before it.
     * The state of every key at that revision stays readable. Compacting to a revision at or
     * before the current compact revision does nothing.
     *
     * @return how many entries were removed
     */
    long compact(long revision);

    /** Releases connections and threads; open watch streams end. */
    @Override
    void close();
}
