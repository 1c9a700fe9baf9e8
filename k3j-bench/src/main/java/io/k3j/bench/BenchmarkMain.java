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
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the benchmarks and writes their results as Markdown.
 *
 * <p>Arguments: {@code --out FILE} {@code --writes N} {@code --updates N} {@code --rows N}
 * {@code --launcher bin/k3j} {@code --starts N} (0 skips the server start).
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path outFile = Path.of("RESULTS.md");
        int writes = 5_000;
        int updates = 100_000;
        int rows = 1_000_000;
        int starts = 3;
        Path launcher = Path.of("bin/k3j");
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--out" -> outFile = Path.of(value);
                case "--writes" -> writes = Integer.parseInt(value);
                case "--updates" -> updates = Integer.parseInt(value);
                case "--rows" -> rows = Integer.parseInt(value);
                case "--starts" -> starts = Integer.parseInt(value);
                case "--launcher" -> launcher = Path.of(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Logger.getLogger("").setLevel(Level.WARNING);
        List<String> lines = new ArrayList<>();
        java.util.function.Consumer<String> out = line -> {
            System.out.println(line);
            lines.add(line);
        };
        out.accept("# k3j benchmark results\n");
        out.accept("Written by `k3j-bench/run` on " + ZonedDateTime.now().withNano(0) + "; "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ". Values of 1 KiB; one writer thread; every write its own transaction.");

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

        if (starts > 0) {
            new ServerStartBenchmark(launcher, out).run(starts);
        }
        Files.write(outFile, lines);
        System.out.println("\nwritten to " + outFile);
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
