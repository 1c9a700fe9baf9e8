package io.k3j.datastore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.spi.datastore.DatastoreConfig;
import io.k3j.spi.datastore.DatastoreException;
import io.k3j.spi.datastore.DatastoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What users see when the endpoint is wrong, and what the schema looks like. */
class PostgresEndpointIT {

    @TempDir
    Path dataDir;

    private final PostgresDatastorePlugin plugin = new PostgresDatastorePlugin();

    @Test
    void unreachableServerIsOneClearUnavailableError() {
        DatastoreUnavailableException e = assertThrows(DatastoreUnavailableException.class,
                () -> plugin.open(DatastoreConfig.of("postgres://postgres:secret@127.0.0.1:1/k3j", dataDir)));
        assertTrue(e.getMessage().startsWith("cannot connect to PostgreSQL at 127.0.0.1:1/k3j"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), "no password in messages");
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void missingDatabaseIsNamed() {
        PostgresServer server = PostgresServer.get();
        DatastoreUnavailableException e = assertThrows(DatastoreUnavailableException.class,
                () -> plugin.open(DatastoreConfig.of(server.endpoint("k3j_no_such_database"), dataDir)));
        assertTrue(e.getMessage().contains("k3j_no_such_database: the database does not exist"), e.getMessage());
    }

    @Test
    void malformedEndpointIsRejectedBeforeConnecting() {
        DatastoreException e = assertThrows(DatastoreException.class,
                () -> plugin.open(DatastoreConfig.of("postgres://user:pw@/", dataDir)));
        assertTrue(e.getMessage().startsWith("bad PostgreSQL endpoint 'postgres://user:***@/'"), e.getMessage());
    }

    @Test
    void keyIndexUsesCodePointOrderSoPrefixScansUseIt() throws Exception {
        PostgresServer server = PostgresServer.get();
        String database = server.createDatabase("k3j_schema");
        try {
            plugin.open(DatastoreConfig.of(server.endpoint(database), dataDir)).close();
            try (Connection c = server.connect(database);
                    ResultSet rs = c.createStatement().executeQuery(
                            "SELECT collation_name FROM information_schema.columns WHERE table_name = 'k3j_log' AND column_name = 'name'")) {
                rs.next();
                assertEquals("C", rs.getString(1));
            }
        } finally {
            server.dropDatabase(database);
        }
    }
}
