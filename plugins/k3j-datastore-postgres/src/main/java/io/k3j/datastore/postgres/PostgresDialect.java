package io.k3j.datastore.postgres;

import io.k3j.datastore.sql.JdbcTarget;
import io.k3j.datastore.sql.LogSchema;
import io.k3j.datastore.sql.SqlDialect;
import io.k3j.spi.datastore.DatastoreConfig;
import io.k3j.spi.datastore.DatastoreException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** PostgreSQL. Endpoint: {@code postgres://user:password@host:port/database?param=value}. */
final class PostgresDialect implements SqlDialect {

    static final String DEFAULT_DATABASE = "kubernetes";

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public JdbcTarget target(DatastoreConfig config) {
        URI uri;
        try {
            uri = new URI(config.endpoint());
        } catch (URISyntaxException e) {
            throw new DatastoreException("bad PostgreSQL endpoint '" + config.redactedEndpoint() + "': " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new DatastoreException("bad PostgreSQL endpoint '" + config.redactedEndpoint()
                    + "': expected postgres://user:password@host:port/database");
        }
        String user = "";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : "";
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String database = path.isEmpty() ? DEFAULT_DATABASE : path;
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery() + "&";
        if (!query.contains("connectTimeout=")) {
            query += "connectTimeout=10&";
        }
        String url = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database + "?" + query + "ApplicationName=k3j";
        return new JdbcTarget("org.postgresql.Driver", url, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String eclipseLinkPlatform() {
        return "org.eclipse.persistence.platform.database.PostgreSQLPlatform";
    }

    @Override
    public List<String> schema() {
        // COLLATE "C" orders names by code point, so the index serves prefix ranges
        return LogSchema.createIfAbsent("VARCHAR(630) COLLATE \"C\"", "BYTEA");
    }

    @Override
    public Optional<String> incrementRevisionQuery() {
        return Optional.of("UPDATE k3j_counter SET counter_value = counter_value + 1 WHERE name = 'revision' RETURNING counter_value");
    }

    @Override
    public boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        // 08: connection exception; 57P: operator intervention (shutdown); 53300: too many connections
        return SqlDialect.super.isUnavailable(e)
                || state != null && (state.startsWith("57P") || state.equals("53300"));
    }

    @Override
    public String describeConnectFailure(SQLException e, JdbcTarget target) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = "PostgreSQL at " + target.redactedUrl().replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*", "");
        return switch (state) {
            case "3D000" -> where + ": the database does not exist; create it or name another in the endpoint";
            case "28000", "28P01" -> where + ": authentication failed for user '" + target.user() + "'";
            default -> "cannot connect to " + where + ": " + e.getMessage();
        };
    }
}
