package io.k3j.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The WAR as built, on Payara Micro, seen from outside as a client sees it. */
class K3jWarIT extends DeployedWar {

    private URI uri(String path) {
        return server().uri(path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return server().get(path);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        return server().send(method, path, contentType, body);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return ItServer.json(response);
    }

    private static List<String> names(JsonObject list) {
        return list.getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getJsonObject("metadata").getString("name")).toList();
    }

    private static void assertStatus(int code, String reason, HttpResponse<String> response) {
        assertEquals(code, response.statusCode(), response.body());
        JsonObject status = json(response);
        assertEquals("Status", status.getString("kind"), response.body());
        assertEquals(reason, status.getString("reason"), response.body());
        assertEquals(code, status.getInt("code"), response.body());
    }

    @Test
    void healthEndpointsAnswerOk() throws Exception {
        for (String path : new String[] {"readyz", "livez", "healthz"}) {
            HttpResponse<String> response = get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals("ok", response.body(), path);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), path);
        }
    }

    @Test
    void versionAnswersLikeKubernetes() throws Exception {
        HttpResponse<String> response = get("version");
        assertEquals(200, response.statusCode());
        JsonObject version = Json.createReader(new StringReader(response.body())).readObject();

        assertEquals("1", version.getString("major"));
        assertEquals("31", version.getString("minor"));
        assertEquals("v1.31.0+k3j1", version.getString("gitVersion"));
        assertEquals("java" + System.getProperty("java.version"), version.getString("goVersion"));
        assertEquals("javac", version.getString("compiler"));
        assertEquals("linux/amd64", version.getString("platform"));
        assertTrue(version.getString("buildDate").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), version.toString());
        assertTrue(version.containsKey("gitCommit") && version.containsKey("gitTreeState"), version.toString());
    }

    @Test
    void theWarCarriesTheServerThePluginsAndTheirDriversButNotWhatPayaraProvides() throws Exception {
        List<String> libs;
        try (ZipFile war = new ZipFile("target/k3j.war")) {
            libs = war.stream().map(ZipEntry::getName).filter(name -> name.startsWith("WEB-INF/lib/"))
                    .map(name -> name.substring("WEB-INF/lib/".length())).toList();
        }
        for (String jar : List.of("k3j-registration-ejb-", "k3j-spi-", "k3j-datastore-sql-", "k3j-datastore-h2-",
                "k3j-datastore-postgres-", "h2-", "postgresql-")) {
            assertTrue(libs.stream().anyMatch(lib -> lib.startsWith(jar)), jar + " missing from " + libs);
        }
        assertTrue(libs.stream().noneMatch(lib -> lib.contains("eclipse.persistence") || lib.startsWith("jakarta.")), libs.toString());
    }

    @Test
    void theFirstStartWroteTheTokenAndTheAdminKubeconfig() throws Exception {
        Path token = ItServer.DATA_DIR.resolve("token");
        Path kubeconfig = ItServer.DATA_DIR.resolve("k3j.yaml");

        // K3s's full form, since the server has a CA: its hash, then the generated secret
        String full = Files.readString(token).strip();
        assertTrue(full.matches("K10[0-9a-f]{64}::server:[0-9a-f]{64}"), full);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)));
        String yaml = Files.readString(kubeconfig);
        // the build made a CA in the data dir (as the launcher does), so the kubeconfig is HTTPS and trusts it
        assertTrue(yaml.contains("server: https://127.0.0.1:" + System.getProperty("k3j.it.https-port") + "\n"), yaml);
        assertTrue(yaml.contains("certificate-authority-data: " + Base64.getEncoder().encodeToString(
                Files.readAllBytes(ItServer.DATA_DIR.resolve("tls/server-ca.crt"))) + "\n"), yaml);
        assertTrue(yaml.contains("current-context: default\n"), yaml);
        assertTrue(yaml.matches("(?s).*\n    token: [A-Za-z0-9_-]{43}\n.*"), yaml);
    }

    @Test
    void discoveryIsGeneratedFromTheCatalog() throws Exception {
        JsonObject api = json(get("api"));
        assertEquals("APIVersions", api.getString("kind"));
        assertEquals("127.0.0.1:" + deployment.getPort(),
                api.getJsonArray("serverAddressByClientCIDRs").getJsonObject(0).getString("serverAddress"));

        HttpResponse<String> core = get("api/v1");
        assertEquals(200, core.statusCode(), core.body());
        JsonObject configMaps = json(core).getJsonArray("resources").stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getString("name").equals("configmaps")).findFirst().orElseThrow();
        assertEquals(List.of("cm"), configMaps.getJsonArray("shortNames").getValuesAs(JsonString::getString));

        assertEquals("coordination.k8s.io/v1", json(get("apis")).getJsonArray("groups").getJsonObject(0)
                .getJsonObject("preferredVersion").getString("groupVersion"));
        assertEquals("APIGroup", json(get("apis/coordination.k8s.io")).getString("kind"));
        assertEquals("coordination.k8s.io/v1", json(get("apis/coordination.k8s.io/v1")).getString("groupVersion"));
    }

    @Test
    void theSystemNamespacesExistFromTheFirstStart() throws Exception {
        HttpResponse<String> response = get("api/v1/namespaces");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject list = json(response);
        assertEquals("NamespaceList", list.getString("kind"));
        assertTrue(names(list).containsAll(List.of("default", "kube-system", "kube-public", "kube-node-lease")),
                names(list).toString());
    }

    @Test
    void aConfigMapIsCreatedReadListedUpdatedPatchedAndDeleted() throws Exception {
        String collection = "api/v1/namespaces/default/configmaps";
        HttpResponse<String> created = send("POST", collection, "application/json",
                "{\"metadata\":{\"name\":\"it-settings\"},\"data\":{\"mode\":\"fast\"}}");
        assertEquals(201, created.statusCode(), created.body());
        String firstVersion = json(created).getJsonObject("metadata").getString("resourceVersion");

        assertEquals("fast", json(get(collection + "/it-settings")).getJsonObject("data").getString("mode"));
        assertTrue(names(json(get(collection))).contains("it-settings"));
        assertTrue(names(json(get("api/v1/configmaps"))).contains("it-settings"), "the all-namespaces list");

        String update = "{\"metadata\":{\"name\":\"it-settings\",\"resourceVersion\":\"%s\"},\"data\":{\"mode\":\"%s\"}}";
        HttpResponse<String> updated = send("PUT", collection + "/it-settings", "application/json",
                update.formatted(firstVersion, "safe"));
        assertEquals(200, updated.statusCode(), updated.body());
        assertNotEquals(firstVersion, json(updated).getJsonObject("metadata").getString("resourceVersion"));
        assertStatus(409, "Conflict", send("PUT", collection + "/it-settings", "application/json",
                update.formatted(firstVersion, "stale")));

        HttpResponse<String> patched = send("PATCH", collection + "/it-settings", "application/merge-patch+json",
                "{\"data\":{\"extra\":\"yes\"}}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("safe", json(patched).getJsonObject("data").getString("mode"));
        assertEquals("yes", json(patched).getJsonObject("data").getString("extra"));
        assertStatus(415, "UnsupportedMediaType",
                send("PATCH", collection + "/it-settings", "text/plain", "{\"data\":{}}"));

        HttpResponse<String> deleted = send("DELETE", collection + "/it-settings", "application/json", "");
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertStatus(404, "NotFound", get(collection + "/it-settings"));
    }

    @Test
    void aWatchReceivesAConfigMapCreatedAfterItStarted() throws Exception {
        String collection = "api/v1/namespaces/kube-public/configmaps";
        String listVersion = json(get(collection)).getJsonObject("metadata").getString("resourceVersion");
        HttpRequest watch = server().request(collection + "?watch=true&timeoutSeconds=30&resourceVersion="
                + listVersion).build();
        // the response headers arrive before any event: the server flushes them when the watch starts
        HttpResponse<Stream<String>> events = server().http().sendAsync(watch, HttpResponse.BodyHandlers.ofLines())
                .get(15, TimeUnit.SECONDS);
        assertEquals(200, events.statusCode());

        CompletableFuture<JsonObject> added = CompletableFuture.supplyAsync(() -> events.body()
                .map(line -> Json.createReader(new StringReader(line)).readObject())
                .filter(event -> event.getString("type").equals("ADDED"))
                .findFirst().orElseThrow());
        assertEquals(201, send("POST", collection, "application/json",
                "{\"metadata\":{\"name\":\"it-watched\"}}").statusCode());

        JsonObject event = added.get(15, TimeUnit.SECONDS);
        assertEquals("it-watched", event.getJsonObject("object").getJsonObject("metadata").getString("name"));
        events.body().close();
    }

    @Test
    void theWatchPathFormStartsWithTheExistingObjects() throws Exception {
        HttpResponse<String> response = get("api/v1/watch/namespaces?timeoutSeconds=1");
        assertEquals(200, response.statusCode(), response.body());
        List<JsonObject> events = response.body().lines()
                .map(line -> Json.createReader(new StringReader(line)).readObject()).toList();
        assertTrue(events.stream().anyMatch(e -> e.getString("type").equals("ADDED")
                && e.getJsonObject("object").getJsonObject("metadata").getString("name").equals("kube-system")),
                response.body());
    }

    @Test
    void aWatchUpgradedToAWebSocketSendsOneMessagePerEvent() throws Exception {
        String collection = "api/v1/namespaces/kube-public/configmaps";
        String listVersion = json(get(collection)).getJsonObject("metadata").getString("resourceVersion");
        URI socket = URI.create(uri(collection + "?watch=true&resourceVersion=" + listVersion).toString()
                .replaceFirst("^http", "ws"));
        TextMessages listener = new TextMessages();

        // without a credential the upgrade is refused like any other request
        CompletionException refused = assertThrows(CompletionException.class, () -> server().http().newWebSocketBuilder()
                .buildAsync(socket, listener).join());
        assertEquals(401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());

        WebSocket webSocket = server().http().newWebSocketBuilder()
                .header("Authorization", "Bearer " + ItServer.adminToken()).buildAsync(socket, listener)
                .get(15, TimeUnit.SECONDS);
        assertEquals(201, send("POST", collection, "application/json",
                "{\"metadata\":{\"name\":\"it-socket\"}}").statusCode());
        JsonObject event = listener.next(Duration.ofSeconds(15));
        assertEquals("ADDED", event.getString("type"));
        assertEquals("it-socket", event.getJsonObject("object").getJsonObject("metadata").getString("name"));
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    @Test
    void aDeletedNamespaceIsEmptiedAndRemovedByTheController() throws Exception {
        assertEquals(201, send("POST", "api/v1/namespaces", "application/json",
                "{\"metadata\":{\"name\":\"it-doomed\"}}").statusCode());
        assertEquals(201, send("POST", "api/v1/namespaces/it-doomed/configmaps", "application/json",
                "{\"metadata\":{\"name\":\"it-inside\"}}").statusCode());

        HttpResponse<String> deleting = send("DELETE", "api/v1/namespaces/it-doomed", "application/json", "");
        assertEquals(200, deleting.statusCode(), deleting.body());
        assertEquals("Terminating", json(deleting).getJsonObject("status").getString("phase"));

        // the cleaning timer runs every two seconds
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (get("api/v1/namespaces/it-doomed").statusCode() != 404 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertStatus(404, "NotFound", get("api/v1/namespaces/it-doomed"));
        assertStatus(404, "NotFound", get("api/v1/namespaces/it-doomed/configmaps/it-inside"));
    }

    @Test
    void badInputAndUnknownResourcesAnswerWithStatus() throws Exception {
        assertStatus(400, "BadRequest", send("POST", "api/v1/namespaces/default/configmaps", "application/json",
                "{\"metadata\": {"));
        assertStatus(404, "NotFound", get("api/v1/widgets"));
        assertStatus(404, "NotFound", get("api/v1/namespaces/default/widgets/x"));
        assertStatus(404, "NotFound", get("apis/apps/v1/deployments"));
    }

    @Test
    void kubectlListsTheNamespacesAndReadsRawPaths() throws Exception {
        // other test classes leave namespaces of their own behind
        List<String> namespaces = server().kubectl("get", "namespaces", "-o", "name").lines().toList();
        assertTrue(namespaces.containsAll(List.of("namespace/default", "namespace/kube-node-lease",
                "namespace/kube-public", "namespace/kube-system")), namespaces.toString());
        // the test deploys under a context root: the server URL carries it, --raw paths must too
        assertEquals("default", ItServer.json(server().kubectl("get", "--raw", uri("api/v1/namespaces/default").getPath()))
                .getJsonObject("metadata").getString("name"));
    }
}
