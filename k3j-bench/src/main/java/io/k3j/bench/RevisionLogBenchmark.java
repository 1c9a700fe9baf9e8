package io.k3j.bench;

import io.k3j.spi.datastore.Event;
import io.k3j.spi.datastore.RevisionLog;
import io.k3j.spi.datastore.WatchStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/** Revision log figures for one store, each phase on an emptied database. */
final class RevisionLogBenchmark {

    private static final byte[] VALUE = new byte[1024];

    private final Store store;
    private final Runnable emptyStore;
    private final Consumer<String> out;

    RevisionLogBenchmark(Store store, Runnable emptyStore, Consumer<String> out) {
        this.store = store;
        this.emptyStore = emptyStore;
        this.out = out;
    }

    void run(int writes, int updates, int millionRows) throws Exception {
        out.accept("\n### " + store.name() + "\n");
        createsAgainstCeiling(writes);
        watchLatency(writes);
        boundedUnderUpdates(updates);
        largeTable(millionRows);
    }

    /** Creates through the log against a plain JDBC insert loop, alternating rounds so that noise hits both alike. */
    private void createsAgainstCeiling(int writes) throws Exception {
        emptyStore.run();
        int rounds = 5;
        int perRound = writes / rounds;
        Latencies ceiling = new Latencies(writes);
        Latencies creates = new Latencies(writes);
        Latencies gets = new Latencies(writes);
        long ceilingWall = 0;
        long createWall = 0;
        try (RevisionLog log = store.plugin().open(store.config());
                Connection jdbc = store.connect()) {
            try (var s = jdbc.createStatement()) {
                s.execute("CREATE TABLE bench_ceiling AS SELECT * FROM k3j_log WITH NO DATA");
                s.execute("ALTER TABLE bench_ceiling ALTER COLUMN revision SET NOT NULL");
                s.execute("ALTER TABLE bench_ceiling ADD PRIMARY KEY (revision)");
                s.execute("CREATE INDEX bench_ceiling_name ON bench_ceiling (name, revision)");
            }
            jdbc.setAutoCommit(false);
            PreparedStatement insert = jdbc.prepareStatement("INSERT INTO bench_ceiling "
                    + "(revision, name, kind, create_revision, prev_revision, data, old_data) VALUES (?, ?, 0, ?, 0, ?, NULL)");
            long id = 0;
            // warm up both paths before measuring
            for (int i = 0; i < 500; i++) {
                insertRow(jdbc, insert, -1 - i);
                log.create("/bench/warm/" + i, VALUE);
            }
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    long t = System.nanoTime();
                    insertRow(jdbc, insert, ++id);
                    ceiling.add(System.nanoTime() - t);
                }
                ceilingWall += System.nanoTime() - start;
                start = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    long t = System.nanoTime();
                    log.create("/bench/c/" + round + "/" + i, VALUE);
                    creates.add(System.nanoTime() - t);
                }
                createWall += System.nanoTime() - start;
            }
            ceiling.wall(ceilingWall);
            creates.wall(createWall);
            long start = System.nanoTime();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < writes; i++) {
                String key = "/bench/c/" + random.nextInt(rounds) + "/" + random.nextInt(perRound);
                long t = System.nanoTime();
                log.get(key).orElseThrow();
                gets.add(System.nanoTime() - t);
            }
            gets.wall(System.nanoTime() - start);
        }
        out.accept(Latencies.header());
        out.accept(ceiling.row("plain JDBC insert + commit (ceiling)"));
        out.accept(creates.row("log create"));
        out.accept(gets.row("log get (latest)"));
        out.accept(String.format("%nCreates through the log reach **%.0f%%** of the plain JDBC ceiling (target: at least 50%%).%n",
                100 * creates.opsPerSecond() / ceiling.opsPerSecond()));
    }

    private static void insertRow(Connection jdbc, PreparedStatement insert, long id) throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, "/bench/ceiling/" + id);
        insert.setLong(3, id);
        insert.setBytes(4, VALUE);
        insert.executeUpdate();
        jdbc.commit();
    }

    /** Time from a create's call to its event reaching a watcher of the same log. */
    private void watchLatency(int writes) throws Exception {
        emptyStore.run();
        Latencies latency = new Latencies(writes);
        try (RevisionLog log = store.plugin().open(store.config())) {
            long base = log.currentRevision();
            long[] sentAt = new long[writes + 1];
            long firstSent;
            long lastReceived = 0;
            try (WatchStream watch = log.watch("/bench/w/", base)) {
                firstSent = System.nanoTime();
                Thread writer = new Thread(() -> {
                    for (int i = 1; i <= writes; i++) {
                        sentAt[i] = System.nanoTime();
                        log.create("/bench/w/" + i, VALUE);
                    }
                });
                writer.start();
                int received = 0;
                while (received < writes) {
                    List<Event> events = watch.poll(Duration.ofSeconds(10));
                    long now = System.nanoTime();
                    if (events.isEmpty()) {
                        throw new IllegalStateException("watch stalled after " + received + " events");
                    }
                    for (Event e : events) {
                        latency.add(now - sentAt[(int) (e.revision() - base)]);
                    }
                    received += events.size();
                    lastReceived = now;
                }
                writer.join();
            }
            latency.wall(lastReceived - firstSent);
        }
        out.accept("\nWatch: a watcher on the same server as the writer, writer creating as fast as it can.\n");
        out.accept(Latencies.header());
        out.accept(latency.row("create → watch event"));
    }

    /** Many updates to few keys with compaction on: the table must stay near the retention window. */
    private void boundedUnderUpdates(int updates) throws Exception {
        emptyStore.run();
        int keys = 100;
        long retention = store.config().retention();
        long rowsAfter;
        long start = System.nanoTime();
        try (RevisionLog log = store.plugin().open(store.config().withCompactInterval(Duration.ofSeconds(1)))) {
            for (int k = 0; k < keys; k++) {
                log.create("/bench/u/" + k, VALUE);
            }
            for (int i = 0; i < updates; i++) {
                log.update("/bench/u/" + (i % keys), VALUE, RevisionLog.ANY_REVISION);
            }
            Thread.sleep(3000);
            rowsAfter = store.count("k3j_log");
        }
        out.accept(String.format("%n%,d updates to %d keys in %.1f s with a retention of %,d revisions and compaction every second:"
                        + " the table holds **%,d rows** afterwards.%n",
                updates, keys, (System.nanoTime() - start) / 1e9, retention, rowsAfter));
    }

    /** Reads on a table of a million rows (10,000 keys with 100 revisions each, values of 128 bytes). */
    private void largeTable(int rows) throws Exception {
        emptyStore.run();
        int keys = 10_000;
        try (RevisionLog ignored = store.plugin().open(store.config())) {
            // the schema exists now
        }
        long loadStart = System.nanoTime();
        store.execute(bulkLoad(rows, keys), "UPDATE k3j_counter SET counter_value = " + rows + " WHERE name = 'revision'");
        if (store.name().startsWith("PostgreSQL")) {
            store.execute("ANALYZE k3j_log");
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        Latencies get = new Latencies(2000);
        Latencies getOld = new Latencies(2000);
        Latencies listPrefix = new Latencies(200);
        Latencies listPage = new Latencies(200);
        long compactNanos;
        long removed;
        // no background compaction while measuring reads: the explicit compact below is measured on its own
        try (RevisionLog log = store.plugin().open(store.config().withCompactInterval(Duration.ZERO))) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            time(get, 2000, () -> log.get(key(random.nextInt(keys))).orElseThrow());
            time(getOld, 2000, () -> log.get(key(random.nextInt(keys)), rows / 2).orElseThrow());
            time(listPrefix, 200, () -> check(log.list("/registry/bench/" + String.format("%02d", random.nextInt(100)), null, 0,
                    RevisionLog.LATEST).items().size() == 100));
            time(listPage, 200, () -> check(log.list("/registry/bench/", key(random.nextInt(keys - 600)), 500,
                    RevisionLog.LATEST).items().size() == 500));
            long start = System.nanoTime();
            removed = log.compact(rows - 1000);
            compactNanos = System.nanoTime() - start;
        }
        out.accept(String.format("%nA table of %,d rows (%,d keys × %d revisions, bulk-loaded in %.1f s):%n",
                rows, keys, rows / keys, loadSeconds));
        out.accept(Latencies.header());
        out.accept(get.row("get (latest)"));
        out.accept(getOld.row("get at an old revision"));
        out.accept(listPrefix.row("list a prefix of 100 keys"));
        out.accept(listPage.row("list a page of 500 keys"));
        out.accept(String.format("%nCompacting it to the newest 1,000 revisions removed %,d rows in %.1f s; %,d rows remain.%n",
                removed, compactNanos / 1e9, store.count("k3j_log")));
    }

    private static String key(int k) {
        return String.format("/registry/bench/%04d", k);
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("unexpected list size");
        }
    }

    private static void time(Latencies into, int n, Runnable op) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            op.run();
            into.add(System.nanoTime() - t);
        }
        into.wall(System.nanoTime() - start);
    }

    /** History rows as the log writes them: a create per key, then updates each pointing at the row before. */
    private String bulkLoad(int rows, int keys) {
        boolean postgres = store.name().startsWith("PostgreSQL");
        // 128-byte values: the point is the row count, not a gigabyte of data
        String value = postgres ? "decode(repeat('ab', 128), 'hex')" : "CAST(REPEAT('ab', 64) AS VARBINARY)";
        String numbers = postgres ? "generate_series(1, " + rows + ") AS g(x)" : "SYSTEM_RANGE(1, " + rows + ")";
        return "INSERT INTO k3j_log (revision, name, kind, create_revision, prev_revision, data, old_data) SELECT x, "
                + "'/registry/bench/' || LPAD(CAST(MOD(x - 1, " + keys + ") AS VARCHAR), 4, '0'), "
                + "CASE WHEN x <= " + keys + " THEN 0 ELSE 1 END, MOD(x - 1, " + keys + ") + 1, "
                + "CASE WHEN x <= " + keys + " THEN 0 ELSE x - " + keys + " END, " + value + ", NULL FROM " + numbers;
    }
}
