package io.k3j.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Create, get and list of configmaps through the HTTP API of a real {@code bin/k3j server}, by
 * concurrent keep-alive clients, against {@code GET /version} on the same server as the ceiling:
 * a trivial JAX-RS resource behind the same filter chain, so that the gap is the API's own work.
 */
final class HttpApiBenchmark {

    private static final int CLIENTS = 8;
    private static final int LISTED = 100;
    private static final int ROUNDS = 5;
    private static final String VALUE = "v".repeat(256);
    private static final String LIST_NAMESPACE = "bench-list";
    private static final String CREATE_NAMESPACE = "bench-create";

    private final Path launcher;
    private final Consumer<String> out;
    private final AtomicLong created = new AtomicLong();

    HttpApiBenchmark(Path launcher, Consumer<String> out) {
        this.launcher = launcher;
        this.out = out;
    }

    /** One kind of request, sent by every client; each must answer {@code expected}. */
    private record Operation(String name, int expected, RequestFactory request) {
    }

    @FunctionalInterface
    private interface RequestFactory {
        HttpRequest.Builder next();
    }

    /** @param perOperation how long each operation is measured in all, in rounds that alternate the operations */
    void run(Duration perOperation, Duration warmup) throws Exception {
        Path dataDir = Files.createTempDirectory("k3j-bench-http");
        out.accept("\n### HTTP API (bin/k3j server, embedded H2)\n");
        out.accept(CLIENTS + " concurrent clients (java.net.http, HTTPS with HTTP/1.1 keep-alive, one connection each) with the admin token; "
                + "configmaps of " + VALUE.length() + " bytes of data; each operation measured for " + perOperation.toSeconds()
                + " s in " + ROUNDS + " rounds that alternate the operations, after " + warmup.toSeconds() + " s of warm-up each.\n");
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try (BenchServer server = BenchServer.start(launcher, dataDir, dataDir.resolve("server.log"))) {
            String token = server.adminToken();
            List<HttpClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(server.tls()).build());
            }
            HttpClient setup = clients.get(0);
            send(setup, post(server, token, "/api/v1/namespaces", namespace(LIST_NAMESPACE)), 201);
            send(setup, post(server, token, "/api/v1/namespaces", namespace(CREATE_NAMESPACE)), 201);
            for (int i = 0; i < LISTED; i++) {
                send(setup, post(server, token, "/api/v1/namespaces/" + LIST_NAMESPACE + "/configmaps", configMap("cm-" + i)), 201);
            }

            List<Operation> operations = List.of(
                    new Operation("GET /version (ceiling)", 200, () -> get(server, token, "/version")),
                    new Operation("get a configmap", 200, () -> get(server, token, "/api/v1/namespaces/" + LIST_NAMESPACE
                            + "/configmaps/cm-" + ThreadLocalRandom.current().nextInt(LISTED))),
                    new Operation("list " + LISTED + " configmaps", 200,
                            () -> get(server, token, "/api/v1/namespaces/" + LIST_NAMESPACE + "/configmaps")),
                    new Operation("create a configmap", 201, () -> post(server, token,
                            "/api/v1/namespaces/" + CREATE_NAMESPACE + "/configmaps", configMap("c-" + created.incrementAndGet()))));

            for (Operation operation : operations) {
                measure(pool, clients, operation, warmup, null);
            }
            List<Latencies> results = new ArrayList<>();
            long[] walls = new long[operations.size()];
            for (int i = 0; i < operations.size(); i++) {
                results.add(new Latencies(100_000));
            }
            Duration round = perOperation.dividedBy(ROUNDS);
            for (int r = 0; r < ROUNDS; r++) {
                for (int i = 0; i < operations.size(); i++) {
                    walls[i] += measure(pool, clients, operations.get(i), round, results.get(i));
                }
            }
            out.accept(Latencies.header());
            for (int i = 0; i < operations.size(); i++) {
                results.get(i).wall(walls[i]);
                out.accept(results.get(i).row(operations.get(i).name()));
            }
            double ceiling = results.get(0).opsPerSecond();
            out.accept(String.format("%nGets reach **%.0f%%** of the ceiling (target: at least 50%%); lists %.0f%%, creates %.0f%%.",
                    100 * results.get(1).opsPerSecond() / ceiling, 100 * results.get(2).opsPerSecond() / ceiling,
                    100 * results.get(3).opsPerSecond() / ceiling));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every client sends the operation's requests back to back for the given time.
     *
     * @param latencies where the durations go, or null for a warm-up
     * @return the wall time the clients took
     */
    private static long measure(ExecutorService pool, List<HttpClient> clients, Operation operation, Duration time,
            Latencies latencies) throws Exception {
        long start = System.nanoTime();
        long deadline = start + time.toNanos();
        List<Future<long[]>> runs = new ArrayList<>();
        for (HttpClient client : clients) {
            runs.add(pool.submit(() -> {
                long[] samples = new long[1024];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    HttpRequest request = operation.request().next().build();
                    long t0 = System.nanoTime();
                    send(client, request, operation.expected());
                    if (n == samples.length) {
                        samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> run : runs) {
            all.add(run.get());
        }
        long wall = System.nanoTime() - start;
        if (latencies != null) {
            all.forEach(samples -> {
                for (long sample : samples) {
                    latencies.add(sample);
                }
            });
        }
        return wall;
    }

    private static void send(HttpClient client, HttpRequest.Builder request, int expected) throws Exception {
        send(client, request.build(), expected);
    }

    private static void send(HttpClient client, HttpRequest request, int expected) throws Exception {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + ", not " + expected + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    private static HttpRequest.Builder get(BenchServer server, String token, String path) {
        return HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.Builder post(BenchServer server, String token, String path, String body) {
        return get(server, token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String namespace(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}";
    }

    private static String configMap(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"app\":\"bench\"}},\"data\":{\"value\":\"" + VALUE + "\"}}";
    }
}
