package io.k3j.datastore.postgres;

import io.k3j.spi.datastore.DatastorePlugin;
import io.k3j.testkit.RevisionLogConformanceTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/** The revision log contract on a real PostgreSQL, a fresh database per test. */
class PostgresRevisionLogIT extends RevisionLogConformanceTest {

    private static final List<String> CREATED = new ArrayList<>();
    private final PostgresServer server = PostgresServer.get();
    private String database;

    @Override
    protected DatastorePlugin plugin() {
        return new PostgresDatastorePlugin();
    }

    @Override
    protected String freshEndpoint() {
        database = server.createDatabase("k3j_conformance");
        CREATED.add(database);
        return server.endpoint(database);
    }

    @Override
    protected long storedEntryCount() {
        try (Connection c = server.connect(database);
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM k3j_log")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void dropDatabases() {
        CREATED.forEach(PostgresServer.get()::dropDatabase);
        CREATED.clear();
    }
}
