package io.k3j.datastore.h2;

import io.k3j.datastore.sql.SqlDatastorePlugin;
import io.k3j.datastore.sql.SqlDialect;
import java.util.Set;

/** The default datastore: an embedded H2 database, for a single server. */
public final class H2DatastorePlugin extends SqlDatastorePlugin {

    private final H2Dialect dialect = new H2Dialect();

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("h2");
    }

    @Override
    protected SqlDialect dialect() {
        return dialect;
    }
}
