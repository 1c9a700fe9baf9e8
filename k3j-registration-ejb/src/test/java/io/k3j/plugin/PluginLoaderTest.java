package io.k3j.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.spi.datastore.DatastorePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    @TempDir
    Path temp;

    @Test
    void findsAPluginDroppedIntoTheFolderAndSharesTheSpiWithIt() throws Exception {
        Path pluginsDir = temp.resolve("plugins");
        Path jar = ExamplePluginJar.writeInto(pluginsDir, temp.resolve("build"));
        // only jars directly in the folder count
        Files.createDirectories(pluginsDir.resolve("nested"));
        Files.copy(jar, pluginsDir.resolve("nested/other.jar"));

        try (PluginLoader loader = PluginLoader.open(pluginsDir, getClass().getClassLoader())) {
            assertEquals(List.of(jar), loader.jars());
            List<DatastorePlugin> plugins = loader.load(DatastorePlugin.class);
            DatastorePlugin example = plugins.stream().filter(p -> p.name().equals("example")).findFirst().orElseThrow();

            assertEquals("example.ExamplePlugin", example.getClass().getName());
            assertNotSame(getClass().getClassLoader(), example.getClass().getClassLoader(), "loaded from the folder's jar");
            assertSame(DatastorePlugin.class, example.getClass().getInterfaces()[0], "the plugin implements the server's SPI");
            assertEquals(1, plugins.stream().filter(p -> p.name().equals("example")).count());
            assertTrue(plugins.stream().anyMatch(p -> p.schemes().contains("h2")), "class path plugins are found too");
        }
    }

    @Test
    void aMissingFolderMeansClassPathPluginsOnly() {
        try (PluginLoader loader = PluginLoader.open(temp.resolve("absent"), getClass().getClassLoader())) {
            assertEquals(List.of(), loader.jars());
            assertTrue(loader.load(DatastorePlugin.class).stream().noneMatch(p -> p.name().equals("example")));
        }
    }

    @Test
    void anUnknownSchemeIsRefusedNamingTheKnownOnes() throws Exception {
        Path pluginsDir = temp.resolve("plugins");
        ExamplePluginJar.writeInto(pluginsDir, temp.resolve("build"));
        try (PluginLoader loader = PluginLoader.open(pluginsDir, getClass().getClassLoader())) {
            DatastorePlugins plugins = new DatastorePlugins(loader.load(DatastorePlugin.class));

            assertEquals("example", plugins.forScheme("EXAMPLE").name());
            PluginException e = assertThrows(PluginException.class, () -> plugins.forScheme("nope"));
            assertEquals("unknown datastore scheme 'nope'; known schemes: example, h2", e.getMessage());
        }
    }
}
