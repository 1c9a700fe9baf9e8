package io.k3j.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watch delivery through a real {@code bin/k3j server}: many HTTP watches of one namespace over
 * real sockets, all read by one selector thread ({@link WatchConnections}), while a few writer
 * threads create and then update configmaps on a fixed schedule. Every write reaches every
 * watcher; the latency of an event is the time it arrived minus the time just before its write
 * request was sent: an upper bound on commit-to-event.
 */
final class WatchFanoutBenchmark {

    private static final String NAMESPACE = "bench-watch";
    /** The writer creates this many configmaps, then updates them in turn. */
    private static final int OBJECTS = 100;
    /** Threads that send the writes, so that one slow answer does not delay the next write. */
    private static final int WRITERS = 4;
    /** Long enough for C2 to compile the TLS path under this load, which takes this machine about 40 s. */
    private static final Duration WARMUP = Duration.ofSeconds(60);
    private static final Duration DRAIN = Duration.ofSeconds(15);

    private final Path launcher;
    private final Consumer<String> out;

    WatchFanoutBenchmark(Path launcher, Consumer<String> out) {
        this.launcher = launcher;
        this.out = out;
    }

    /** What one run measured. */
    private record Run(double achievedRate, long[] latencies, long expected, int errors, long[] writeLatencies,
            int failedWrites, double serverCpu, double clientCpu, double load, long rssBefore, long rssAfter) {
    }

