package io.k3j.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Finds plugins: those on the class path of the server and those in the jars of a plugins
 * folder, read once when the loader is made. A jar dropped into the folder is picked up at
 * the next start, with no rebuild.
 */
public final class PluginLoader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PluginLoader.class.getName());

    /** Packages that plugins share with the server instead of bringing their own copies. */
    static final List<String> SHARED_PACKAGES = List.of("io.k3j.spi.");

    private final ClassLoader parent;
    private final PluginClassLoader folderLoader;
    private final List<Path> jars;

    private PluginLoader(ClassLoader parent, List<Path> jars) {
        this.parent = parent;
        this.jars = List.copyOf(jars);
        this.folderLoader = jars.isEmpty() ? null : new PluginClassLoader(toUrls(jars), parent, SHARED_PACKAGES);
    }

    /**
     * A loader over the class path of {@code parent} and the jars directly in {@code pluginsDir}
     * (which may be absent: then only the class path counts).
     */
    public static PluginLoader open(Path pluginsDir, ClassLoader parent) {
        List<Path> jars = new ArrayList<>();
        if (pluginsDir != null && Files.isDirectory(pluginsDir)) {
            try (Stream<Path> files = Files.list(pluginsDir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                        .sorted(Comparator.comparing(Path::toString))
                        .forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read plugins folder " + pluginsDir, e);
            }
        }
        jars.forEach(jar -> LOG.info(() -> "plugin jar " + jar));
        return new PluginLoader(parent, jars);
    }

    /** The plugin jars found in the folder. */
    public List<Path> jars() {
        return jars;
    }

    /**
     * Every implementation of a service interface, class path first, then the folder's jars;
     * a class found both ways counts once.
     */
    public <S> List<S> load(Class<S> service) {
        Map<String, S> found = new LinkedHashMap<>();
        collect(ServiceLoader.load(service, parent), found);
        if (folderLoader != null) {
            collect(ServiceLoader.load(service, folderLoader), found);
        }
        return List.copyOf(found.values());
    }

    private static <S> void collect(ServiceLoader<S> loader, Map<String, S> found) {
        try {
            for (ServiceLoader.Provider<S> provider : loader.stream().toList()) {
                found.putIfAbsent(provider.type().getName(), provider.get());
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginException("a plugin cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static URL[] toUrls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new PluginException("bad plugin jar path " + jars.get(i), e);
            }
        }
        return urls;
    }

    /** Closes the folder's class loader; plugins loaded through it must not be used afterwards. */
    @Override
    public void close() {
        if (folderLoader != null) {
            try {
                folderLoader.close();
            } catch (IOException e) {
                LOG.warning("closing plugin class loader: " + e.getMessage());
            }
        }
    }
}
