package io.k3j.agent.kube;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The Kubernetes API as the node sees it: JSON over the cluster CA's TLS context, as
 * {@code system:node:<name>} with the bearer token of the registration. Each request goes to the
 * server the load balancer picks; a read, update or patch that fails with an I/O error is tried
 * once more, on the server picked after the failure. Creations are not repeated, as the first
 * may have been done.
 */
public final class KubeClient {

    public static final String JSON_TYPE = "application/json";
    public static final String MERGE_PATCH_TYPE = "application/merge-patch+json";
    private static final JsonProvider JSON = JsonProvider.provider();

    private final HttpClient http;
    private final ServerSelector servers;
    private final Supplier<String> bearerToken;
    private final Duration timeout;

    public KubeClient(HttpClient http, ServerSelector servers, Supplier<String> bearerToken, Duration timeout) {
        this.http = http;
        this.servers = servers;
        this.bearerToken = bearerToken;
        this.timeout = timeout;
    }

    /** The HTTP client that every part of the agent shares: HTTP/1.1 over the given TLS context, host names checked. */
    public static HttpClient httpClient(javax.net.ssl.SSLContext ssl, Duration connectTimeout) {
        return HttpClient.newBuilder()
                .sslContext(ssl)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public KubeResponse get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null, true);
    }

    public KubeResponse create(String path, JsonObject body) throws IOException, InterruptedException {
        return send("POST", path, body, JSON_TYPE, false);
    }

    public KubeResponse update(String path, JsonObject body) throws IOException, InterruptedException {
        return send("PUT", path, body, JSON_TYPE, true);
    }

    public KubeResponse mergePatch(String path, JsonObject patch) throws IOException, InterruptedException {
        return send("PATCH", path, patch, MERGE_PATCH_TYPE, true);
    }

    private KubeResponse send(String method, String path, JsonObject body, String contentType, boolean idempotent)
            throws IOException, InterruptedException {
        URI server = servers.select();
        try {
            return sendTo(server, method, path, body, contentType);
        } catch (IOException e) {
            servers.failed(server);
            if (!idempotent) {
                throw e;
            }
            return sendTo(servers.select(), method, path, body, contentType);
        }
    }

    private KubeResponse sendTo(URI server, String method, String path, JsonObject body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + bearerToken.get())
                .header("Accept", JSON_TYPE);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new KubeResponse(response.statusCode(), object(response.body()));
        } catch (IOException e) {
            throw new IOException(method + " " + server + path + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static JsonObject object(String text) {
        if (text == null || text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        } catch (JsonException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }
}
