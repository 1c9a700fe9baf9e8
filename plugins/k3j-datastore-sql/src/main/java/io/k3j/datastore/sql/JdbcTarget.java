package io.k3j.datastore.sql;

import java.util.Objects;

/**
 * A JDBC connection target; the password never appears in {@link #toString()}.
 *
 * @param driverClassName the JDBC driver, loaded through the plugin's class loader
 * @param url the JDBC URL
 * @param user the user, or an empty string
 * @param password the password, or an empty string
 */
public record JdbcTarget(String driverClassName, String url, String user, String password) {

    public JdbcTarget {
        Objects.requireNonNull(driverClassName, "driverClassName");
        Objects.requireNonNull(url, "url");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** The URL without any password parameter. */
    public String redactedUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return "JdbcTarget[" + redactedUrl() + ", user=" + user + "]";
    }
}
