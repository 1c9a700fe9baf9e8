package io.k3j.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server Arquillian deployed, as the integration tests reach it: its URL, the admin
 * credential from the kubeconfig it wrote at first start, plain HTTP with that credential,
 * and the real kubectl.
 */
final class ItServer {

    /** Where arquillian.xml points the server; the build empties it before the test. */
    static final Path DATA_DIR = Path.of("target", "it-data");

    private static final Pattern TOKEN = Pattern.compile("(?m)^\\s+token: (\\S+)$");

    private final URL deployment;
    private final HttpClient http = HttpClient.newHttpClient();

    ItServer(URL deployment) {
        this.deployment = deployment;
    }

    /** The container may report a non-loopback address; only its port and path are taken. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + deployment.getPort() + deployment.getPath()).resolve(path);
    }

    /** The server URL as a kubeconfig names it: with the context root, without a trailing slash. */
    String serverUrl() {
        return uri("").toString().replaceAll("/$", "");
    }

    /**
     * The same on the HTTPS listener (arquillian.xml's {@code --sslport}, which the build passes
     * as {@code k3j.it.https-port}), whose certificate is signed by the CA in the data dir.
     */
    String httpsServerUrl() {
        String port = System.getProperty("k3j.it.https-port");
        assertTrue(port != null, "the system property k3j.it.https-port is not set; run the test through Maven");
        return ("https://127.0.0.1:" + port + deployment.getPath()).replaceAll("/$", "");
    }

    /** The bearer token of the admin kubeconfig the server wrote. */
    static String adminToken() {
        try {
            Matcher token = TOKEN.matcher(Files.readString(DATA_DIR.resolve("k3j.yaml")));
            assertTrue(token.find(), "no token in the admin kubeconfig");
            return token.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request to a path under the deployment, carrying the admin credential. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + adminToken());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpClient http() {
        return http;
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /**
     * A kubeconfig for kubectl with the admin credential, over HTTPS (kubectl sends no credential
     * over plain HTTP) trusting the cluster CA; the server URL carries the context root.
     */
    Path kubeconfig() throws IOException {
        Path kubeconfig = Path.of("target", "it-kubeconfig.yaml");
        String authority = Base64.getEncoder().encodeToString(Files.readAllBytes(DATA_DIR.resolve("tls/server-ca.crt")));
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: it
                  cluster:
                    certificate-authority-data: %s
                    server: %s
                contexts:
                - name: it
                  context:
                    cluster: it
                    user: it
                current-context: it
                users:
                - name: it
                  user:
                    token: %s
                """.formatted(authority, httpsServerUrl(), adminToken()));
        return kubeconfig;
    }

    /** Runs kubectl to the end and asserts it succeeded; see {@link #kubectlRun}. */
    String kubectl(String... args) throws IOException, InterruptedException {
        KubectlResult result = kubectlRun("", args);
        assertEquals(0, result.exitCode(), result.output());
        return result.output();
    }

    /**
     * Runs kubectl with a fresh discovery cache (which would otherwise outlive the server it
     * describes) and the given standard input.
     */
    KubectlResult kubectlRun(String stdin, String... args) throws IOException, InterruptedException {
        return kubectlRun(Map.of(), stdin, args);
    }

    /** The same with extra environment variables, such as the KUBE_EDITOR of kubectl edit. */
    KubectlResult kubectlRun(Map<String, String> env, String stdin, String... args)
            throws IOException, InterruptedException {
        Process process = kubectlStart(env, args);
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl did not finish");
        return new KubectlResult(process.exitValue(), output);
    }

    /**
     * Starts kubectl without waiting for it, for commands that run until something happens
     * (get -w, wait); standard error goes into its output. The caller ends it.
     */
    Process kubectlStart(Map<String, String> env, String... args) throws IOException {
        // kubectl is a reference client: a machine without it fails here rather than skipping
        assertTrue(Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl"))), "kubectl is not on the PATH");
        Path cache = Files.createTempDirectory(Path.of("target"), "kube-cache");
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig().toString(),
                "--cache-dir", cache.toString(), "--request-timeout", "20s"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }

    record KubectlResult(int exitCode, String output) {
    }

    /** Waits until a condition holds, checking every 50 ms; fails naming what did not happen in time. */
    static void eventually(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out after " + limit + " waiting until " + what);
            Thread.sleep(50);
        }
    }
}
