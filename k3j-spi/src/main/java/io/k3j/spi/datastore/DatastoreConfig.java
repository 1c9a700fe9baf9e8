package io.k3j.spi.datastore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a plugin needs to open a log.
 *
 * @param endpoint the endpoint URL as the user gave it ({@code postgres://user:pass@host/db});
 *     it may hold a password and must never be logged as is: use {@link #redactedEndpoint()}
 * @param dataDir the server's data directory, where embedded stores keep their files
 * @param retention how many revisions compaction keeps behind the newest one
 * @param compactInterval how often the log compacts itself; {@link Duration#ZERO} turns it off
 * @param pollInterval how often watchers look for changes that other processes wrote
 */
public record DatastoreConfig(
        String endpoint, Path dataDir, long retention, Duration compactInterval, Duration pollInterval) {

    public static final long DEFAULT_RETENTION = 1000;
    public static final Duration DEFAULT_COMPACT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

    public DatastoreConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(compactInterval, "compactInterval");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (retention < 1) {
            throw new IllegalArgumentException("retention must be at least 1 revision");
        }
    }

    /** A configuration with the default retention and intervals. */
    public static DatastoreConfig of(String endpoint, Path dataDir) {
        return new DatastoreConfig(endpoint, dataDir, DEFAULT_RETENTION, DEFAULT_COMPACT_INTERVAL, DEFAULT_POLL_INTERVAL);
    }

    public DatastoreConfig withRetention(long revisions) {
        return new DatastoreConfig(endpoint, dataDir, revisions, compactInterval, pollInterval);
    }

    public DatastoreConfig withCompactInterval(Duration interval) {
        return new DatastoreConfig(endpoint, dataDir, retention, interval, pollInterval);
    }

    public DatastoreConfig withPollInterval(Duration interval) {
        return new DatastoreConfig(endpoint, dataDir, retention, compactInterval, interval);
    }

    /** The scheme of the endpoint, lower case, or an empty string when it has none. */
    public String scheme() {
        int colon = endpoint.indexOf(':');
        return colon <= 0 ? "" : endpoint.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    }

    /** The endpoint with any password (user info or query parameter) replaced by {@code ***}, safe for logs. */
    public String redactedEndpoint() {
        return endpoint.replaceAll("(//[^:/@]+:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return "DatastoreConfig[endpoint=" + redactedEndpoint() + ", dataDir=" + dataDir + ", retention=" + retention
                + ", compactInterval=" + compactInterval + ", pollInterval=" + pollInterval + "]";
    }
}
