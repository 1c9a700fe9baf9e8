package io.k3j.server.api.watch;

import io.k3j.server.testing.ForwardingRevisionLog;
import io.k3j.spi.datastore.RevisionLog;
import io.k3j.spi.datastore.WatchStream;
import java.util.concurrent.atomic.AtomicInteger;

/** A log that counts its watch subscriptions, to tell watches served from memory from those that read the log. */
final class CountingLog extends ForwardingRevisionLog {

    private final AtomicInteger subscriptions = new AtomicInteger();

    CountingLog(RevisionLog delegate) {
        super(delegate);
    }

    int subscriptions() {
        return subscriptions.get();
    }

    @Override
    public WatchStream watch(String prefix, long afterRevision) {
        subscriptions.incrementAndGet();
        return delegate.watch(prefix, afterRevision);
    }
}
