package io.k3j.server.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.k3j.plugin.ExamplePluginJar;
import io.k3j.plugin.PluginException;
import io.k3j.server.config.ServerConfig;
import io.k3j.spi.datastore.DatastoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoreTest {

    @TempDir
    Path temp;

    private ServerConfig config(String endpoint) {
        Map<String, String> values = Map.of(
                ServerConfig.DATA_DIR, temp.resolve("data").toString(),
                ServerConfig.DATASTORE_ENDPOINT, endpoint,
                ServerConfig.PLUGINS_DIR, temp.resolve("plugins").toString());
        return ServerConfig.from(key -> Optional.ofNullable(values.get(key)), temp);
    }

    @Test
    void opensTheEmbeddedDefault() {
        try (Datastore datastore = Datastore.open(config("h2:file:" + temp.resolve("data/db/k3j")), getClass().getClassLoader())) {
            assertEquals("h2", datastore.plugin().name());
            long before = datastore.log().currentRevision();
            datastore.log().create("/k", "v".getBytes(StandardCharsets.UTF_8));
            assertEquals(before + 1, datastore.log().currentRevision());
        }
    }

    @Test
    void opensAPluginFromTheFolderAndClosesItsLog() throws Exception {
        ExamplePluginJar.writeInto(temp.resolve("plugins"), temp.resolve("build"));

        Datastore datastore = Datastore.open(config("example:anything"), getClass().getClassLoader());
        assertEquals("example", datastore.plugin().name());
        assertEquals(7, datastore.log().currentRevision());

        datastore.close();
        assertThrows(DatastoreUnavailableException.class, () -> datastore.log().currentRevision());
    }

    @Test
    void anUnknownSchemeNamesTheKnownOnes() {
        PluginException e = assertThrows(PluginException.class,
                () -> Datastore.open(config("nosuch://x"), getClass().getClassLoader()));
        assertEquals("unknown datastore scheme 'nosuch'; known schemes: h2", e.getMessage());
    }
}
