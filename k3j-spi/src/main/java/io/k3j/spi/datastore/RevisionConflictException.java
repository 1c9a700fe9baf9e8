package io.k3j.spi.datastore;

/** An update or delete expected another revision of the key than the one it has. */
public class RevisionConflictException extends DatastoreException {

    private static final long serialVersionUID = 1L;

    private final long expectedRevision;
    private final long actualRevision;

    public RevisionConflictException(String key, long expectedRevision, long actualRevision) {
        super("key " + key + " is at revision " + actualRevision + ", not " + expectedRevision);
        this.expectedRevision = expectedRevision;
        this.actualRevision = actualRevision;
    }

    public long expectedRevision() {
        return expectedRevision;
    }

    public long actualRevision() {
        return actualRevision;
    }
}
