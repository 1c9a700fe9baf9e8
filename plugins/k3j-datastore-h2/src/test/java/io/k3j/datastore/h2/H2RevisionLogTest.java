package io.k3j.datastore.h2;

import io.k3j.spi.datastore.DatastorePlugin;
import io.k3j.testkit.RevisionLogConformanceTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The revision log contract on in-memory H2 databases, one per test. */
class H2RevisionLogTest extends RevisionLogConformanceTest {

    private String database;

    @Override
    protected DatastorePlugin plugin() {
        return new H2DatastorePlugin();
    }

    @Override
    protected String freshEndpoint() {
        database = "conformance-" + UUID.randomUUID();
        return "h2:mem:" + database;
    }

    @Override
    protected long storedEntryCount() {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + database, "sa", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM k3j_log")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
