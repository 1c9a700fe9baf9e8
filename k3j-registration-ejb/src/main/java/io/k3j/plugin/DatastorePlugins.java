package io.k3j.plugin;

import io.k3j.spi.datastore.DatastorePlugin;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Picks the datastore plugin that serves an endpoint's scheme. */
public final class DatastorePlugins {

    private final List<DatastorePlugin> plugins;

    public DatastorePlugins(List<DatastorePlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /**
     * The plugin for a scheme.
     *
     * @throws PluginException naming the known schemes, when no plugin serves this one
     */
    public DatastorePlugin forScheme(String scheme) {
        String wanted = scheme.toLowerCase(Locale.ROOT);
        return plugins.stream()
                .filter(p -> p.schemes().contains(wanted))
                .findFirst()
                .orElseThrow(() -> new PluginException(
                        (wanted.isEmpty() ? "datastore endpoint has no scheme" : "unknown datastore scheme '" + wanted + "'")
                                + "; known schemes: " + String.join(", ", knownSchemes())));
    }

    /** Every scheme some plugin serves, sorted. */
    public TreeSet<String> knownSchemes() {
        TreeSet<String> schemes = new TreeSet<>();
        plugins.forEach(p -> schemes.addAll(p.schemes()));
        return schemes;
    }
}
