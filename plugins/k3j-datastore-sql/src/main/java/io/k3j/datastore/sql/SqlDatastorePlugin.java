package io.k3j.datastore.sql;

import io.k3j.spi.datastore.DatastoreConfig;
import io.k3j.spi.datastore.DatastorePlugin;
import io.k3j.spi.datastore.RevisionLog;

/** A datastore plugin for a SQL database: a dialect over the shared {@link JpaRevisionLog}. */
public abstract class SqlDatastorePlugin implements DatastorePlugin {

    protected abstract SqlDialect dialect();

    @Override
    public RevisionLog open(DatastoreConfig config) {
        return JpaRevisionLog.open(dialect(), config);
    }
}
