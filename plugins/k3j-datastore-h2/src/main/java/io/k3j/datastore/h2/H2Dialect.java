package io.k3j.datastore.h2;

import io.k3j.datastore.sql.JdbcTarget;
import io.k3j.datastore.sql.LogSchema;
import io.k3j.datastore.sql.SqlDialect;
import io.k3j.spi.datastore.DatastoreConfig;
import io.k3j.spi.datastore.DatastoreException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Embedded H2. Endpoints: {@code h2:} (the data directory's {@code db/k3j}),
 * {@code h2:file:/path} and {@code h2:mem:name}.
 */
final class H2Dialect implements SqlDialect {

    /** H2's error code for a database file locked by another process. */
    private static final int DATABASE_ALREADY_OPEN = 90020;

    @Override
    public String displayName() {
        return "H2";
    }

    @Override
    public JdbcTarget target(DatastoreConfig config) {
        String rest = config.endpoint().substring("h2:".length());
        String url;
        if (rest.isEmpty()) {
            url = "jdbc:h2:file:" + config.dataDir().resolve("db").resolve("k3j").toAbsolutePath() + fileOptions();
        } else if (rest.startsWith("mem:") && rest.length() > "mem:".length()) {
            url = "jdbc:h2:" + rest + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        } else if (rest.startsWith("file:") && rest.length() > "file:".length()) {
            url = "jdbc:h2:file:" + Path.of(rest.substring("file:".length())).toAbsolutePath() + fileOptions();
        } else {
            throw new DatastoreException("bad H2 endpoint '" + config.endpoint() + "': use h2:, h2:file:/path or h2:mem:name");
        }
        return new JdbcTarget("org.h2.Driver", url, "sa", "");
    }

    private static String fileOptions() {
        // the server closes the log at shutdown; H2's own hook would close it first
        return ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    }

    @Override
    public String eclipseLinkPlatform() {
        return "org.eclipse.persistence.platform.database.H2Platform";
    }

    @Override
    public List<String> schema() {
        return LogSchema.createIfAbsent("VARCHAR(630)", "VARBINARY(16777216)");
    }

    @Override
    public Optional<String> incrementRevisionQuery() {
        return Optional.of("SELECT counter_value FROM FINAL TABLE "
                + "(UPDATE k3j_counter SET counter_value = counter_value + 1 WHERE name = 'revision')");
    }

    @Override
    public boolean isUnavailable(SQLException e) {
        return SqlDialect.super.isUnavailable(e) || e.getErrorCode() == DATABASE_ALREADY_OPEN;
    }

    @Override
    public String describeConnectFailure(SQLException e, JdbcTarget target) {
        if (e.getErrorCode() == DATABASE_ALREADY_OPEN) {
            return "the H2 database " + target.redactedUrl().replaceFirst(";.*", "")
                    + " is in use by another process; embedded H2 serves one server (use postgres:// for several)";
        }
        return SqlDialect.super.describeConnectFailure(e, target);
    }
}
