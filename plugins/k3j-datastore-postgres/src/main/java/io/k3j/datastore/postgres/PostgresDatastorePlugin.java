package io.k3j.datastore.postgres;

import io.k3j.datastore.sql.SqlDatastorePlugin;
import io.k3j.datastore.sql.SqlDialect;
import java.util.Set;

/** An external PostgreSQL database, shared by one or more servers. */
public final class PostgresDatastorePlugin extends SqlDatastorePlugin {

    private final PostgresDialect dialect = new PostgresDialect();

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("postgres", "postgresql");
    }

    @Override
    protected SqlDialect dialect() {
        return dialect;
    }
}