    void run(int watchers, int writesPerSecond, Duration measured) throws Exception {
        Path dataDir = Files.createTempDirectory("k3j-bench-watch");
        out.accept("\n### Watch fan-out (bin/k3j server, embedded H2)\n");
        out.accept(watchers + " watches of one namespace on real sockets (HTTPS, HTTP/1.1, chunked), all read by one client thread"
                + " with a selector that scans each event for the write's number (no thread per watch, no JSON parsing);"
                + " " + WRITERS + " writer threads (HTTPS keep-alive connections) creating " + OBJECTS
                + " configmaps and then updating them (merge patches) on a fixed schedule of " + writesPerSecond
                + " writes/s, so that a slow answer does not delay the next write; every write is an event for every watch. "
                + WARMUP.toSeconds()
                + " s of warm-up, then " + measured.toSeconds() + " s measured. Latency = event received − the moment just"
                + " before its write request was sent: an upper bound on commit → event, as it includes the write's own"
                + " HTTP request and commit. Client and server share the machine.\n");
        try (BenchServer server = BenchServer.start(launcher, dataDir, dataDir.resolve("server.log"))) {
            Run run = measure(server, watchers, writesPerSecond, measured);
            long[] latencies = run.latencies();
            out.accept("| watches | writes/s (achieved) | events delivered / expected | p50 ms | p99 ms | max ms |"
                    + " server RSS MB (watches idle → after) |");
            out.accept("| --- | --- | --- | --- | --- | --- | --- |");
            out.accept(String.format("| %d | %d (%.0f) | %,d / %,d | %.1f | %.1f | %.1f | %d → %d |", watchers,
                    writesPerSecond, run.achievedRate(), latencies.length, run.expected(), percentile(latencies, 50),
                    percentile(latencies, 99), percentile(latencies, 100), run.rssBefore() / 1024, run.rssAfter() / 1024));
            out.accept(String.format("%nWrites answered in p50 %.1f ms, p99 %.1f ms%s. CPU while measured, in cores: server %.2f,"
                    + " benchmark client (watches and writer) %.2f, of %d; load average %.1f.",
                    percentile(run.writeLatencies(), 50), percentile(run.writeLatencies(), 99),
                    run.failedWrites() == 0 ? "" : " (" + run.failedWrites() + " failed)", run.serverCpu(), run.clientCpu(),
                    Runtime.getRuntime().availableProcessors(), run.load()));
            if (run.errors() == 0) {
                out.accept(String.format("%nWatch delivery p99 is **%.1f ms** (target: at most 50 ms).", percentile(latencies, 99)));
            } else {
                out.accept(String.format("%nThe server did not keep up: **%d of %d watches** fell too far behind and were ended"
                        + " with a 410 ERROR event (their clients would list again); over the events delivered, p99 is"
                        + " %.1f ms (target: every event, p99 at most 50 ms).", run.errors(), watchers, percentile(latencies, 99)));
            }
        } finally {
            deleteTree(dataDir); // the server's database and Payara's files: over 100 MB a run
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private Run measure(BenchServer server, int watcherCount, int writesPerSecond, Duration measured) throws Exception {
        int warmupWrites = (int) (WARMUP.toSeconds() * writesPerSecond);
        int measuredWrites = (int) (measured.toSeconds() * writesPerSecond);
        int writes = warmupWrites + measuredWrites;
        String token = server.adminToken();
        HttpClient writer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(server.tls()).build();
        send(writer, request(server, token, "/api/v1/namespaces").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"" + NAMESPACE + "\"}}")).build(), 201);
        String collection = "/api/v1/namespaces/" + NAMESPACE + "/configmaps";
        String version = send(writer, request(server, token, collection).build(), 200)
                .replaceAll("(?s).*\"resourceVersion\":\"(\\d+)\".*", "$1");

        AtomicLongArray sent = new AtomicLongArray(writes);
        long timeout = WARMUP.plus(measured).plus(DRAIN).toSeconds() + 60;
        byte[] watch = ("GET " + collection + "?watch=true&timeoutSeconds=" + timeout + "&resourceVersion=" + version
                + " HTTP/1.1\r\nHost: " + server.uri("/").getAuthority() + "\r\nAuthorization: Bearer " + token
                + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (WatchConnections watchers = new WatchConnections(new InetSocketAddress("127.0.0.1", server.uri("/").getPort()),
                server.tls(), watch, watcherCount, sent, warmupWrites, measuredWrites)) {
            long startDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (watchers.started() + watchers.failed() < watcherCount && System.nanoTime() < startDeadline) {
                Thread.sleep(50);
            }
            if (watchers.started() != watcherCount) {
                throw new IllegalStateException(watchers.started() + " of " + watcherCount + " watches started");
            }
            long rssBefore = ProcessStats.residentKb(server.process());

            // writes on a fixed schedule, each on its own thread of a few: a write that waits for
            // a slow answer does not hold back the next, so the rate is the rate asked for
            // unless the server cannot take it, which the results then show
            long[] writeLatencies = new long[measuredWrites];
            AtomicInteger failedWrites = new AtomicInteger();
            long period = TimeUnit.SECONDS.toNanos(1) / writesPerSecond;
            long start = System.nanoTime() + period;
            ExecutorService writerThreads = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> writing = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int first = w;
                writing.add(writerThreads.submit(() -> {
                    for (int i = first; i < writes; i += WRITERS) {
                        sleepUntil(start + i * period);
                        sent.set(i, System.nanoTime());
                        boolean written;
                        try {
                            written = writer.send(write(server, token, collection, i), HttpResponse.BodyHandlers.discarding())
                                    .statusCode() == (i < OBJECTS ? 201 : 200);
                        } catch (IOException e) {
                            written = false; // such as a connection the server closed after its keep-alive limit
                        }
                        if (i >= warmupWrites) {
                            writeLatencies[i - warmupWrites] = System.nanoTime() - sent.get(i);
                            failedWrites.addAndGet(written ? 0 : 1); // its event is not expected
                        }
                    }
                    return null;
                }));
            }
            sleepUntil(start + warmupWrites * period);
            long measuredStart = System.nanoTime();
            double serverCpuStart = ProcessStats.cpuSeconds(ProcessStats.tree(server.process()));
            double clientCpuStart = ProcessStats.cpuSeconds(List.of(ProcessHandle.current()));
            try {
                for (Future<?> done : writing) {
                    done.get();
                }
            } finally {
                writerThreads.shutdownNow();
            }
            double seconds = (System.nanoTime() - measuredStart) / 1e9;
            double serverCpu = (ProcessStats.cpuSeconds(ProcessStats.tree(server.process())) - serverCpuStart) / seconds;
            // this process alone: the server is its child
            double clientCpu = (ProcessStats.cpuSeconds(List.of(ProcessHandle.current())) - clientCpuStart) / seconds;
            double load = ProcessStats.loadAverage();
            Arrays.sort(writeLatencies);
            long expected = (long) (measuredWrites - failedWrites.get()) * watcherCount;
            long drainDeadline = System.nanoTime() + DRAIN.toNanos();
            while (watchers.received() < expected && System.nanoTime() < drainDeadline) {
                Thread.sleep(100);
            }
            long rssAfter = ProcessStats.residentKb(server.process());
            long[] latencies = watchers.latencies();
            Arrays.sort(latencies);
            return new Run(measuredWrites / seconds, latencies, expected, watchers.errors(), writeLatencies,
                    failedWrites.get(), serverCpu, clientCpu, load, rssBefore, rssAfter);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** The i-th write: a create for the first objects, then updates of them in turn, each carrying its number. */
    private static HttpRequest write(BenchServer server, String token, String collection, int i) {
        String name = "cm-" + (i % OBJECTS);
        String data = "\"data\":{\"seq\":\"" + i + "\",\"value\":\"" + "v".repeat(200) + "\"}";
        if (i < OBJECTS) {
            return request(server, token, collection).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"" + name + "\"}," + data + "}"))
                    .build();
        }
        return request(server, token, collection + "/" + name).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{" + data + "}")).build();
    }

    private static HttpRequest.Builder request(BenchServer server, String token, String path) {
        return HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token);
    }

    private static String send(HttpClient client, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    /** The p-th percentile in milliseconds; p = 100 is the maximum. */
    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

}
