package io.k3j.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.api.it.ItServer.KubectlResult;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * The OpenAPI v3 documents and server-side field validation, which kubectl needs before it
 * creates or applies from a file with its default validation: over HTTP, and through the real
 * kubectl's create, apply and explain. Each test works in a namespace of its own.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OpenApiIT extends DeployedWar {

    private static final String UNKNOWN_AND_DUPLICATE =
            "{\"metadata\":{\"name\":\"%s\"},\"data\":{\"x\":\"1\",\"x\":\"2\"},\"spec\":{\"foo\":1}}";

    private String namespace;

    @BeforeEach
    void namespaceOfItsOwn(TestInfo test) throws Exception {
        namespace = namespaceFor("openapi-", test);
        HttpResponse<String> created = server().send("POST", "api/v1/namespaces", "application/json",
                "{\"metadata\":{\"name\":\"" + namespace + "\"}}");
        assertEquals(201, created.statusCode(), created.body());
    }

    private String configMaps() {
        return "api/v1/namespaces/" + namespace + "/configmaps";
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        return server().send(method, path, contentType, body);
    }

    /** A URL as the index gives it: relative to the server, context root included. */
    private HttpRequest.Builder serverRelative(String url) {
        URI root = server().uri("/");
        return server().request("/").uri(root.resolve(url));
    }

    private static void assertStatus(int code, String reason, String message, HttpResponse<String> response) {
        assertEquals(code, response.statusCode(), response.body());
        JsonObject status = ItServer.json(response);
        assertEquals("Status", status.getString("kind"), response.body());
        assertEquals(reason, status.getString("reason"), response.body());
        assertEquals(message, status.getString("message"), response.body());
    }

    // ---- the documents

    @Test
    void theIndexNamesOneDocumentPerGroupVersionUnderTheContextRoot() throws Exception {
        HttpResponse<String> index = server().get("openapi/v3");
        assertEquals(200, index.statusCode(), index.body());
        JsonObject paths = ItServer.json(index).getJsonObject("paths");
        assertEquals(Set.of("api/v1", "apis/coordination.k8s.io/v1"), paths.keySet());
        String root = server().uri("").getPath(); // the context root, with a slash
        assertTrue(paths.getJsonObject("api/v1").getString("serverRelativeURL")
                .startsWith(root + "openapi/v3/api/v1?hash="), paths.toString());
    }

    @Test
    void aDocumentIsServedByItsHashAndCachedByItsETag() throws Exception {
        String url = ItServer.json(server().get("openapi/v3")).getJsonObject("paths")
                .getJsonObject("apis/coordination.k8s.io/v1").getString("serverRelativeURL");
        String hash = url.substring(url.indexOf("hash=") + "hash=".length());

        HttpResponse<String> document = server().send(serverRelative(url).build());
        assertEquals(200, document.statusCode(), document.body());
        assertEquals("\"" + hash + "\"", document.headers().firstValue("ETag").orElseThrow());
        assertEquals("public, immutable", document.headers().firstValue("Cache-Control").orElseThrow());
        JsonObject patch = ItServer.json(document).getJsonObject("paths")
                .getJsonObject("/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}").getJsonObject("patch");
        assertEquals("patchCoordinationV1NamespacedLease", patch.getString("operationId"));
        assertTrue(patch.getJsonArray("parameters").getValuesAs(JsonObject.class).stream()
                .anyMatch(p -> p.getString("name").equals("fieldValidation")), patch.toString());

        HttpResponse<String> unchanged = server().send(serverRelative(url).header("If-None-Match", "\"" + hash + "\"").build());
        assertEquals(304, unchanged.statusCode());
        assertEquals("", unchanged.body());

        HttpResponse<String> old = server().send(serverRelative(url.replace(hash, "0123")).build());
        assertEquals(301, old.statusCode());
        assertTrue(old.headers().firstValue("Location").orElseThrow().endsWith(url), old.headers().map().toString());

        assertStatus(404, "NotFound", "the server could not find the requested resource",
                server().get("openapi/v3/apis/apps/v1"));
    }

    @Test
    void theSwaggerDocumentIsServedInProtobufWhenAskedAndJsonOtherwise() throws Exception {
        HttpResponse<byte[]> protobuf = server().http().send(server().request("openapi/v2")
                .header("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, protobuf.statusCode());
        assertEquals("application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
                protobuf.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(10, protobuf.body()[0], "field 1 (swagger), length-delimited");

        HttpResponse<String> json = server().get("openapi/v2");
        assertEquals(200, json.statusCode(), json.body());
        JsonObject swagger = ItServer.json(json);
        assertEquals("2.0", swagger.getString("swagger"));
        assertTrue(swagger.getJsonObject("definitions").containsKey("io.k8s.api.coordination.v1.Lease"));
    }

    // ---- field validation over HTTP

    @Test
    void warnIsTheDefaultAndDropsTheUnknownFields() throws Exception {
        HttpResponse<String> created = send("POST", configMaps(), "application/json", UNKNOWN_AND_DUPLICATE.formatted("warned"));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(List.of("299 - \"duplicate field \\\"data.x\\\"\"", "299 - \"unknown field \\\"spec\\\"\""),
                created.headers().allValues("Warning"));
        JsonObject stored = ItServer.json(server().get(configMaps() + "/warned"));
        assertFalse(stored.containsKey("spec"), stored.toString());
        assertEquals("2", stored.getJsonObject("data").getString("x"), "the last one wins");
    }

    @Test
    void ignoreIsSilentStrictFailsAndNothingElseIsADirective() throws Exception {
        HttpResponse<String> ignored = send("POST", configMaps() + "?fieldValidation=Ignore", "application/json",
                UNKNOWN_AND_DUPLICATE.formatted("ignored"));
        assertEquals(201, ignored.statusCode(), ignored.body());
        assertEquals(List.of(), ignored.headers().allValues("Warning"));
        assertFalse(ItServer.json(ignored).containsKey("spec"), ignored.body());

        assertStatus(400, "BadRequest", "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding "
                        + "error: duplicate field \"data.x\", unknown field \"spec\"",
                send("POST", configMaps() + "?fieldValidation=Strict", "application/json",
                        UNKNOWN_AND_DUPLICATE.formatted("strict")));
        assertEquals(404, server().get(configMaps() + "/strict").statusCode());

        assertStatus(400, "BadRequest", "fieldValidation: Unsupported value: \"strict\": supported values: \"Ignore\", "
                + "\"Strict\", \"Warn\"", send("POST", configMaps() + "?fieldValidation=strict", "application/json",
                "{\"metadata\":{\"name\":\"lowercase\"}}"));
    }

    @Test
    void updatesAndPatchesAreValidatedToo() throws Exception {
        assertEquals(201, send("POST", configMaps(), "application/json", "{\"metadata\":{\"name\":\"cm\"}}").statusCode());
        HttpResponse<String> updated = send("PUT", configMaps() + "/cm", "application/json",
                "{\"metadata\":{\"name\":\"cm\"},\"datta\":{\"a\":\"1\"}}");
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals(List.of("299 - \"unknown field \\\"datta\\\"\""), updated.headers().allValues("Warning"));

        HttpResponse<String> refused = send("PATCH", configMaps() + "/cm?fieldValidation=Strict",
                "application/strategic-merge-patch+json", "{\"spec\":{\"replicas\":1}}");
        assertStatus(422, "Invalid", "ConfigMap \"cm\" is invalid: patch: Invalid value: "
                + "\"{\\\"spec\\\":{\\\"replicas\\\":1}}\": strict decoding error: unknown field \"spec\"", refused);

        HttpResponse<String> patched = send("PATCH", configMaps() + "/cm", "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"/data\",\"value\":{\"a\":\"1\"},\"valu\":2}]");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals(List.of("299 - \"json patch unknown field \\\"[0].valu\\\"\""), patched.headers().allValues("Warning"));
        assertEquals("1", ItServer.json(patched).getJsonObject("data").getString("a"));
    }

    // ---- kubectl with its default validation

    private KubectlResult kubectl(String yaml, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--namespace";
        all[args.length + 1] = namespace;
        return server().kubectlRun(yaml, all);
    }

    private static void assertSucceeded(String expected, KubectlResult result) {
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(expected, result.output().strip());
    }

    private static String pod(String image, String label) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  labels:
                    app: %s
                spec:
                  containers:
                  - name: app
                    image: %s
                    ports:
                    - containerPort: 80
                  - name: sidecar
                    image: busybox:1.36
                """.formatted(label, image);
    }

    @Test
    void kubectlCreatesAndAppliesWithItsDefaultValidation() throws Exception {
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  mode: fast
                """;
        assertSucceeded("configmap/settings created", kubectl(configMap, "create", "-f", "-"));
        assertSucceeded("pod/web created", kubectl(pod("nginx:1.27", "web"), "create", "-f", "-"));

        assertSucceeded("configmap/applied created", kubectl(configMap.replace("settings", "applied"), "apply", "-f", "-"));
        assertSucceeded("configmap/applied configured",
                kubectl(configMap.replace("settings", "applied").replace("fast", "slow"), "apply", "-f", "-"));
        assertEquals("slow", server().kubectl("get", "configmap", "applied", "--namespace", namespace,
                "-o", "jsonpath={.data.mode}"));

        // the three-way merge kubectl computes from the document's merge keys keeps both containers
        KubectlResult first = kubectl(pod("nginx:1.27", "web"), "apply", "-f", "-");
        assertEquals(0, first.exitCode(), first.output());
        assertSucceeded("pod/web configured", kubectl(pod("nginx:1.28", "web2"), "apply", "-f", "-"));
        assertEquals("nginx:1.28 busybox:1.36 web2", server().kubectl("get", "pod", "web", "--namespace", namespace,
                "-o", "jsonpath={.spec.containers[*].image} {.metadata.labels.app}"));

        KubectlResult unknown = kubectl(configMap.replace("settings", "typo") + "spec:\n  foo: bar\n", "apply", "-f", "-");
        assertEquals(1, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().contains("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: "
                + "strict decoding error: unknown field \"spec\""), unknown.output());
    }

    @Test
    void kubectlValidatesAListItselfAgainstTheSwaggerDocument() throws Exception {
        String list = """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: first
                  data:
                    a: "1"
                - apiVersion: v1
                  kind: Secret
                  metadata:
                    name: second
                  stringData:
                    b: "2"
                """;
        KubectlResult applied = kubectl(list, "apply", "-f", "-");
        assertEquals(0, applied.exitCode(), applied.output());
        assertEquals(List.of("configmap/first created", "secret/second created"), applied.output().strip().lines().toList());

        KubectlResult refused = kubectl(list.replace("  metadata:\n    name: first", "  spek: {}\n  metadata:\n    name: first"),
                "apply", "-f", "-");
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("ValidationError(ConfigMap): unknown field \"spek\" in io.k8s.api.core.v1.ConfigMap"),
                refused.output());
    }

    @Test
    void kubectlExplainsTheFieldsOfTheDocuments() throws Exception {
        String data = server().kubectl("explain", "configmap.data");
        assertTrue(data.contains("KIND:       ConfigMap"), data);
        assertTrue(data.contains("FIELD: data <map[string]string>"), data);

        String containers = server().kubectl("explain", "pod.spec.containers");
        assertTrue(containers.contains("FIELD: containers <[]Container>"), containers);
        for (String field : List.of("image\t<string>", "ports\t<[]ContainerPort>", "resources\t<ResourceRequirements>")) {
            assertTrue(containers.contains(field), field + " in\n" + containers);
        }
    }
}
