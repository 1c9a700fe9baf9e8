package io.k3j.plugin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.spi.datastore.DatastorePlugin;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds, from source, the jar of a plugin that nobody compiled with the server: scheme
 * {@code example}, whose log answers revision 7 until it is closed.
 */
public final class ExamplePluginJar {

    static final String SOURCE = """
            package example;

            import io.k3j.spi.datastore.DatastoreConfig;
            import io.k3j.spi.datastore.DatastorePlugin;
            import io.k3j.spi.datastore.DatastoreUnavailableException;
            import io.k3j.spi.datastore.RevisionLog;
            import java.lang.reflect.Proxy;
            import java.util.Set;
            import java.util.concurrent.atomic.AtomicBoolean;

            public class ExamplePlugin implements DatastorePlugin {
                public String name() { return "example"; }
                public Set<String> schemes() { return Set.of("example"); }
                public RevisionLog open(DatastoreConfig config) {
                    AtomicBoolean closed = new AtomicBoolean();
                    return (RevisionLog) Proxy.newProxyInstance(ExamplePlugin.class.getClassLoader(),
                            new Class<?>[] {RevisionLog.class}, (proxy, method, args) -> switch (method.getName()) {
                                case "currentRevision" -> {
                                    if (closed.get()) {
                                        throw new DatastoreUnavailableException("closed");
                                    }
                                    yield 7L;
                                }
                                case "close" -> {
                                    closed.set(true);
                                    yield null;
                                }
                                default -> throw new UnsupportedOperationException(method.getName());
                            });
                }
            }
            """;

    private ExamplePluginJar() {
    }

    /** Compiles the example plugin against the SPI on the test class path and writes its jar into a folder. */
    public static Path writeInto(Path pluginsDir, Path workDir) throws IOException, URISyntaxException {
        Path sources = Files.createDirectories(workDir.resolve("src/example"));
        Path classes = Files.createDirectories(workDir.resolve("classes"));
        Path source = Files.writeString(sources.resolve("ExamplePlugin.java"), SOURCE);
        String spi = Path.of(DatastorePlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = compiler.getTask(diagnostics, null, null,
                List.of("-classpath", spi, "-d", classes.toString(), "--release", "17"), null,
                compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source)).call();
        assertTrue(compiled, () -> "example plugin does not compile: " + diagnostics);

        Files.createDirectories(pluginsDir);
        Path jar = pluginsDir.resolve("k3j-datastore-example.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, "META-INF/services/" + DatastorePlugin.class.getName(), "example.ExamplePlugin\n".getBytes(StandardCharsets.UTF_8));
            try (var files = Files.list(classes.resolve("example"))) {
                for (Path file : files.toList()) {
                    add(out, "example/" + file.getFileName(), Files.readAllBytes(file));
                }
            }
        }
        return jar;
    }

    private static void add(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }
}
