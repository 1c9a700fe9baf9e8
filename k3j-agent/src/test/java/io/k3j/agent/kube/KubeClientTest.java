package io.k3j.agent.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubeClientTest {

    private HttpServer live;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private URI liveUrl;
    private URI deadUrl;

    @BeforeEach
    void start() throws IOException {
        live = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        live.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] body = "{\"kind\":\"Node\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        live.start();
        liveUrl = URI.create("http://127.0.0.1:" + live.getAddress().getPort());
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadUrl = URI.create("http://127.0.0.1:" + free.getLocalPort());
        }
    }

    @AfterEach
    void stop() {
        live.stop(0);
    }

    /** Picks the dead server first, then the live one once told of the failure. */
    private final class FirstDead implements ServerSelector {

        final List<URI> failed = new CopyOnWriteArrayList<>();

        @Override
        public URI select() {
            return failed.contains(deadUrl) ? liveUrl : deadUrl;
        }

        @Override
        public void failed(URI server) {
            failed.add(server);
        }
    }

    private KubeClient client(ServerSelector servers) {
        return new KubeClient(HttpClient.newHttpClient(), servers, () -> "node-token", Duration.ofSeconds(5));
    }

    @Test
    void retriesAReadOnceOnTheNextServerAfterAnIoError() throws Exception {
        FirstDead servers = new FirstDead();
        KubeResponse answer = client(servers).get("/api/v1/nodes/n1");

        assertEquals(200, answer.status());
        assertEquals("Node", answer.body().getString("kind"));
        assertEquals(List.of(deadUrl), servers.failed);
        assertEquals(List.of("GET /api/v1/nodes/n1 Bearer node-token null"), seen);
    }

    @Test
    void patchesAreRetriedToo() throws Exception {
        client(new FirstDead()).mergePatch("/api/v1/nodes/n1/status", JsonProvider.provider().createObjectBuilder().build());
        assertEquals(List.of("PATCH /api/v1/nodes/n1/status Bearer node-token application/merge-patch+json"), seen);
    }

    @Test
    void aCreationIsNotRepeatedButTheNextRequestGoesElsewhere() throws Exception {
        FirstDead servers = new FirstDead();
        KubeClient client = client(servers);
        assertThrows(IOException.class, () -> client.create("/api/v1/nodes", JsonProvider.provider().createObjectBuilder().build()));
        assertEquals(List.of(), seen);
        assertEquals(List.of(deadUrl), servers.failed);

        assertEquals(200, client.create("/api/v1/nodes", JsonProvider.provider().createObjectBuilder().build()).status());
    }
}
