package io.k3j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Starts `bin/k3j server` and measures the time to /readyz and the resident memory once idle. */
final class ServerStartBenchmark {

    private final Path launcher;
    private final Consumer<String> out;

    ServerStartBenchmark(Path launcher, Consumer<String> out) {
        this.launcher = launcher;
        this.out = out;
    }

    void run(int starts) throws Exception {
        Path dataDir = Files.createTempDirectory("k3j-bench-server");
        out.accept("\n### Server start (bin/k3j server, embedded H2)\n");
        out.accept("| start | to /readyz s | RSS after 5 s idle MB |\n| --- | --- | --- |");
        for (int i = 1; i <= starts; i++) {
            long start = System.nanoTime();
            try (BenchServer server = BenchServer.start(launcher, dataDir, dataDir.resolve("server-" + i + ".log"))) {
                double seconds = (System.nanoTime() - start) / 1e9;
                Thread.sleep(5000);
                long rssKb = ProcessStats.residentKb(server.process());
                out.accept(String.format("| %s | %.1f | %d |", i == 1 ? "first (generates token)" : "restart " + (i - 1),
                        seconds, rssKb / 1024));
            }
        }
    }
}
