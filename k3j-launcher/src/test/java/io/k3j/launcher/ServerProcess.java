package io.k3j.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A command run as a separate process for the integration tests, its output kept in files. */
final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;

    private ServerProcess(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts a command with no {@code K3J_} variables of the test's own environment.
     *
     * @param logs where the command's stdout and stderr go, as {@code <name>.out} and {@code <name>.err}
     */
    static ServerProcess start(String name, List<String> command, Map<String, String> env, Path logs) throws IOException {
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("K3J_"));
        builder.environment().putAll(env);
        return new ServerProcess(name, builder.start(), out, err);
    }

    /**
     * Waits until {@code /readyz} on loopback answers {@code ok} over HTTPS, trusting only the CA
     * that the launcher makes in the server's data dir; returns how long that took.
     */
    Duration awaitReady(int port, Path caCertificate, Duration timeout) throws Exception {
        return awaitReady(URI.create("https://127.0.0.1:" + port + "/readyz"), () -> Files.isRegularFile(caCertificate)
                ? Optional.of(clientTrusting(caCertificate)) : Optional.empty(), timeout);
    }

    /** The same over plain HTTP, for a Payara Micro started without the launcher. */
    Duration awaitReadyPlain(int port, Duration timeout) throws Exception {
        return awaitReady(URI.create("http://127.0.0.1:" + port + "/readyz"), () -> Optional.of(HTTP), timeout);
    }

    /** An HTTP client that trusts the given CA certificate (PEM) and no other. */
    static HttpClient clientTrusting(Path caCertificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate)) {
            trusted.setCertificateEntry("k3j-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** A client for the server, empty until one can be made. */
    private interface ClientSource {
        Optional<HttpClient> client() throws Exception;
    }

    private Duration awaitReady(URI uri, ClientSource clients, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        HttpRequest readyz = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail(name + " ended with status " + process.exitValue() + " before it was ready; stderr: " + stderr());
            }
            Optional<HttpClient> client = clients.client();
            if (client.isPresent()) {
                try {
                    HttpResponse<String> response = client.get().send(readyz, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().equals("ok")) {
                        return Duration.ofNanos(System.nanoTime() - start);
                    }
                } catch (IOException notListeningYet) {
                    // the server is still booting
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " was not ready within " + timeout);
    }

    /** Waits for the process to end by itself; returns its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), name + " did not end within " + timeout);
        return process.exitValue();
    }

    /** Sends SIGTERM and waits for the process to end; returns its exit status. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Sends SIGKILL, as a crash would end the process, and waits for it to end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    String stderr() throws IOException {
        return Files.readString(err);
    }

    String stdout() throws IOException {
        return Files.readString(out);
    }

    /** Kills what a failed test left running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
