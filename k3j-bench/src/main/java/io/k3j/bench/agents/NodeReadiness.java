package io.k3j.bench.agents;

import io.k3j.agent.node.NodeDocuments;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The readiness of some nodes (those of a name prefix) as a cluster admin sees it through the
 * API: lists of nodes, and a watch that counts every node whose Ready condition leaves True (a NotReady flap).
 */
public final class NodeReadiness {

    private static final JsonProvider JSON = JsonProvider.provider();

    private final HttpClient http;
    private final URI server;
    private final String adminToken;
    private final String namePrefix;

    /** @param namePrefix the nodes counted in lists and watches: those whose names start with it */
    public NodeReadiness(HttpClient http, URI server, String adminToken, String namePrefix) {
        this.http = http;
        this.server = server;
        this.adminToken = adminToken;
        this.namePrefix = namePrefix;
    }

    /**
     * The nodes as listed now.
     *
     * @param readySince for each node that is Ready, when it became so
     * @param otherNodes nodes of other names, such as the server's local agent
     */
    public record Snapshot(int nodes, int ready, int otherNodes, String resourceVersion, Map<String, Instant> readySince) {

        /** Nodes that are Ready but became so after {@code instant}: they were not Ready for a while since. */
        public long readyAgainSince(Instant instant) {
            return readySince.values().stream().filter(since -> since.isAfter(instant)).count();
        }
    }

    public Snapshot list() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/api/v1/nodes").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("listing nodes answered " + response.statusCode() + ": " + response.body());
        }
        JsonObject list = parse(response.body());
        int count = 0;
        int others = 0;
        Map<String, Instant> readySince = new HashMap<>();
        for (JsonValue item : list.getJsonArray("items")) {
            JsonObject node = item.asJsonObject();
            if (!name(node).startsWith(namePrefix)) {
                others++;
                continue;
            }
            count++;
            NodeDocuments.ready(node).filter(NodeDocuments.Ready::isTrue)
                    .ifPresent(ready -> readySince.put(name(node), ready.since().orElse(Instant.EPOCH)));
        }
        return new Snapshot(count, readySince.size(), others, list.getJsonObject("metadata").getString("resourceVersion"), readySince);
    }

    /** Whether the node exists and is Ready. */
    public boolean ready(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/api/v1/nodes/" + name).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200
                && NodeDocuments.ready(parse(response.body())).map(NodeDocuments.Ready::isTrue).orElse(false);
    }

    /**
     * Watches the nodes from a list's resourceVersion on a thread of its own, until closed.
     * Counts each change of a node's Ready condition from True to anything else.
     */
    public FlapWatch watch(Snapshot from, Duration timeout) {
        FlapWatch watch = new FlapWatch(from);
        Thread reader = new Thread(() -> watch.run(timeout), "node-flap-watch");
        reader.setDaemon(true);
        reader.start();
        return watch;
    }

    /** Ready flaps seen by a watch of the nodes. */
    public final class FlapWatch implements AutoCloseable {

        private final Map<String, Boolean> ready = new ConcurrentHashMap<>();
        private final AtomicInteger flaps = new AtomicInteger();
        private final AtomicInteger events = new AtomicInteger();
        private volatile String resourceVersion;
        private volatile String broken;
        private volatile boolean closed;
        private volatile Stream<String> lines;

        private FlapWatch(Snapshot from) {
            from.readySince().keySet().forEach(name -> ready.put(name, true));
            resourceVersion = from.resourceVersion();
        }

        private void run(Duration timeout) {
            String path = "/api/v1/nodes?watch=true&resourceVersion=" + resourceVersion + "&timeoutSeconds="
                    + timeout.toSeconds();
            try {
                HttpResponse<Stream<String>> response = http.send(request(path).build(), HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() != 200) {
                    broken = "the watch answered " + response.statusCode();
                    return;
                }
                lines = response.body();
                lines.forEach(this::event);
                if (!closed) {
                    broken = "the server ended the watch early";
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    broken = "the watch broke: " + e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void event(String line) {
            if (line.isBlank()) {
                return;
            }
            JsonObject event = parse(line);
            events.incrementAndGet();
            String type = event.getString("type", "");
            if (type.equals("ERROR")) {
                broken = "the watch ended with an ERROR event: " + event.getJsonObject("object");
                return;
            }
            JsonObject node = event.getJsonObject("object");
            if (!name(node).startsWith(namePrefix)) {
                return;
            }
            boolean nowReady = !type.equals("DELETED")
                    && NodeDocuments.ready(node).map(NodeDocuments.Ready::isTrue).orElse(false);
            Boolean before = ready.put(name(node), nowReady);
            if (Boolean.TRUE.equals(before) && !nowReady) {
                flaps.incrementAndGet();
            }
        }

        /** Nodes' Ready conditions that left True while watched. */
        public int flaps() {
            return flaps.get();
        }

        public int events() {
            return events.get();
        }

        /** Why the watch ended before it was closed, if it did: its count may then be short. */
        public Optional<String> broken() {
            return Optional.ofNullable(broken);
        }

        @Override
        public void close() {
            closed = true;
            Stream<String> open = lines;
            if (open != null) {
                open.close();
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.resolve(path)).header("Authorization", "Bearer " + adminToken)
                .header("Accept", "application/json");
    }

    private static String name(JsonObject object) {
        return object.getJsonObject("metadata").get("name") instanceof JsonString name ? name.getString() : "";
    }

    private static JsonObject parse(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
