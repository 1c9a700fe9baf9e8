package io.k3j.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WAR as built, on Payara Micro, seen from outside as a client sees it. */
@ExtendWith(ArquillianExtension.class)
class K3jWarIT {

    /** Where arquillian.xml points the server; the build empties it before the test. */
    private static final Path DATA_DIR = Path.of("target", "it-data");

    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive k3jWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/k3j.war"));
    }

    /** The container may report a non-loopback address; only its port and path are taken. */
    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + deployment.getPort() + deployment.getPath()).resolve(path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
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
        Path token = DATA_DIR.resolve("token");
        Path kubeconfig = DATA_DIR.resolve("k3j.yaml");

        assertTrue(Files.readString(token).strip().matches("[0-9a-f]{64}"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)));
        String yaml = Files.readString(kubeconfig);
        assertTrue(yaml.contains("server: http://127.0.0.1:6443\n"), yaml);
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
        HttpRequest watch = HttpRequest.newBuilder(uri(collection + "?watch=true&timeoutSeconds=30&resourceVersion="
                + listVersion)).build();
        // the response headers arrive before any event: the server flushes them when the watch starts
        HttpResponse<Stream<String>> events = http.sendAsync(watch, HttpResponse.BodyHandlers.ofLines())
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
        // kubectl is a reference client: a machine without it fails here rather than skipping
        assertTrue(Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl"))), "kubectl is not on the PATH");
        // the test deploys under a context root: the server URL carries it, --raw paths must too
        Path kubeconfig = Path.of("target", "it-kubeconfig.yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: it
                  cluster:
                    server: %s
                contexts:
                - name: it
                  context:
                    cluster: it
                    user: it
                current-context: it
                users:
                - name: it
                  user: {}
                """.formatted(uri("").toString().replaceAll("/$", "")));

        assertEquals(List.of("namespace/default", "namespace/kube-node-lease", "namespace/kube-public",
                "namespace/kube-system"), kubectl(kubeconfig, "get", "namespaces", "-o", "name").lines().sorted().toList());
        assertEquals("default", Json.createReader(new StringReader(
                kubectl(kubeconfig, "get", "--raw", uri("api/v1/namespaces/default").getPath()))).readObject()
                .getJsonObject("metadata").getString("name"));
    }

    /** Runs kubectl with a fresh discovery cache, which would otherwise outlive the server it describes. */
    private static String kubectl(Path kubeconfig, String... args) throws Exception {
        Path cache = Files.createTempDirectory(Path.of("target"), "kube-cache");
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", cache.toString(), "--request-timeout", "20s"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
