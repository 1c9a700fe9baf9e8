package io.k3j.server.api;

import io.k3j.datastore.h2.H2DatastorePlugin;
import io.k3j.spi.datastore.DatastoreConfig;
import io.k3j.spi.datastore.RevisionLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** Real revision logs for tests: a fresh in-memory H2 database each, no background compaction. */
public final class TestLogs {

    private TestLogs() {
    }

    public static RevisionLog open() {
        return open(DatastoreConfig.DEFAULT_RETENTION);
    }

    public static RevisionLog open(long retention) {
        DatastoreConfig config = DatastoreConfig.of("h2:mem:" + UUID.randomUUID(), Path.of("target"))
                .withRetention(retention)
                .withCompactInterval(Duration.ZERO)
                .withPollInterval(Duration.ofMillis(100));
        return new H2DatastorePlugin().open(config);
    }
}
