package io.k3j.server.api.store;

import io.k3j.server.testing.ForwardingRevisionLog;
import io.k3j.spi.datastore.KeyValue;
import io.k3j.spi.datastore.RevisionLog;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** A log that lets a test run a competing write just before the next update, to force a conflict. */
final class InterferingLog extends ForwardingRevisionLog {

    private final AtomicReference<Consumer<RevisionLog>> beforeNextUpdate = new AtomicReference<>();

    InterferingLog(RevisionLog delegate) {
        super(delegate);
    }

    void beforeNextUpdate(Consumer<RevisionLog> interference) {
        beforeNextUpdate.set(interference);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedRevision) {
        Consumer<RevisionLog> interference = beforeNextUpdate.getAndSet(null);
        if (interference != null) {
            interference.accept(delegate);
        }
        return delegate.update(key, value, expectedRevision);
    }
}
