package io.k3j.server.datastore;

import io.k3j.plugin.DatastorePlugins;
import io.k3j.plugin.PluginLoader;
import io.k3j.server.config.ServerConfig;
import io.k3j.spi.datastore.DatastoreConfig;
import io.k3j.spi.datastore.DatastorePlugin;
import io.k3j.spi.datastore.RevisionLog;

/**
 * An open datastore: the revision log and the plugin loader it came from, closed together.
 *
 * @param plugins the loader of the plugins, whose class loader must outlive the log
 * @param plugin the plugin that serves the endpoint's scheme
 * @param log the open log
 */
public record Datastore(PluginLoader plugins, DatastorePlugin plugin, RevisionLog log) implements AutoCloseable {

    /**
     * Finds the plugin for the endpoint's scheme, on the class path of {@code parent} and in the
     * plugins folder, and opens its log.
     *
     * @throws io.k3j.plugin.PluginException when no plugin serves the scheme
     * @throws io.k3j.spi.datastore.DatastoreException when the store cannot be opened
     */
    public static Datastore open(ServerConfig config, ClassLoader parent) {
        DatastoreConfig datastoreConfig = config.datastoreConfig();
        PluginLoader plugins = PluginLoader.open(config.pluginsDir().orElse(null), parent);
        try {
            DatastorePlugin plugin = new DatastorePlugins(plugins.load(DatastorePlugin.class)).forScheme(datastoreConfig.scheme());
            return new Datastore(plugins, plugin, plugin.open(datastoreConfig));
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    /** Closes the log, then the class loader of the folder's plugins. */
    @Override
    public void close() {
        try {
            log.close();
        } finally {
            plugins.close();
        }
    }
}
