package io.k3j.server.testing;

import io.k3j.spi.datastore.KeyValue;
import io.k3j.spi.datastore.Page;
import io.k3j.spi.datastore.RevisionLog;
import io.k3j.spi.datastore.WatchStream;
import java.util.Optional;

/** A log that hands every call to another; tests override the calls they watch or disturb. */
public abstract class ForwardingRevisionLog implements RevisionLog {

    protected final RevisionLog delegate;

    protected ForwardingRevisionLog(RevisionLog delegate) {
        this.delegate = delegate;
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        return delegate.create(key, value);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedRevision) {
        return delegate.update(key, value, expectedRevision);
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
