package io.k3j.server.node;

import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.spi.datastore.DatastoreException;
import io.k3j.spi.datastore.Event;
import io.k3j.spi.datastore.RevisionLog;
import io.k3j.spi.datastore.WatchStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The names of the nodes deleted since the last look, read from the revision log: a pass that
 * only compared lists would miss a node created and deleted between two passes. Used by the
 * pass thread only.
 */
final class NodeDeletions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeDeletions.class.getName());
    private static final String PREFIX = ResourceCatalog.NODES.prefix("");

    private final RevisionLog log;
    private WatchStream stream;

    NodeDeletions(RevisionLog log) {
        this.log = log;
        this.stream = log.watch(PREFIX, log.currentRevision());
    }

    /**
     * The nodes deleted since the last call. After the stream failed (fell behind compaction,
     * say) it starts over from now: deletions in between are then found as orphaned passwords.
     */
    Set<String> drain() throws InterruptedException {
        Set<String> deleted = new HashSet<>();
        try {
            for (Event event : stream.poll(Duration.ZERO)) {
                if (event.type() == Event.Type.DELETED) {
                    deleted.add(event.kv().key().substring(PREFIX.length()));
                }
            }
        } catch (DatastoreException e) {
            LOG.warning("node deletions: the log stream failed, following it again from now: " + e.getMessage());
            stream.close();
            stream = log.watch(PREFIX, log.currentRevision());
        }
        return deleted;
    }

    @Override
    public void close() {
        stream.close();
    }
}
