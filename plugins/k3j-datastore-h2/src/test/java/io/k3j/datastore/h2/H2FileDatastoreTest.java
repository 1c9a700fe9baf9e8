package io.k3j.datastore.h2;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.spi.datastore.DatastoreConfig;
import io.k3j.spi.datastore.DatastoreException;
import io.k3j.spi.datastore.KeyValue;
import io.k3j.spi.datastore.RevisionLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: a database file in the data directory that outlives the server. */
class H2FileDatastoreTest {

    @TempDir
    Path dataDir;

    private final H2DatastorePlugin plugin = new H2DatastorePlugin();

    @Test
    void defaultEndpointKeepsDataInTheDataDirectoryAcrossRestarts() {
        KeyValue written;
        try (RevisionLog log = plugin.open(DatastoreConfig.of("h2:", dataDir))) {
            written = log.create("/registry/namespaces/default", "{}".getBytes(UTF_8));
        }
        assertTrue(Files.exists(dataDir.resolve("db").resolve("k3j.mv.db")));
        try (RevisionLog log = plugin.open(DatastoreConfig.of("h2:", dataDir))) {
            assertEquals(written, log.get("/registry/namespaces/default").orElseThrow());
            assertEquals(written.modRevision(), log.currentRevision());
            assertEquals(written.modRevision() + 1, log.create("/next", new byte[0]).modRevision());
        }
    }

    @Test
    void explicitFilePathIsUsed() {
        Path file = dataDir.resolve("elsewhere").resolve("state");
        try (RevisionLog log = plugin.open(DatastoreConfig.of("h2:file:" + file, dataDir))) {
            log.create("/k", new byte[] {1});
        }
        assertTrue(Files.exists(dataDir.resolve("elsewhere").resolve("state.mv.db")));
    }

    @Test
    void malformedEndpointNamesTheAcceptedForms() {
        DatastoreException e = assertThrows(DatastoreException.class,
                () -> plugin.open(DatastoreConfig.of("h2:tcp://somewhere", dataDir)));
        assertTrue(e.getMessage().contains("h2:file:/path"), e.getMessage());
    }
}
