package io.k3j.server.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.patch.PatchType;
import io.k3j.server.api.resource.ResourceCatalog;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenApiDocumentsTest {

    private static final OpenApiDocuments DOCUMENTS = OpenApiDocuments.builtIn();
    private static final Set<String> WRITES = Set.of("post", "put", "patch");

    private static JsonObject document(String path) {
        return DOCUMENTS.document(path).orElseThrow().json();
    }

    private static JsonObject core() {
        return document("api/v1");
    }

    private static JsonObject operation(JsonObject document, String path, String method) {
        JsonObject item = document.getJsonObject("paths").getJsonObject(path);
        assertTrue(item != null && item.containsKey(method), () -> "no " + method + " " + path);
        return item.getJsonObject(method);
    }

    private static JsonObject schema(JsonObject document, String name) {
        JsonObject schema = document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
        assertTrue(schema != null, () -> "no schema " + name);
        return schema;
    }

    private static JsonObject property(JsonObject document, String schema, String property) {
        JsonObject found = schema(document, schema).getJsonObject("properties").getJsonObject(property);
        assertTrue(found != null, () -> schema + " has no " + property);
        return found;
    }

    private static String ref(JsonObject property) {
        JsonObject target = property.containsKey("items") ? property.getJsonObject("items") : property;
        return target.getJsonArray("allOf").getJsonObject(0).getString("$ref");
    }

    private static List<String> queryParameters(JsonObject operation) {
        return operation.getJsonArray("parameters").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("in").equals("query")).map(p -> p.getString("name")).toList();
    }

    private static List<JsonObject> operations() {
        List<JsonObject> operations = new ArrayList<>();
        for (String path : List.of("api/v1", "apis/coordination.k8s.io/v1")) {
            document(path).getJsonObject("paths").values().forEach(item -> item.asJsonObject().forEach((method, op) -> {
                if (!method.equals("parameters")) {
                    operations.add(JsonSupport.object(op.asJsonObject()).add("method", method).build());
                }
            }));
        }
        return operations;
    }

    @Test
    void theIndexNamesOneDocumentPerGroupVersionUnderTheContextRootWithItsHash() {
        JsonObject paths = DOCUMENTS.index("/k3j").getJsonObject("paths");
        assertEquals(Set.of("api/v1", "apis/coordination.k8s.io/v1"), paths.keySet());
        assertEquals("/k3j/openapi/v3/apis/coordination.k8s.io/v1?hash="
                        + DOCUMENTS.document("apis/coordination.k8s.io/v1").orElseThrow().hash(),
                paths.getJsonObject("apis/coordination.k8s.io/v1").getString("serverRelativeURL"));
        assertTrue(DOCUMENTS.index("").getJsonObject("paths").getJsonObject("api/v1").getString("serverRelativeURL")
                .startsWith("/openapi/v3/api/v1?hash="));
        assertTrue(DOCUMENTS.document("apis/apps/v1").isEmpty());
    }

    @Test
    void theHashNamesTheContentAndIsStableAcrossBuilds() {
        OpenApiDocument core = DOCUMENTS.document("api/v1").orElseThrow();
        OpenApiDocument rebuilt = new OpenApiDocuments(ResourceCatalog.builtIn()).document("api/v1").orElseThrow();
        assertEquals(core.hash(), rebuilt.hash());
        assertEquals(128, core.hash().length());
        assertTrue(core.hash().matches("[0-9A-F]+"));
        assertNotEquals(core.hash(), DOCUMENTS.document("apis/coordination.k8s.io/v1").orElseThrow().hash());
        assertEquals(JsonSupport.parse(core.body()), core.json());
        assertEquals("3.0.0", core.json().getString("openapi"));
    }

    @Test
    void operationsAreNamedAndTaggedAsKubernetesNamesThem() {
        JsonObject list = operation(core(), "/api/v1/namespaces/{namespace}/configmaps", "get");
        assertEquals("listCoreV1NamespacedConfigMap", list.getString("operationId"));
        assertEquals("list", list.getString("x-kubernetes-action"));
        assertEquals(JsonSupport.parse("{\"group\":\"\",\"kind\":\"ConfigMap\",\"version\":\"v1\"}"),
                list.getJsonObject("x-kubernetes-group-version-kind"));

        Map<String, String> expected = Map.ofEntries(
                Map.entry("/api/v1/configmaps get", "listCoreV1ConfigMapForAllNamespaces list"),
                Map.entry("/api/v1/namespaces/{namespace}/configmaps post", "createCoreV1NamespacedConfigMap post"),
                Map.entry("/api/v1/namespaces/{namespace}/configmaps delete",
                        "deleteCoreV1CollectionNamespacedConfigMap deletecollection"),
                Map.entry("/api/v1/namespaces/{namespace}/configmaps/{name} get", "readCoreV1NamespacedConfigMap get"),
                Map.entry("/api/v1/namespaces/{namespace}/configmaps/{name} put", "replaceCoreV1NamespacedConfigMap put"),
                Map.entry("/api/v1/namespaces/{namespace}/configmaps/{name} patch", "patchCoreV1NamespacedConfigMap patch"),
                Map.entry("/api/v1/namespaces/{namespace}/configmaps/{name} delete", "deleteCoreV1NamespacedConfigMap delete"),
                Map.entry("/api/v1/watch/namespaces/{namespace}/configmaps get", "watchCoreV1NamespacedConfigMapList watchlist"),
                Map.entry("/api/v1/watch/configmaps get", "watchCoreV1ConfigMapListForAllNamespaces watchlist"),
                Map.entry("/api/v1/nodes get", "listCoreV1Node list"),
                Map.entry("/api/v1/nodes/{name} put", "replaceCoreV1Node put"),
                Map.entry("/api/v1/nodes/{name}/status patch", "patchCoreV1NodeStatus patch"),
                Map.entry("/api/v1/namespaces/{name}/finalize put", "replaceCoreV1NamespaceFinalize put"),
                Map.entry("/api/v1/namespaces/{namespace}/pods/{name}/status get", "readCoreV1NamespacedPodStatus get"),
                Map.entry("/api/v1/namespaces/{namespace}/pods/{name}/binding post", "createCoreV1NamespacedPodBinding post"));
        expected.forEach((operation, named) -> {
            String[] pathAndMethod = operation.split(" ");
            JsonObject op = operation(core(), pathAndMethod[0], pathAndMethod[1]);
            assertEquals(named, op.getString("operationId") + " " + op.getString("x-kubernetes-action"), operation);
        });
        assertEquals("Binding", operation(core(), "/api/v1/namespaces/{namespace}/pods/{name}/binding", "post")
                .getJsonObject("x-kubernetes-group-version-kind").getString("kind"));
        JsonObject lease = operation(document("apis/coordination.k8s.io/v1"),
                "/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}", "patch");
        assertEquals("patchCoordinationV1NamespacedLease", lease.getString("operationId"));
        assertEquals("coordination.k8s.io", lease.getJsonObject("x-kubernetes-group-version-kind").getString("group"));
    }

    @Test
    void onlyTheVerbsOfATypeAreOperations() {
        // namespaces have no deletecollection
        assertFalse(core().getJsonObject("paths").getJsonObject("/api/v1/namespaces").containsKey("delete"));
        assertFalse(core().getJsonObject("paths").containsKey("/api/v1/namespaces/{namespace}/namespaces"));
    }

    @Test
    void everyWriteTakesFieldValidationAndEveryPatchAStrategicMergePatch() {
        List<JsonObject> writes = operations().stream().filter(op -> WRITES.contains(op.getString("method"))).toList();
        assertTrue(writes.size() > 30, "writes: " + writes.size());
        for (JsonObject write : writes) {
            assertTrue(queryParameters(write).containsAll(List.of("fieldValidation", "dryRun")), write.getString("operationId"));
            if (write.getString("method").equals("patch")) {
                assertEquals(Set.copyOf(PatchType.contentTypes()),
                        write.getJsonObject("requestBody").getJsonObject("content").keySet(), write.getString("operationId"));
            }
        }
    }

    @Test
    void listsAndWatchesTakeTheListParametersAndDeletesTheDeleteOnes() {
        assertTrue(queryParameters(operation(core(), "/api/v1/pods", "get")).containsAll(
                List.of("labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "watch", "timeoutSeconds")));
        assertTrue(queryParameters(operation(core(), "/api/v1/namespaces/{namespace}/pods/{name}", "delete"))
                .containsAll(List.of("gracePeriodSeconds", "propagationPolicy", "dryRun")));
        JsonArray itemParameters = core().getJsonObject("paths").getJsonObject("/api/v1/namespaces/{namespace}/pods/{name}")
                .getJsonArray("parameters");
        assertEquals(List.of("namespace", "name"), itemParameters.getValuesAs(JsonObject.class).stream()
                .map(p -> p.getString("name")).toList());
    }

    @Test
    void everyReferenceResolves() {
        for (String path : List.of("api/v1", "apis/coordination.k8s.io/v1")) {
            JsonObject document = document(path);
            Set<String> names = document.getJsonObject("components").getJsonObject("schemas").keySet();
            List<String> refs = new ArrayList<>();
            collectRefs(document, refs);
            assertFalse(refs.isEmpty());
            List<String> dangling = refs.stream().map(ref -> ref.substring(ComponentSchemas.REF_PREFIX.length()))
                    .filter(name -> !names.contains(name)).distinct().toList();
            assertEquals(List.of(), dangling, path);
        }
    }

    private static void collectRefs(JsonValue value, List<String> refs) {
        if (value instanceof JsonObject object) {
            object.forEach((key, child) -> {
                if (key.equals("$ref")) {
                    refs.add(((JsonString) child).getString());
                } else {
                    collectRefs(child, refs);
                }
            });
        } else if (value instanceof JsonArray array) {
            array.forEach(child -> collectRefs(child, refs));
        }
    }

    @Test
    void kindsCarryTheirGroupVersionKindAndTypeFields() {
        JsonObject configMap = schema(core(), "io.k8s.api.core.v1.ConfigMap");
        assertEquals(JsonSupport.parse("[{\"group\":\"\",\"kind\":\"ConfigMap\",\"version\":\"v1\"}]"),
                configMap.get("x-kubernetes-group-version-kind"));
        assertEquals(List.of("apiVersion", "kind", "metadata", "immutable", "data", "binaryData"),
                List.copyOf(configMap.getJsonObject("properties").keySet()));
        assertEquals(JsonSupport.parse("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}"),
                property(core(), "io.k8s.api.core.v1.ConfigMap", "data"));
        assertEquals("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
                ref(property(core(), "io.k8s.api.core.v1.ConfigMap", "metadata")));
        assertEquals("#/components/schemas/io.k8s.api.core.v1.Pod",
                ref(property(core(), "io.k8s.api.core.v1.PodList", "items")));

        JsonObject lease = document("apis/coordination.k8s.io/v1");
        Set<String> deleteOptionsKinds = schema(lease, "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions")
                .getJsonArray("x-kubernetes-group-version-kind").getValuesAs(JsonObject.class).stream()
                .map(gvk -> gvk.getString("group") + "/" + gvk.getString("version")).collect(Collectors.toSet());
        assertEquals(Set.of("/v1", "coordination.k8s.io/v1"), deleteOptionsKinds);
        assertFalse(schema(lease, "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent").getJsonObject("properties")
                .containsKey("kind"), "a watch event has no type fields");
        assertNull(schema(core(), "io.k8s.api.core.v1.PodSpec").get("x-kubernetes-group-version-kind"));
    }

    @Test
    void specialMessagesHaveKubernetesShapes() {
        assertEquals(JsonSupport.parse("{\"type\":\"string\",\"format\":\"date-time\"}"), withoutDescription(
                schema(core(), "io.k8s.apimachinery.pkg.apis.meta.v1.Time")));
        assertEquals("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time",
                ref(property(core(), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "creationTimestamp")));
        assertEquals(JsonSupport.parse("{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"number\"}]}"),
                withoutDescription(schema(core(), "io.k8s.apimachinery.pkg.api.resource.Quantity")));
        assertEquals(JsonSupport.parse("{\"format\":\"int-or-string\",\"oneOf\":[{\"type\":\"integer\"},{\"type\":\"string\"}]}"),
                withoutDescription(schema(core(), "io.k8s.apimachinery.pkg.util.intstr.IntOrString")));
        assertEquals("object", schema(core(), "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1").getString("type"));
        assertEquals("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
                ref(property(document("apis/coordination.k8s.io/v1"), "io.k8s.api.coordination.v1.LeaseSpec", "renewTime")));
        assertEquals(JsonSupport.parse("{\"type\":\"integer\",\"format\":\"int64\"}"),
                property(core(), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "generation"));
        assertEquals(JsonSupport.parse("{\"type\":\"string\",\"format\":\"byte\"}"),
                property(core(), "io.k8s.api.core.v1.Secret", "data").getJsonObject("additionalProperties"));
    }

    private static JsonObject withoutDescription(JsonObject schema) {
        return JsonSupport.object(schema).remove("description").build();
    }

    @Test
    void inlineFieldsAreWrittenIntoTheirParent() {
        JsonObject volume = schema(core(), "io.k8s.api.core.v1.Volume").getJsonObject("properties");
        assertTrue(volume.keySet().containsAll(List.of("name", "configMap", "secret", "emptyDir", "hostPath")));
        assertFalse(volume.containsKey("volumeSource"));
        assertEquals(Set.of("name", "key", "optional"),
                schema(core(), "io.k8s.api.core.v1.ConfigMapKeySelector").getJsonObject("properties").keySet());
    }

    @Test
    void listsCarryTheStrategicMergeTagsOfThePatchSchemas() {
        assertMergedBy("name", property(core(), "io.k8s.api.core.v1.PodSpec", "containers"));
        assertMergedBy("containerPort", property(core(), "io.k8s.api.core.v1.Container", "ports"));
        assertMergedBy("name", property(core(), "io.k8s.api.core.v1.EphemeralContainer", "env"));
        assertMergedBy("type", property(core(), "io.k8s.api.core.v1.PodStatus", "conditions"));
        assertMergedBy("type", property(core(), "io.k8s.api.core.v1.NodeStatus", "addresses"));
        assertMergedBy("uid", property(core(), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "ownerReferences"));
        assertMergedBy("name", property(core(), "io.k8s.api.core.v1.ServiceAccount", "secrets"));
        JsonObject finalizers = property(core(), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "finalizers");
        assertEquals("merge", finalizers.getString("x-kubernetes-patch-strategy"));
        assertFalse(finalizers.containsKey("x-kubernetes-patch-merge-key"));
        JsonObject command = property(core(), "io.k8s.api.core.v1.Container", "command");
        assertFalse(command.containsKey("x-kubernetes-patch-strategy"), "an atomic list");
    }

    @Test
    void theSwaggerDocumentDefinesEveryKindOfEveryGroupVersionInVersion2Shapes() {
        JsonObject swagger = DOCUMENTS.v2(false).json();
        assertEquals("2.0", swagger.getString("swagger"));
        JsonObject definitions = swagger.getJsonObject("definitions");
        assertEquals(JsonSupport.parse("[{\"group\":\"coordination.k8s.io\",\"kind\":\"Lease\",\"version\":\"v1\"}]"),
                definitions.getJsonObject("io.k8s.api.coordination.v1.Lease").get("x-kubernetes-group-version-kind"));
        assertEquals(2, definitions.getJsonObject("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions")
                .getJsonArray("x-kubernetes-group-version-kind").size());
        JsonObject configMap = definitions.getJsonObject("io.k8s.api.core.v1.ConfigMap");
        assertEquals("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
                configMap.getJsonObject("properties").getJsonObject("metadata").getString("$ref"));
        assertEquals(JsonSupport.parse("{\"type\":\"string\"}"), withoutDescription(
                definitions.getJsonObject("io.k8s.apimachinery.pkg.api.resource.Quantity")));
        assertEquals(JsonSupport.parse("{\"type\":\"string\",\"format\":\"int-or-string\"}"), withoutDescription(
                definitions.getJsonObject("io.k8s.apimachinery.pkg.util.intstr.IntOrString")));
        assertMergedBy("name", definitions.getJsonObject("io.k8s.api.core.v1.PodSpec").getJsonObject("properties")
                .getJsonObject("containers"));

        List<String> refs = new ArrayList<>();
        collectRefs(swagger, refs);
        assertEquals(List.of(), refs.stream().map(ref -> ref.substring("#/definitions/".length()))
                .filter(name -> !definitions.containsKey(name)).distinct().toList());
        assertTrue(refs.stream().allMatch(ref -> ref.startsWith("#/definitions/")));
    }

    @Test
    void theSwaggerDocumentHasAProtobufFormOfItsOwn() {
        OpenApiDocument protobuf = DOCUMENTS.v2(true);
        assertEquals(DOCUMENTS.v2(false).json(), protobuf.json());
        assertNotEquals(DOCUMENTS.v2(false).hash(), protobuf.hash());
        assertEquals("application/com.github.proto-openapi.spec.v2.v1.0+protobuf", OpenApiDocuments.V2_PROTOBUF);
    }

    private static void assertMergedBy(String key, JsonObject list) {
        assertEquals("merge", list.getString("x-kubernetes-patch-strategy"), list::toString);
        assertEquals(key, list.getString("x-kubernetes-patch-merge-key"), list::toString);
    }
}
