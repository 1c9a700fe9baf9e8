package io.k3j.datastore.sql;

import io.k3j.spi.datastore.DatastoreConfig;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between SQL databases, and nothing more: the shared {@link JpaRevisionLog}
 * does the rest. A new SQL datastore is a dialect and a {@link SqlDatastorePlugin}.
 */
public interface SqlDialect {

    /** The database's name for messages, such as {@code PostgreSQL}. */
    String displayName();

    /**
     * Where to connect, from the endpoint URL.
     *
     * @throws io.k3j.spi.datastore.DatastoreException when the endpoint is malformed
     */
    JdbcTarget target(DatastoreConfig config);

    /** The EclipseLink target-database platform class name. */
    String eclipseLinkPlatform();

    /**
     * Statements that create the schema if it is absent: tables {@code k3j_log} and
     * {@code k3j_counter} with the columns of {@link LogEntry} and {@link Counter}, and an index
     * on {@code (name, revision)} whose ordering is by code point, so that prefix ranges use it.
     */
    List<String> schema();

    /**
     * A native query that increments the {@code revision} counter and returns its new value in
     * one round trip ({@code UPDATE ... RETURNING} and the like), or empty where the database has
     * none: then the log updates and reads back in two statements.
     */
    default java.util.Optional<String> incrementRevisionQuery() {
        return java.util.Optional.empty();
    }

    /** Whether an error means the database cannot be reached (as opposed to a bad request). */
    default boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    /** A message for an error that happened while connecting, naming what the user can fix. */
    default String describeConnectFailure(SQLException e, JdbcTarget target) {
        return "cannot connect to " + displayName() + " at " + target.redactedUrl() + ": " + e.getMessage();
    }
}
