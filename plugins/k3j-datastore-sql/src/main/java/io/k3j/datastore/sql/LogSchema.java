package io.k3j.datastore.sql;

import java.util.List;

/** The tables of {@link LogEntry} and {@link Counter}; dialects supply only their column types. */
public final class LogSchema {

    private LogSchema() {
    }

    /**
     * Statements that create the schema when it is absent.
     *
     * @param keyType the type of key names, ordered by code point so that prefix ranges use the index
     * @param bytesType a binary type for values of up to a few MiB
     */
    public static List<String> createIfAbsent(String keyType, String bytesType) {
        return List.of("""
                CREATE TABLE IF NOT EXISTS k3j_log (
                  revision BIGINT NOT NULL PRIMARY KEY,
                  name %s NOT NULL,
                  kind SMALLINT NOT NULL,
                  create_revision BIGINT NOT NULL,
                  prev_revision BIGINT NOT NULL,
                  data %s NOT NULL,
                  old_data %s)""".formatted(keyType, bytesType, bytesType),
                "CREATE INDEX IF NOT EXISTS k3j_log_name_revision ON k3j_log (name, revision)",
                """
                CREATE TABLE IF NOT EXISTS k3j_counter (
                  name VARCHAR(32) NOT NULL PRIMARY KEY,
                  counter_value BIGINT NOT NULL)""");
    }
}
