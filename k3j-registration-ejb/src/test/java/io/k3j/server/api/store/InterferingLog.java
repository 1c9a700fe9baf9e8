package io.k3j.server.api.store;

import io.k3j.spi.datastore.KeyValue;
import io.k3j.spi.datastore.Page;
import io.k3j.spi.datastore.RevisionLog;
import io.k3j.spi.datastore.WatchStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** A log that lets a test run a competing write just before the next update, to force a conflict. */
final class InterferingLog implements RevisionLog {

    private final RevisionLog delegate;
    private final AtomicReference<Consumer<RevisionLog>> beforeNextUpdate = new AtomicReference<>();

    InterferingLog(RevisionLog delegate) {
        this.delegate = delegate;
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

    @Override
    public KeyValue create(String key, byte[] value) {
        return delegate.create(key, value);
    }

    @Override
    public KeyValue delete(String key, long expectedRevision) {
        return delegate.delete(key, expectedRevision);
    }

    @Override
    public Optional<KeyValue> get(String key, long revision) {
        return delegate.get(key, revision);
    }

    @Override
    public Page list(String prefix, String startAfter, int limit, long revision) {
        return delegate.list(prefix, startAfter, limit, revision);
    }

    @Override
    public long currentRevision() {
        return delegate.currentRevision();
    }

    @Override
    public long compactRevision() {
        return delegate.compactRevision();
    }

    @Override
    public WatchStream watch(String prefix, long afterRevision) {
        return delegate.watch(prefix, afterRevision);
    }

    @Override
    public long compact(long revision) {
        return delegate.compact(revision);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
