package io.k3j.datastore.sql;

import io.k3j.spi.datastore.DatastoreException;
import io.k3j.spi.datastore.DatastoreUnavailableException;
import java.sql.SQLException;
import java.util.Optional;

/** Turns what JPA and the JDBC driver throw into the SPI's exceptions, at the plugin's edge. */
final class SqlErrors {

    private SqlErrors() {
    }

    static DatastoreException translate(String action, RuntimeException e, SqlDialect dialect) {
        if (e instanceof DatastoreException known) {
            return known;
        }
        Optional<SQLException> sql = sqlCause(e);
        String detail = sql.map(SQLException::getMessage).orElse(rootMessage(e));
        if (sql.isPresent() && dialect.isUnavailable(sql.get()) || isConnectionLoss(e)) {
            return new DatastoreUnavailableException(dialect.displayName() + " is unavailable while trying to " + action + ": " + detail, e);
        }
        return new DatastoreException(dialect.displayName() + " failed to " + action + ": " + detail, e);
    }

    static Optional<SQLException> sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
            if (t instanceof org.eclipse.persistence.exceptions.DatabaseException db
                    && db.getInternalException() instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /** The first line of the innermost cause's message: EclipseLink's own messages span many lines. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
    }

    /** EclipseLink reports a pool that lost its server without a SQLState; these are its codes. */
    private static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.eclipse.persistence.exceptions.DatabaseException db) {
                int code = db.getErrorCode();
                // 4002: cannot acquire connection; 4016/4017: lost communication
                if (code == 4002 || code == 4016 || code == 4017 || db.isCommunicationFailure()) {
                    return true;
                }
            }
        }
        return false;
    }
}
