package io.k3j.bench;

import io.k3j.spi.datastore.DatastoreConfig;
import io.k3j.spi.datastore.DatastorePlugin;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A database the benchmark runs against: an endpoint for the log and raw JDBC for the ceiling. */
record Store(String name, DatastorePlugin plugin, String endpoint, String jdbcUrl, String user, Path dataDir) {

    DatastoreConfig config() {
        return DatastoreConfig.of(endpoint, dataDir);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, "");
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    long count(String table) throws SQLException {
        try (Connection c = connect(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
