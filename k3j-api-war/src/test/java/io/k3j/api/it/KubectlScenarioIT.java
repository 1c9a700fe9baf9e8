package io.k3j.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.api.it.ItServer.KubectlResult;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * The real kubectl, a reference client, through what its users do: create and apply YAML,
 * read tables, label, annotate, patch, watch, wait, describe, edit and delete, and the errors
 * it prints for bad input. Each test works in a namespace of its own.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KubectlScenarioIT extends DeployedWar {

    /** How long a background kubectl may take to show what a test waits for. */
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String AGE = "\\d+s";

    private String namespace;

    /** A namespace for the test, created over plain HTTP so that only the steps under test need kubectl. */
    @BeforeEach
    void namespaceOfItsOwn(TestInfo test) throws Exception {
        namespace = namespaceFor("kubectl-", test);
        post("api/v1/namespaces", "{\"metadata\":{\"name\":\"" + namespace + "\"}}");
    }

    /** Leaves no objects behind for the tests that run on the same server later; the namespace controller empties it. */
    @AfterEach
    void cleanUp() throws Exception {
        server().send("DELETE", "api/v1/nodes/" + namespace + "-node", "application/json", "");
        HttpResponse<String> deleted = server().send("DELETE", "api/v1/namespaces/" + namespace, "application/json", "");
        assertEquals(200, deleted.statusCode(), deleted.body());
    }

    private void post(String path, String json) throws Exception {
        HttpResponse<String> response = server().send("POST", path, "application/json", json);
        assertEquals(201, response.statusCode(), response.body());
    }

    /** kubectl in the test's namespace, asserting that it succeeded. */
    private String kubectl(String... args) throws Exception {
        return server().kubectl(inNamespace(args));
    }

    /** kubectl in the test's namespace with YAML on its standard input. */
    private KubectlResult kubectlWithInput(String yaml, String... args) throws Exception {
        return server().kubectlRun(yaml, inNamespace(args));
    }

    private String[] inNamespace(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--namespace";
        all[args.length + 1] = namespace;
        return all;
    }

    private static void assertSucceeded(KubectlResult result) {
        assertEquals(0, result.exitCode(), result.output());
    }

    private static String configMapYaml(String name, String data) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                %s
                """.formatted(name, data.indent(2));
    }

    private static final String POD_YAML = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels:
                app: web
            spec:
              containers:
              - name: app
                image: nginx:1.27
              - name: sidecar
                image: busybox:1.36
            """;

    /** The cells of a kubectl table: columns are at least two spaces apart (NOMINATED NODE has one inside). */
    private static List<String> cells(String line) {
        return List.of(line.strip().split("\\s{2,}"));
    }

    /** The table's header and the row that starts with a name. */
    private static List<List<String>> headerAndRow(String table, String name) {
        List<String> lines = table.lines().toList();
        List<String> row = lines.stream().skip(1).map(KubectlScenarioIT::cells)
                .filter(cells -> cells.get(0).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in\n" + table));
        return List.of(cells(lines.get(0)), row);
    }

    private static void assertRow(List<String> expected, List<String> row) {
        assertEquals(expected.size(), row.size(), row.toString());
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(row.get(i).matches(expected.get(i)), "cell " + i + " of " + row + " is not " + expected.get(i));
        }
    }

    @Test
    void createAndApplyYamlWithAThreeWayMerge() throws Exception {
        KubectlResult created = kubectlWithInput(configMapYaml("settings", "mode: fast"), "create", "-f", "-");
        assertSucceeded(created);
        assertEquals("configmap/settings created", created.output().strip());
        KubectlResult again = kubectlWithInput(configMapYaml("settings", "mode: fast"), "create", "-f", "-");
        assertEquals(1, again.exitCode());
        assertTrue(again.output().contains("configmaps \"settings\" already exists"), again.output());

        KubectlResult applied = kubectlWithInput(configMapYaml("app", "a: \"1\"\nb: \"2\""), "apply", "-f", "-");
        assertSucceeded(applied);
        assertEquals("configmap/app created", applied.output().strip());
        KubectlResult changed = kubectlWithInput(configMapYaml("app", "a: \"10\"\nb: \"2\""), "apply", "-f", "-");
        assertSucceeded(changed);
        assertEquals("configmap/app configured", changed.output().strip());
        assertEquals("10", kubectl("get", "configmap", "app", "-o", "jsonpath={.data.a}"));

        // a key set outside apply survives; a key removed from the file is removed (three-way merge)
        kubectl("patch", "configmap", "app", "--type", "merge", "-p", "{\"data\":{\"c\":\"3\"}}");
        KubectlResult removed = kubectlWithInput(configMapYaml("app", "a: \"10\""), "apply", "-f", "-");
        assertSucceeded(removed);
        assertEquals("configmap/app configured", removed.output().strip());
        JsonObject data = ItServer.json(kubectl("get", "configmap", "app", "-o", "json")).getJsonObject("data");
        assertEquals(Map.of("a", "10", "c", "3"), Map.of("a", data.getString("a"), "c", data.getString("c")));
        assertFalse(data.containsKey("b"), data.toString());

        KubectlResult unchanged = kubectlWithInput(configMapYaml("app", "a: \"10\""), "apply", "-f", "-");
        assertEquals("configmap/app unchanged", unchanged.output().strip());
    }

    @Test
    void getPrintsTheColumnsKubernetesPrints() throws Exception {
        post("api/v1/namespaces/" + namespace + "/configmaps",
                "{\"metadata\":{\"name\":\"settings\"},\"data\":{\"mode\":\"fast\",\"level\":\"3\"}}");
        post("api/v1/namespaces/" + namespace + "/secrets",
                "{\"metadata\":{\"name\":\"creds\"},\"type\":\"Opaque\",\"stringData\":{\"password\":\"s3cret\"}}");
        post("api/v1/namespaces/" + namespace + "/serviceaccounts",
                "{\"metadata\":{\"name\":\"robot\"},\"secrets\":[{\"name\":\"creds\"}]}");
        post("apis/coordination.k8s.io/v1/namespaces/" + namespace + "/leases",
                "{\"metadata\":{\"name\":\"leader\"},\"spec\":{\"holderIdentity\":\"server-1\"}}");
        assertSucceeded(kubectlWithInput(POD_YAML, "create", "-f", "-"));

        List<List<String>> configMaps = headerAndRow(kubectl("get", "configmaps"), "settings");
        assertEquals(List.of("NAME", "DATA", "AGE"), configMaps.get(0));
        assertRow(List.of("settings", "2", AGE), configMaps.get(1));

        List<List<String>> secrets = headerAndRow(kubectl("get", "secrets"), "creds");
        assertEquals(List.of("NAME", "TYPE", "DATA", "AGE"), secrets.get(0));
        assertRow(List.of("creds", "Opaque", "1", AGE), secrets.get(1));

        List<List<String>> namespaces = headerAndRow(server().kubectl("get", "namespaces"), namespace);
        assertEquals(List.of("NAME", "STATUS", "AGE"), namespaces.get(0));
        assertRow(List.of(namespace, "Active", AGE), namespaces.get(1));

        List<List<String>> pods = headerAndRow(kubectl("get", "pods"), "web");
        assertEquals(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"), pods.get(0));
        assertRow(List.of("web", "0/2", "Pending", "0", AGE), pods.get(1));
        List<List<String>> wide = headerAndRow(kubectl("get", "pods", "-o", "wide"), "web");
        assertEquals(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE",
                "READINESS GATES"), wide.get(0));
        assertRow(List.of("web", "0/2", "Pending", "0", AGE, "<none>", "<none>", "<none>", "<none>"), wide.get(1));

        List<List<String>> accounts = headerAndRow(kubectl("get", "serviceaccounts"), "robot");
        assertEquals(List.of("NAME", "SECRETS", "AGE"), accounts.get(0));
        assertRow(List.of("robot", "1", AGE), accounts.get(1));

        List<List<String>> leases = headerAndRow(kubectl("get", "leases"), "leader");
        assertEquals(List.of("NAME", "HOLDER", "AGE"), leases.get(0));
        assertRow(List.of("leader", "server-1", AGE), leases.get(1));

        // one object is a table of one row; a missing one is kubectl's NotFound line
        assertEquals(2, kubectl("get", "configmap", "settings").lines().count());
        KubectlResult missing = server().kubectlRun("", inNamespace("get", "configmap", "missing"));
        assertEquals(1, missing.exitCode());
        assertEquals("Error from server (NotFound): configmaps \"missing\" not found", missing.output().strip());
    }

    @Test
    void getPrintsNodesAndEvents() throws Exception {
        String node = namespace + "-node";
        post("api/v1/nodes", "{\"metadata\":{\"name\":\"" + node + "\",\"labels\":{"
                + "\"node-role.kubernetes.io/control-plane\":\"true\"}}}");
        HttpResponse<String> status = server().send("PATCH", "api/v1/nodes/" + node + "/status",
                "application/merge-patch+json", "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}],"
                        + "\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"10.0.0.5\"}],"
                        + "\"nodeInfo\":{\"kubeletVersion\":\"v1.31.0+k3j1\",\"osImage\":\"Debian GNU/Linux 12\","
                        + "\"kernelVersion\":\"6.1.0\",\"containerRuntimeVersion\":\"process://1\"}}}");
        assertEquals(200, status.statusCode(), status.body());

        List<List<String>> nodes = headerAndRow(server().kubectl("get", "nodes"), node);
        assertEquals(List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION"), nodes.get(0));
        assertRow(List.of(node, "Ready", "control-plane", AGE, "v1\\.31\\.0\\+k3j1"), nodes.get(1));
        List<List<String>> wide = headerAndRow(server().kubectl("get", "nodes", "-o", "wide"), node);
        assertEquals(List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE",
                "KERNEL-VERSION", "CONTAINER-RUNTIME"), wide.get(0));
        assertRow(List.of(node, "Ready", "control-plane", AGE, "v1\\.31\\.0\\+k3j1", "10\\.0\\.0\\.5", "<none>",
                "Debian GNU/Linux 12", "6\\.1\\.0", "process://1"), wide.get(1));

        event("settings.1", "ConfigMap", "settings", "u-1", "Warning", "Invalid", "mode is not known");
        List<String> lines = kubectl("get", "events").lines().toList();
        assertEquals(List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"), cells(lines.get(0)));
        assertRow(List.of(AGE, "Warning", "Invalid", "configmap/settings", "mode is not known"), cells(lines.get(1)));
    }

    private void event(String name, String kind, String object, String uid, String type, String reason, String message)
            throws Exception {
        String now = Instant.now().toString();
        post("api/v1/namespaces/" + namespace + "/events", """
                {"metadata":{"name":"%s"},"involvedObject":{"kind":"%s","namespace":"%s","name":"%s","uid":"%s",
                "apiVersion":"v1"},"type":"%s","reason":"%s","message":"%s","source":{"component":"k3j-it"},
                "firstTimestamp":"%s","lastTimestamp":"%s","count":1}
                """.formatted(name, kind, namespace, object, uid, type, reason, message, now, now));
    }

    @Test
    void labelAnnotateAndPatchInEveryPatchType() throws Exception {
        post("api/v1/namespaces/" + namespace + "/configmaps",
                "{\"metadata\":{\"name\":\"settings\"},\"data\":{\"mode\":\"fast\"}}");
        assertSucceeded(kubectlWithInput(POD_YAML, "create", "-f", "-"));

        assertEquals("configmap/settings labeled", kubectl("label", "configmap", "settings", "tier=web").strip());
        assertEquals("configmap/settings", kubectl("get", "configmaps", "-l", "tier=web", "-o", "name").strip());
        assertEquals("", kubectl("get", "configmaps", "-l", "tier!=web", "-o", "name").strip());
        assertEquals("configmap/settings annotated",
                kubectl("annotate", "configmap", "settings", "owner=team-a").strip());
        assertEquals("team-a", kubectl("get", "configmap", "settings", "-o", "jsonpath={.metadata.annotations.owner}"));
        assertEquals("configmap/settings unlabeled", kubectl("label", "configmap", "settings", "tier-").strip());

        assertEquals("configmap/settings patched", kubectl("patch", "configmap", "settings", "--type", "merge",
                "-p", "{\"data\":{\"mode\":\"safe\"}}").strip());
        assertEquals("configmap/settings patched", kubectl("patch", "configmap", "settings", "--type", "json",
                "-p", "[{\"op\":\"add\",\"path\":\"/data/extra\",\"value\":\"yes\"}]").strip());
        assertEquals("safe yes", kubectl("get", "configmap", "settings", "-o", "jsonpath={.data.mode} {.data.extra}"));
        KubectlResult failedTest = server().kubectlRun("", inNamespace("patch", "configmap", "settings", "--type",
                "json", "-p", "[{\"op\":\"test\",\"path\":\"/data/mode\",\"value\":\"fast\"}]"));
        assertEquals(1, failedTest.exitCode(), failedTest.output());
        assertTrue(failedTest.output().contains("The request is invalid: the JSON patch cannot be applied: The JSON "
                + "Patch operation 'test' failed for path '/data/mode'"), failedTest.output());

        // strategic merge (kubectl's default) merges containers by name instead of replacing the list
        assertEquals("pod/web patched", kubectl("patch", "pod", "web",
                "-p", "{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.28\"}]}}").strip());
        assertEquals("app=nginx:1.28 sidecar=busybox:1.36 ", kubectl("get", "pod", "web",
                "-o", "jsonpath={range .spec.containers[*]}{.name}={.image} {end}"));
    }

    @Test
    void getWatchPrintsChangesAsTheyHappen() throws Exception {
        post("api/v1/namespaces/" + namespace + "/configmaps", "{\"metadata\":{\"name\":\"first\"},\"data\":{\"a\":\"1\"}}");
        try (Background watch = new Background(server().kubectlStart(Map.of(),
                inNamespace("get", "configmaps", "--watch")))) {
            assertEquals(List.of("NAME", "DATA", "AGE"), cells(watch.await(line -> line.startsWith("NAME"))));
            assertRow(List.of("first", "1", AGE), cells(watch.await(line -> line.startsWith("first"))));

            post("api/v1/namespaces/" + namespace + "/configmaps",
                    "{\"metadata\":{\"name\":\"second\"},\"data\":{\"a\":\"1\",\"b\":\"2\"}}");
            assertRow(List.of("second", "2", AGE), cells(watch.await(line -> line.startsWith("second"))));
            kubectl("patch", "configmap", "first", "--type", "merge", "-p", "{\"data\":{\"b\":\"2\",\"c\":\"3\"}}");
            assertRow(List.of("first", "3", AGE), cells(watch.await(line -> line.startsWith("first"))));
        }

        assertSucceeded(kubectlWithInput(POD_YAML, "create", "-f", "-"));
        try (Background watch = new Background(server().kubectlStart(Map.of(),
                inNamespace("get", "pods", "--watch", "--output", "wide")))) {
            assertEquals(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE",
                    "READINESS GATES"), cells(watch.await(line -> line.startsWith("NAME"))));
            watch.await(line -> line.startsWith("web"));
            HttpResponse<String> running = server().send("PATCH", "api/v1/namespaces/" + namespace + "/pods/web/status",
                    "application/merge-patch+json", "{\"status\":{\"phase\":\"Running\","
                            + "\"podIPs\":[{\"ip\":\"10.42.0.9\"}],\"podIP\":\"10.42.0.9\"}}");
            assertEquals(200, running.statusCode(), running.body());
            assertRow(List.of("web", "0/2", "Running", "0", AGE, "10\\.42\\.0\\.9", "<none>", "<none>", "<none>"),
                    cells(watch.await(line -> line.startsWith("web") && line.contains("Running"))));
        }
    }

    @Test
    void waitForAConditionAJsonPathAndADeletion() throws Exception {
        assertSucceeded(kubectlWithInput(POD_YAML, "create", "-f", "-"));
        post("api/v1/namespaces/" + namespace + "/configmaps", "{\"metadata\":{\"name\":\"settings\"},"
                + "\"data\":{\"mode\":\"fast\"}}");
        post("api/v1/namespaces/" + namespace + "/configmaps", "{\"metadata\":{\"name\":\"doomed\"}}");

        try (Background ready = new Background(server().kubectlStart(Map.of(),
                inNamespace("wait", "--for=condition=Ready", "pod/web", "--timeout=30s")));
                Background mode = new Background(server().kubectlStart(Map.of(),
                        inNamespace("wait", "--for=jsonpath={.data.mode}=safe", "configmap/settings", "--timeout=30s")));
                Background deleted = new Background(server().kubectlStart(Map.of(),
                        inNamespace("wait", "--for=delete", "configmap/doomed", "--timeout=30s")))) {
            // none is met yet: each kubectl still waits
            Thread.sleep(1_000);
            assertTrue(ready.isRunning() && mode.isRunning() && deleted.isRunning(),
                    ready.output() + mode.output() + deleted.output());

            kubectl("patch", "pod", "web", "--subresource", "status", "--type", "merge",
                    "-p", "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
            kubectl("patch", "configmap", "settings", "--type", "merge", "-p", "{\"data\":{\"mode\":\"safe\"}}");
            kubectl("delete", "configmap", "doomed");

            assertEquals("pod/web condition met", ready.await(line -> line.contains("condition met")));
            assertEquals("configmap/settings condition met", mode.await(line -> line.contains("condition met")));
            assertEquals("configmap/doomed condition met", deleted.await(line -> line.contains("condition met")));
            assertEquals(0, ready.exitCode());
            assertEquals(0, mode.exitCode());
            assertEquals(0, deleted.exitCode());
        }
    }

    @Test
    void describeEveryServedType() throws Exception {
        assertSucceeded(kubectlWithInput(POD_YAML, "create", "-f", "-"));
        String uid = ItServer.json(kubectl("get", "pod", "web", "-o", "json")).getJsonObject("metadata").getString("uid");
        event("web.1", "Pod", "web", uid, "Normal", "Scheduled", "Successfully assigned to node n1");
        event("other.1", "Pod", "other", "u-other", "Normal", "Scheduled", "about another pod");

        String pod = kubectl("describe", "pod", "web");
        assertTrue(pod.matches("(?s)Name:\\s+web\n.*Namespace:\\s+" + namespace + "\n.*Status:\\s+Pending\n.*"), pod);
        assertTrue(pod.matches("(?s).*\nEvents:\n.*Normal\\s+Scheduled\\s+" + AGE + "\\s+k3j-it\\s+"
                + "Successfully assigned to node n1\n.*"), pod);
        assertFalse(pod.contains("about another pod"), pod);

        post("api/v1/namespaces/" + namespace + "/configmaps", "{\"metadata\":{\"name\":\"settings\"},"
                + "\"data\":{\"mode\":\"fast\"}}");
        String configMap = kubectl("describe", "configmap", "settings");
        assertTrue(configMap.matches("(?s)Name:\\s+settings\n.*Data\n====\nmode:\n----\nfast\n.*"), configMap);

        post("api/v1/namespaces/" + namespace + "/secrets", "{\"metadata\":{\"name\":\"creds\"},"
                + "\"stringData\":{\"password\":\"s3cret\"}}");
        String secret = kubectl("describe", "secret", "creds");
        assertTrue(secret.matches("(?s)Name:\\s+creds\n.*password:\\s+6 bytes\n.*"), secret);
        assertFalse(secret.contains("s3cret"), secret);

        post("api/v1/namespaces/" + namespace + "/serviceaccounts", "{\"metadata\":{\"name\":\"robot\"}}");
        assertTrue(kubectl("describe", "serviceaccount", "robot").matches("(?s)Name:\\s+robot\n.*"));
        post("apis/coordination.k8s.io/v1/namespaces/" + namespace + "/leases",
                "{\"metadata\":{\"name\":\"leader\"},\"spec\":{\"holderIdentity\":\"server-1\"}}");
        String lease = kubectl("describe", "lease", "leader");
        assertTrue(lease.matches("(?s)Name:\\s+leader\n.*Holder Identity:\\s+server-1\n.*"), lease);
        assertTrue(kubectl("describe", "event", "web.1").matches("(?s)Name:\\s+web\\.1\n.*Reason:\\s+Scheduled\n.*"));

        String ns = server().kubectl("describe", "namespace", namespace);
        assertTrue(ns.matches("(?s)Name:\\s+" + namespace + "\n.*Status:\\s+Active\n.*"), ns);
        String node = namespace + "-node";
        post("api/v1/nodes", "{\"metadata\":{\"name\":\"" + node + "\"}}");
        String described = server().kubectl("describe", "node", node);
        assertTrue(described.matches("(?s)Name:\\s+" + node + "\n.*"), described);
    }

    @Test
    void editWithTheUsersEditor() throws Exception {
        post("api/v1/namespaces/" + namespace + "/configmaps",
                "{\"metadata\":{\"name\":\"settings\"},\"data\":{\"mode\":\"fast\"}}");
        // kubectl runs the editor on a YAML file of the object, then sends what changed
        KubectlResult edited = server().kubectlRun(Map.of("KUBE_EDITOR", "sed -i s/fast/edited/"), "",
                inNamespace("edit", "configmap", "settings"));
        assertSucceeded(edited);
        assertEquals("configmap/settings edited", edited.output().strip());
        assertEquals("edited", kubectl("get", "configmap", "settings", "-o", "jsonpath={.data.mode}"));

        KubectlResult unchanged = server().kubectlRun(Map.of("KUBE_EDITOR", "true"), "",
                inNamespace("edit", "configmap", "settings"));
        assertSucceeded(unchanged);
        assertEquals("Edit cancelled, no changes made.", unchanged.output().strip());
    }

    @Test
    void deleteAndBadInput() throws Exception {
        post("api/v1/namespaces/" + namespace + "/configmaps", "{\"metadata\":{\"name\":\"settings\"}}");
        assertEquals("configmap \"settings\" deleted", kubectl("delete", "configmap", "settings").strip());
        KubectlResult gone = server().kubectlRun("", inNamespace("delete", "configmap", "settings"));
        assertEquals(1, gone.exitCode());
        assertEquals("Error from server (NotFound): configmaps \"settings\" not found", gone.output().strip());

        KubectlResult invalid = kubectlWithInput(configMapYaml("Bad_Name", "mode: fast"), "create", "-f", "-");
        assertEquals(1, invalid.exitCode());
        assertTrue(invalid.output().contains("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: "
                + "\"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                + "'-' or '.', and must start and end with an alphanumeric character"), invalid.output());

        KubectlResult selector = server().kubectlRun("", inNamespace("get", "configmaps", "--field-selector",
                "spec.nodeName=n1"));
        assertEquals(1, selector.exitCode());
        assertTrue(selector.output().contains("field label not supported: spec.nodeName"), selector.output());
    }

    @Test
    void theApiAnswersTablesAsAskedFor() throws Exception {
        post("api/v1/namespaces/" + namespace + "/configmaps",
                "{\"metadata\":{\"name\":\"settings\"},\"data\":{\"mode\":\"fast\"}}");
        String collection = "api/v1/namespaces/" + namespace + "/configmaps";
        HttpResponse<String> table = server().send(server().request(collection + "?includeObject=Object")
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io, application/json").build());
        assertEquals(200, table.statusCode(), table.body());
        JsonObject json = ItServer.json(table);
        assertEquals("Table", json.getString("kind"));
        assertEquals("meta.k8s.io/v1", json.getString("apiVersion"));
        JsonObject row = json.getJsonArray("rows").getJsonObject(0);
        assertEquals("settings", row.getJsonArray("cells").getString(0));
        assertEquals("fast", row.getJsonObject("object").getJsonObject("data").getString("mode"));

        HttpResponse<String> none = server().send(server().request(collection + "/settings?includeObject=None")
                .header("Accept", "application/json;as=Table;v=v1beta1;g=meta.k8s.io").build());
        assertEquals("meta.k8s.io/v1beta1", ItServer.json(none).getString("apiVersion"));
        assertEquals(JsonValue.NULL, ItServer.json(none).getJsonArray("rows").getJsonObject(0).get("object"));

        HttpResponse<String> plain = server().get(collection);
        assertEquals("ConfigMapList", ItServer.json(plain).getString("kind"));

        HttpResponse<String> refused = server().send(server().request(collection)
                .header("Accept", "application/json;as=Table;v=v2;g=meta.k8s.io").build());
        assertEquals(406, refused.statusCode(), refused.body());
        assertEquals("NotAcceptable", ItServer.json(refused).getString("reason"));
        HttpResponse<String> badInclude = server().send(server().request(collection + "?includeObject=All")
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").build());
        assertEquals(400, badInclude.statusCode(), badInclude.body());
        assertNotEquals(-1, ItServer.json(badInclude).getString("message").indexOf("includeObject"));
    }

    /** A kubectl that runs until stopped, its output read line by line as it comes. */
    private static final class Background implements AutoCloseable {

        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuffer output = new StringBuffer();

        Background(Process process) throws IOException {
            this.process = process;
            process.getOutputStream().close();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        output.append(line).append('\n');
                        lines.add(line);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "kubectl-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next line that matches, skipping others; fails after {@link #WAIT}. */
        String await(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("kubectl did not print the line awaited; it printed:\n" + output);
                }
                if (wanted.test(line)) {
                    return line;
                }
            }
        }

        boolean isRunning() {
            return process.isAlive();
        }

        String output() {
            return output.toString();
        }

        int exitCode() throws InterruptedException {
            assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "kubectl did not end:\n" + output);
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
