package io.k3j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A `bin/k3j server` on loopback, started for a benchmark and stopped after it; its log goes to a
 * file. Its API is HTTPS under the CA that the launcher makes in the data dir, which {@link #tls()} trusts.
 */
final class BenchServer implements AutoCloseable {

    private static final Pattern TOKEN = Pattern.compile("(?m)^\\s+token: (\\S+)$");
    private static final Duration START = Duration.ofSeconds(120);

    private final Process process;
    private final Path dataDir;
    private final int port;
    private SSLContext tls;

    private BenchServer(Process process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts a server on a free port and returns once /readyz answers 200. */
    static BenchServer start(Path launcher, Path dataDir, Path log) throws Exception {
        return start(launcher, dataDir, log, Map.of());
    }

    /**
     * Starts a server with settings in its environment as well, such as those the launcher has no
     * flag for, which the server reads through MicroProfile Config ({@code K3J_CLUSTER_CIDR} for {@code k3j.cluster-cidr}).
     */
    static BenchServer start(Path launcher, Path dataDir, Path log, Map<String, String> environment) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "server", "--data-dir", dataDir.toString(),
                "--https-listen-port", Integer.toString(port), "--bind-address", "127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        BenchServer server = new BenchServer(process, dataDir, port);
        try {
            server.awaitReady();
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    URI uri(String path) {
        return URI.create("https://127.0.0.1:" + port + path);
    }

    /** TLS that trusts the server's CA (and nothing else); for HTTP clients and raw connections alike. */
    SSLContext tls() throws Exception {
        if (tls == null) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(dataDir.resolve("tls").resolve("server-ca.crt"))) {
                trusted.setCertificateEntry("k3j-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            tls = context;
        }
        return tls;
    }

    /** The bearer token of the admin kubeconfig the server wrote. */
    String adminToken() throws IOException {
        Matcher token = TOKEN.matcher(Files.readString(dataDir.resolve("k3j.yaml")));
        if (!token.find()) {
            throw new IllegalStateException("no token in " + dataDir.resolve("k3j.yaml"));
        }
        return token.group(1);
    }

    /** The cluster token the server generated on its first start, as agents are given it. */
    String clusterToken() throws IOException {
        return Files.readString(dataDir.resolve("token")).strip();
    }

    ProcessHandle process() {
        return process.toHandle();
    }

    private void awaitReady() throws Exception {
        HttpClient http = null;
        HttpRequest ready = HttpRequest.newBuilder(uri("/readyz")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue());
            }
            // the launcher makes the CA just before it starts the server
            if (http == null && Files.isRegularFile(dataDir.resolve("tls").resolve("server-ca.crt"))) {
                http = HttpClient.newBuilder().sslContext(tls()).connectTimeout(Duration.ofSeconds(1)).build();
            }
            try {
                if (http != null && http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("server not ready within " + START.toSeconds() + " s");
    }

    /** Stops the server with SIGTERM, or kills it when it does not end. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
