package io.k3j.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Watches on the real server: more concurrent watches than Payara Micro has HTTP threads, each
 * fed its events while the rest of the API answers; watches of one object; clients that go away.
 */
class WatchFanoutIT extends DeployedWar {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern HTTP_POOL_SIZE =
            Pattern.compile("<thread-pool name=\"http-thread-pool\"[^>]*max-thread-pool-size=\"(\\d+)\"");

    /**
     * The watches' client: HTTP/1.1, one connection per watch, as client-go and fabric8 hold them
     * over plain HTTP (an HTTP/2 client would multiplex them on one connection instead).
     */
    private final HttpClient watchClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The size of Payara Micro's HTTP thread pool, from the default domain.xml in the jar the test runs. */
    private static int payaraHttpThreads() throws IOException {
        try (ZipFile micro = new ZipFile("target/payara-micro.jar")) {
            String domain = new String(micro.getInputStream(micro.getEntry("MICRO-INF/domain/domain.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            Matcher pool = HTTP_POOL_SIZE.matcher(domain);
            assertTrue(pool.find(), "no http-thread-pool in Payara Micro's domain.xml");
            return Integer.parseInt(pool.group(1));
        }
    }

    private void createNamespace(String name) throws Exception {
        assertEquals(201, server().send("POST", "api/v1/namespaces", "application/json",
                "{\"metadata\":{\"name\":\"" + name + "\"}}").statusCode());
    }

    private void create(String namespace, String plural, String name) throws Exception {
        HttpResponse<String> created = server().send("POST", "api/v1/namespaces/" + namespace + "/" + plural,
                "application/json", "{\"metadata\":{\"name\":\"" + name + "\"}}");
        assertEquals(201, created.statusCode(), created.body());
    }

    private String listVersion(String path) throws Exception {
        return ItServer.json(server().get(path)).getJsonObject("metadata").getString("resourceVersion");
    }

    /** How many watches of a resource the server holds. */
    private int openWatches(String resource) {
        try {
            HttpResponse<String> counts = server().get("v1-k3j/watches");
            assertEquals(200, counts.statusCode(), counts.body());
            return ItServer.json(counts).getJsonObject("resources").getInt(resource, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a watch whose lines a subscriber takes as they come: no thread per watch on this side either. */
    private Watcher watch(String path) {
        Watcher watcher = new Watcher();
        HttpRequest request = server().request(path).build();
        // the status as soon as the headers arrive; the response itself completes when the watch ends
        watchClient.sendAsync(request, info -> {
            watcher.status.complete(info.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(watcher);
        });
        return watcher;
    }

    @Test
    void moreWatchesThanPayaraHasHttpThreadsAllGetTheirEventsWhileTheApiAnswers() throws Exception {
        int threads = payaraHttpThreads();
        int count = threads + 100;
        String namespace = "it-many-watches";
        createNamespace(namespace);
        // secrets, which no other test here watches, so that the counts are this test's own
        String collection = "api/v1/namespaces/" + namespace + "/secrets";
        String version = listVersion(collection);
        assertEquals(0, openWatches("secrets"));

        List<Watcher> watchers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            watchers.add(watch(collection + "?watch=true&timeoutSeconds=300&resourceVersion=" + version));
        }
        for (Watcher watcher : watchers) {
            assertEquals(200, watcher.status.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(count, openWatches("secrets"), count + " watches open, " + threads + " HTTP threads");

        // the API still answers with every watch open
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            HttpResponse<String> namespaces = server().get("api/v1/namespaces");
            assertEquals(200, namespaces.statusCode(), namespaces.body());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "a list took over 5 s");
        }
        create(namespace, "secrets", "for-everyone");
        for (Watcher watcher : watchers) {
            JsonObject event = watcher.next();
            assertEquals("ADDED", event.getString("type"), event.toString());
            assertEquals("for-everyone", event.getJsonObject("object").getJsonObject("metadata").getString("name"));
        }

        // clients that go away: their watches are forgotten once the server writes to them (the JDK
        // client closes a cancelled connection when the next data comes, and a write to a closed
        // connection fails only on the one after)
        watchers.forEach(Watcher::disconnect);
        int writes = 0;
        while (openWatches("secrets") > 0 && writes < 10) {
            create(namespace, "secrets", "after-disconnect-" + ++writes);
            Thread.sleep(200);
        }
        assertEquals(0, openWatches("secrets"), "watches left after " + writes + " writes");
    }

    @Test
    void aWatchOfOneObjectSeesOnlyThatObject() throws Exception {
        String namespace = "it-one-watch";
        createNamespace(namespace);
        String version = listVersion("api/v1/namespaces/" + namespace + "/configmaps");
        Watcher watcher = watch("api/v1/watch/namespaces/" + namespace + "/configmaps/chosen?timeoutSeconds=60"
                + "&resourceVersion=" + version);
        assertEquals(200, watcher.status.get(WAIT.toSeconds(), TimeUnit.SECONDS));

        create(namespace, "configmaps", "other");
        create(namespace, "configmaps", "chosen");

        JsonObject event = watcher.next();
        assertEquals("ADDED", event.getString("type"));
        assertEquals("chosen", event.getJsonObject("object").getJsonObject("metadata").getString("name"));
        watcher.disconnect();

        HttpResponse<String> conflicting = server().get("api/v1/watch/namespaces/" + namespace
                + "/configmaps/chosen?fieldSelector=metadata.name%3Dother");
        assertEquals(400, conflicting.statusCode(), conflicting.body());
        assertEquals("fieldSelector metadata.name doesn't match requested name",
                ItServer.json(conflicting).getString("message"));
        HttpResponse<String> clusterScoped = server().get("api/v1/watch/namespaces/default?timeoutSeconds=1");
        assertEquals(200, clusterScoped.statusCode(), clusterScoped.body());
        assertTrue(clusterScoped.body().contains("\"name\":\"default\""), clusterScoped.body());
    }

    @Test
    void aBadWatchIsAStatusBeforeAnyStream() throws Exception {
        HttpResponse<String> bad = server().get("api/v1/configmaps?watch=true&labelSelector=a+in+(");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("Status", ItServer.json(bad).getString("kind"));
        HttpResponse<String> badTimeout = server().get("api/v1/watch/configmaps?timeoutSeconds=soon");
        assertEquals(400, badTimeout.statusCode(), badTimeout.body());
        assertEquals("BadRequest", ItServer.json(badTimeout).getString("reason"));
    }

    /** One watch's events, parsed as they arrive. */
    private static final class Watcher implements Flow.Subscriber<String> {

        private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private final CompletableFuture<Integer> status = new CompletableFuture<>();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            events.add(ItServer.json(line));
        }

        @Override
        public void onError(Throwable failure) {
            // the test cut the connection, or the server ended the watch
        }

        @Override
        public void onComplete() {
        }

        JsonObject next() throws InterruptedException {
            JsonObject event = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (event == null) {
                throw new UncheckedIOException(new IOException("no watch event within " + WAIT));
            }
            return event;
        }

        void disconnect() {
            subscription.cancel();
        }
    }
}
