package io.k3j.datastore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.k3j.datastore.sql.JdbcTarget;
import io.k3j.spi.datastore.DatastoreConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PostgresDialectTest {

    private final PostgresDialect dialect = new PostgresDialect();

    private JdbcTarget target(String endpoint) {
        return dialect.target(DatastoreConfig.of(endpoint, Path.of("/tmp")));
    }

    @Test
    void endpointBecomesJdbcUrlWithDecodedCredentials() {
        JdbcTarget t = target("postgres://k3j:p%40ss@db.example:6543/cluster?sslmode=require");
        assertEquals("jdbc:postgresql://db.example:6543/cluster?sslmode=require&connectTimeout=10&ApplicationName=k3j", t.url());
        assertEquals("k3j", t.user());
        assertEquals("p@ss", t.password());
        assertFalse(t.toString().contains("p@ss"));
    }

    @Test
    void portAndDatabaseHaveK3sDefaults() {
        JdbcTarget t = target("postgresql://postgres@127.0.0.1");
        assertEquals("jdbc:postgresql://127.0.0.1:5432/kubernetes?connectTimeout=10&ApplicationName=k3j", t.url());
        assertEquals("", t.password());
    }

    @Test
    void redactedEndpointHidesThePassword() {
        assertEquals("postgres://k3j:***@db:5432/x",
                DatastoreConfig.of("postgres://k3j:secret@db:5432/x", Path.of("/tmp")).redactedEndpoint());
        assertEquals("postgres://db:5432/x?user=k3j&password=***&sslmode=require",
                DatastoreConfig.of("postgres://db:5432/x?user=k3j&password=secret&sslmode=require", Path.of("/tmp")).redactedEndpoint());
    }
}
