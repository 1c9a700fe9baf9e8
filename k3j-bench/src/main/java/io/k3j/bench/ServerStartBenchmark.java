package io.k3j.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Starts `bin/k3j server` and measures the time to /readyz and the resident memory once idle. */
final class ServerStartBenchmark {

    private final Path launcher;
    private final Consumer<String> out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    ServerStartBenchmark(Path launcher, Consumer<String> out) {
        this.launcher = launcher;
        this.out = out;
    }

    void run(int starts) throws Exception {
        Path dataDir = Files.createTempDirectory("k3j-bench-server");
        out.accept("\n### Server start (bin/k3j server, embedded H2)\n");
        out.accept("| start | to /readyz s | RSS after 5 s idle MB |\n| --- | --- | --- |");
        for (int i = 1; i <= starts; i++) {
            int port = freePort();
            Process server = new ProcessBuilder(launcher.toString(), "server", "--data-dir", dataDir.toString(),
                    "--https-listen-port", Integer.toString(port), "--bind-address", "127.0.0.1")
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("server-" + i + ".log").toFile())
                    .start();
            try {
                long start = System.nanoTime();
                awaitReady(port, server);
                double seconds = (System.nanoTime() - start) / 1e9;
                Thread.sleep(5000);
                long rssKb = residentKb(server.toHandle());
                out.accept(String.format("| %s | %.1f | %d |", i == 1 ? "first (generates token)" : "restart " + (i - 1),
                        seconds, rssKb / 1024));
            } finally {
                server.destroy();
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        }
    }

    private void awaitReady(int port, Process server) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("server exited with " + server.exitValue());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("server not ready within 120 s");
    }

    /** The resident memory of the process and everything it started, from /proc. */
    private static long residentKb(ProcessHandle process) throws IOException {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process);
        process.descendants().forEach(all::add);
        long total = 0;
        for (ProcessHandle p : all) {
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            if (Files.exists(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        total += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            }
        }
        return total;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
