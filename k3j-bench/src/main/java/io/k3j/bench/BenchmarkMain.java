package io.k3j.bench;

import io.k3j.datastore.h2.H2DatastorePlugin;
import io.k3j.datastore.postgres.PostgresDatastorePlugin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the benchmarks and writes their results as Markdown.
 *
 * <p>Arguments: {@code --out FILE} {@code --writes N} {@code --updates N} {@code --rows N}
 * {@code --launcher bin/k3j} {@code --starts N} (0 skips the server start) {@code --http-seconds N}
 * {@code --watchers N} {@code --watch-seconds N} {@code --nodes N} {@code --in-flight N} {@code --hold 5m}
 * {@code --agents-jfr FILE} (a JFR recording of the server while the nodes register)
 * {@code --only log,start,http,watch,agents} (runs only those; the file keeps the other sections' earlier figures).
 */
public final class BenchmarkMain {

    /** The benchmarks, in the order they run and appear in the results. */
    private static final List<String> BENCHMARKS = List.of("log", "start", "http", "watch", "agents");

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path outFile = Path.of("RESULTS.md");
        int writes = 5_000;
        int updates = 100_000;
        int rows = 1_000_000;
        int starts = 3;
        Path launcher = Path.of("bin/k3j");
        int httpSeconds = 20;
        int watchers = 1_000;
        int watchSeconds = 30;
        int nodes = 1_000;
        int inFlight = 4;
        Duration hold = Duration.ofMinutes(5);
        Optional<Path> agentsJfr = Optional.empty();
        Set<String> only = new HashSet<>(BENCHMARKS);
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--out" -> outFile = Path.of(value);
                case "--writes" -> writes = Integer.parseInt(value);
                case "--updates" -> updates = Integer.parseInt(value);
                case "--rows" -> rows = Integer.parseInt(value);
                case "--starts" -> starts = Integer.parseInt(value);
                case "--launcher" -> launcher = Path.of(value);
                case "--http-seconds" -> httpSeconds = Integer.parseInt(value);
                case "--watchers" -> watchers = Integer.parseInt(value);
                case "--watch-seconds" -> watchSeconds = Integer.parseInt(value);
                case "--nodes" -> nodes = Integer.parseInt(value);
                case "--in-flight" -> inFlight = Integer.parseInt(value);
                case "--hold" -> hold = seconds(value);
                case "--agents-jfr" -> agentsJfr = Optional.of(Path.of(value));
                case "--only" -> only = Set.of(value.split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!BENCHMARKS.containsAll(only)) {
            throw new IllegalArgumentException("--only takes some of " + BENCHMARKS + ", not " + only);
        }
        Logger.getLogger("").setLevel(Level.WARNING);
        Results results = new Results();
        Consumer<String> header = results.section(Results.HEADER);
        header.accept("# k3j benchmark results\n");
        header.accept("Written by `k3j-bench/run` on " + ZonedDateTime.now().withNano(0) + "; "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ". A run of some benchmarks (--only) keeps the others' earlier figures; each section's marker dates it.");
        if (only.contains("log")) {
            logBenchmarks(writes, updates, rows, results.section("log"));
        }
        if (only.contains("start") && starts > 0) {
            new ServerStartBenchmark(launcher, results.section("start")).run(starts);
        }
        if (only.contains("http")) {
            new HttpApiBenchmark(launcher, results.section("http")).run(Duration.ofSeconds(httpSeconds), Duration.ofSeconds(5));
        }
        if (only.contains("watch")) {
            new WatchFanoutBenchmark(launcher, results.section("watch")).run(watchers, 200, Duration.ofSeconds(watchSeconds));
        }
        if (only.contains("agents")) {
            new AgentScaleBenchmark(launcher, results.section("agents")).run(nodes, inFlight, hold, agentsJfr);
        }
        results.write(outFile, BENCHMARKS);
        System.out.println("\nwritten to " + outFile);
    }

    private static void logBenchmarks(int writes, int updates, int rows, Consumer<String> out) throws Exception {
        out.accept("\nRevision log: values of 1 KiB; one writer thread; every write its own transaction.");

        Path h2Dir = Files.createTempDirectory("k3j-bench-h2");
        String h2File = h2Dir.resolve("bench").toString();
        Store h2 = new Store("H2 (embedded file)", new H2DatastorePlugin(), "h2:file:" + h2File,
                "jdbc:h2:file:" + h2File + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000", "sa", h2Dir);
        new RevisionLogBenchmark(h2, () -> sql(h2, "DROP ALL OBJECTS"), out).run(writes, updates, rows);

        if (answers(5432)) {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS k3j_bench WITH (FORCE)");
                admin.createStatement().execute("CREATE DATABASE k3j_bench");
            }
            Store postgres = new Store("PostgreSQL 127.0.0.1:5432", new PostgresDatastorePlugin(),
                    "postgres://postgres@127.0.0.1:5432/k3j_bench", "jdbc:postgresql://127.0.0.1:5432/k3j_bench", "postgres", h2Dir);
            new RevisionLogBenchmark(postgres, () -> sql(postgres, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public"), out)
                    .run(writes, updates, rows);
        } else {
            out.accept("\nNo PostgreSQL on 127.0.0.1:5432: its figures were not measured.");
        }
    }

    /** A duration as 300, 300s or 5m. */
    private static Duration seconds(String value) {
        if (value.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(value.endsWith("s") ? value.substring(0, value.length() - 1) : value));
    }

    private static void sql(Store store, String... statements) {
        try {
            store.execute(statements);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
