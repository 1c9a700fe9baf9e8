package io.k3j.server.api.store;

import static io.k3j.server.api.ApiAssertions.assertFails;
import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ObjectStoreCreateTest extends StoreTestBase {

    private static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
            + "'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    @Test
    void createFillsServerManagedMetadata() {
        JsonObject created = createConfigMap("app-config", "'app':'web'");

        assertEquals("ConfigMap", created.getString("kind"));
        assertEquals("v1", created.getString("apiVersion"));
        assertEquals("default", ObjectMeta.namespace(created));
        assertEquals("2025-01-02T03:04:05Z", ObjectMeta.string(created, "creationTimestamp"));
        assertEquals(1, ObjectMeta.generation(created));
        assertEquals(36, UUID.fromString(ObjectMeta.uid(created)).toString().length());
        assertEquals(Long.toString(log.currentRevision()), ObjectMeta.resourceVersion(created));
        assertEquals(created, store.get(ResourceCatalog.CONFIG_MAPS, "default", "app-config", ""));
        assertTrue(log.get("/registry/configmaps/default/app-config").isPresent());
    }

    @Test
    void clientValuesOfServerManagedFieldsAreReplaced() {
        JsonObject body = object("{'metadata':{'name':'a','uid':'mine','generation':7,'creationTimestamp':'2000-01-01T00:00:00Z',"
                + "'deletionTimestamp':'2000-01-01T00:00:00Z','selfLink':'/x'}}");

        JsonObject created = store.create(ResourceCatalog.CONFIG_MAPS, "default", body, WRITE);

        assertNotEquals("mine", ObjectMeta.uid(created));
        assertEquals(1, ObjectMeta.generation(created));
        assertEquals("2025-01-02T03:04:05Z", ObjectMeta.string(created, "creationTimestamp"));
        assertTrue(ObjectMeta.deletionTimestamp(created).isEmpty());
        assertFalse(ObjectMeta.of(created).containsKey("selfLink"));
    }

    @Test
    void aResourceVersionOnCreateIsRefused() {
        assertFails(Reason.BAD_REQUEST, "resourceVersion should not be set on objects to be created",
                () -> store.create(ResourceCatalog.CONFIG_MAPS, "default",
                        object("{'metadata':{'name':'a','resourceVersion':'5'}}"), WRITE));
    }

    @Test
    void anExistingNameIsAConflict() {
        createConfigMap("a", "");
        ApiException e = assertFails(Reason.ALREADY_EXISTS, "configmaps \"a\" already exists",
                () -> createConfigMap("a", ""));
        assertEquals("{\"name\":\"a\",\"kind\":\"configmaps\"}", e.status().toJson().get("details").toString());
    }

    @Test
    void generateNameAppendsFiveCharactersAndRetriesOnCollision() {
        AtomicInteger draws = new AtomicInteger();
        // the first name drawn is gen-bbbbb, which exists; the second is gen-ccccc
        ObjectStore seeded = new ObjectStore(log, Clock.fixed(NOW, ZoneOffset.UTC),
                bound -> draws.getAndIncrement() < 5 ? 0 : 1);
        createConfigMap("gen-bbbbb", "");

        JsonObject created = seeded.create(ResourceCatalog.CONFIG_MAPS, "default",
                object("{'metadata':{'generateName':'gen-'}}"), WRITE);

        assertEquals("gen-ccccc", ObjectMeta.name(created));
        assertEquals(10, draws.get());
    }

    @Test
    void generatedNamesUseKubernetesAlphabet() {
        JsonObject created = store.create(ResourceCatalog.CONFIG_MAPS, "default",
                object("{'metadata':{'generateName':'web-'}}"), WRITE);
        assertTrue(ObjectMeta.name(created).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}"), ObjectMeta.name(created));
    }

    @Test
    void theBodyNamespaceMustMatchTheUrl() {
        assertFails(Reason.BAD_REQUEST,
                "the namespace of the provided object does not match the namespace sent on the request",
                () -> store.create(ResourceCatalog.CONFIG_MAPS, "default",
                        object("{'metadata':{'name':'a','namespace':'kube-system'}}"), WRITE));
    }

    @Test
    void aMissingNamespaceIsNotFound() {
        ApiException e = assertFails(Reason.NOT_FOUND, "namespaces \"nope\" not found",
                () -> store.create(ResourceCatalog.CONFIG_MAPS, "nope", configMap("a", ""), WRITE));
        assertEquals("namespaces", e.status().details().orElseThrow().kind());
    }

    @Test
    void aTerminatingNamespaceRefusesNewContent() {
        store.create(ResourceCatalog.NAMESPACES, "", object("{'metadata':{'name':'doomed'}}"), WRITE);
        store.delete(ResourceCatalog.NAMESPACES, "", "doomed", DeleteOptions.defaults());

        ApiException e = assertFails(Reason.FORBIDDEN, "configmaps \"a\" is forbidden: unable to create new content in "
                + "namespace doomed because it is being terminated",
                () -> store.create(ResourceCatalog.CONFIG_MAPS, "doomed", configMap("a", ""), WRITE));
        assertEquals("NamespaceTerminating", e.status().details().orElseThrow().causes().get(0).reason());
    }

    @Test
    void kindAndApiVersionMustFitTheType() {
        assertFails(Reason.BAD_REQUEST, "the kind in the data (Pod) does not match the expected kind (ConfigMap)",
                () -> store.create(ResourceCatalog.CONFIG_MAPS, "default",
                        object("{'kind':'Pod','metadata':{'name':'a'}}"), WRITE));
        assertFails(Reason.BAD_REQUEST,
                "the API version in the data (apps/v1) does not match the expected API version (v1)",
                () -> store.create(ResourceCatalog.CONFIG_MAPS, "default",
                        object("{'apiVersion':'apps/v1','metadata':{'name':'a'}}"), WRITE));
    }

    @Test
    void anInvalidNameIsUnprocessableWithKubernetesWording() {
        ApiException e = assertFails(Reason.INVALID, "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: "
                + "\"Bad_Name\": " + SUBDOMAIN_MESSAGE, () -> createConfigMap("Bad_Name", ""));
        JsonObject status = e.status().toJson();
        assertEquals(422, status.getInt("code"));
        assertEquals("ConfigMap", status.getJsonObject("details").getString("kind"));
        JsonObject cause = status.getJsonObject("details").getJsonArray("causes").getJsonObject(0);
        assertEquals("FieldValueInvalid", cause.getString("reason"));
        assertEquals("metadata.name", cause.getString("field"));
    }

    @Test
    void aNameOrGenerateNameIsRequired() {
        assertFails(Reason.INVALID,
                "ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required",
                () -> store.create(ResourceCatalog.CONFIG_MAPS, "default", object("{'data':{}}"), WRITE));
    }

    @Test
    void namespaceNamesAreDnsLabels() {
        ApiException e = assertFails(Reason.INVALID, () -> store.create(ResourceCatalog.NAMESPACES, "",
                object("{'metadata':{'name':'a.b'}}"), WRITE));
        assertTrue(e.getMessage().contains("a lowercase RFC 1123 label must consist of"), e.getMessage());
    }

    @Test
    void severalProblemsAreListedTogether() {
        ApiException e = assertFails(Reason.INVALID, () -> store.create(ResourceCatalog.CONFIG_MAPS, "default",
                object("{'metadata':{'name':'ok','labels':{'bad key':'v','k':'bad value!'}}}"), WRITE));
        assertTrue(e.getMessage().startsWith("ConfigMap \"ok\" is invalid: [metadata.labels: Invalid value: \"bad key\": "),
                e.getMessage());
        assertTrue(e.getMessage().contains("metadata.labels: Invalid value: \"bad value!\": a valid label must be"),
                e.getMessage());
        assertEquals(2, e.status().details().orElseThrow().causes().size());
    }

    @Test
    void annotationsMayHoldAtMost256KiB() {
        String big = "x".repeat(256 * 1024);
        assertFails(Reason.INVALID, "ConfigMap \"a\" is invalid: metadata.annotations: Too long: must have at most 262144 bytes",
                () -> store.create(ResourceCatalog.CONFIG_MAPS, "default",
                        object("{'metadata':{'name':'a','annotations':{'note':'" + big + "'}}}"), WRITE));
    }

    @Test
    void wronglyTypedMetadataIsABadRequest() {
        assertFails(Reason.BAD_REQUEST, "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: metadata.labels: "
                + "expected an object of strings, found number",
                () -> store.create(ResourceCatalog.CONFIG_MAPS, "default",
                        object("{'metadata':{'name':'a','labels':5}}"), WRITE));
    }

    @Test
    void clusterScopedObjectsHaveNoNamespace() {
        JsonObject node = store.create(ResourceCatalog.NODES, "",
                object("{'metadata':{'name':'node-1','namespace':'default'}}"), WRITE);
        assertFalse(ObjectMeta.of(node).containsKey("namespace"));
        assertTrue(log.get("/registry/nodes/node-1").isPresent());
        assertFails(Reason.BAD_REQUEST, () -> store.get(ResourceCatalog.NODES, "default", "node-1", ""));
    }

    @Test
    void podsGetDefaultsAndAPendingStatus() {
        JsonObject body = object("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'app','image':'nginx',"
                + "'ports':[{'containerPort':80}],'resources':{'limits':{'cpu':'1','memory':'1Gi'}}}]},"
                + "'status':{'phase':'Running'}}");

        JsonObject pod = store.create(ResourceCatalog.PODS, "default", body, WRITE);

        assertEquals("Pending", JsonSupport.stringAt(pod, "status", "phase").orElseThrow());
        assertEquals("Guaranteed", JsonSupport.stringAt(pod, "status", "qosClass").orElseThrow());
        assertEquals("Always", JsonSupport.stringAt(pod, "spec", "restartPolicy").orElseThrow());
        assertEquals(30, pod.getJsonObject("spec").getInt("terminationGracePeriodSeconds"));
        JsonObject container = pod.getJsonObject("spec").getJsonArray("containers").getJsonObject(0);
        assertEquals("Always", container.getString("imagePullPolicy"));
        assertEquals("TCP", container.getJsonArray("ports").getJsonObject(0).getString("protocol"));
    }

    @Test
    void podsNeedNamedContainersWithImages() {
        ApiException e = assertFails(Reason.INVALID, () -> store.create(ResourceCatalog.PODS, "default",
                object("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a','image':'x'},{'name':'a'}]}}"), WRITE));
        assertEquals("Pod \"p\" is invalid: [spec.containers[1].name: Duplicate value: \"a\", "
                + "spec.containers[1].image: Required value]", e.getMessage());
    }

    @Test
    void secretsStoreStringDataAsBase64Data() {
        JsonObject secret = store.create(ResourceCatalog.SECRETS, "default",
                object("{'metadata':{'name':'s'},'stringData':{'password':'hunter2'}}"), WRITE);

        assertEquals("Opaque", secret.getString("type"));
        assertFalse(secret.containsKey("stringData"));
        String encoded = secret.getJsonObject("data").getString("password");
        assertEquals("hunter2", new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    }

    @Test
    void secretDataMustBeBase64() {
        ApiException e = assertFails(Reason.BAD_REQUEST, () -> store.create(ResourceCatalog.SECRETS, "default",
                object("{'metadata':{'name':'s'},'data':{'k':'not base64!'}}"), WRITE));
        assertTrue(e.getMessage().startsWith("Secret in version \"v1\" cannot be handled as a Secret: data[k]: "
                + "illegal base64 data"), e.getMessage());
    }

    @Test
    void tlsSecretsNeedTheirKeys() {
        assertFails(Reason.INVALID, "Secret \"t\" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]",
                () -> store.create(ResourceCatalog.SECRETS, "default",
                        object("{'metadata':{'name':'t'},'type':'kubernetes.io/tls'}"), WRITE));
    }

    @Test
    void configMapKeysAreChecked() {
        ApiException e = assertFails(Reason.INVALID, () -> store.create(ResourceCatalog.CONFIG_MAPS, "default",
                object("{'metadata':{'name':'c'},'data':{'bad key':'v'}}"), WRITE));
        assertTrue(e.getMessage().startsWith("ConfigMap \"c\" is invalid: data[bad key]: Invalid value: \"bad key\": "
                + "a valid config key must consist of alphanumeric characters"), e.getMessage());
    }

    @Test
    void leasesLiveUnderTheirGroupResourceKey() {
        store.create(ResourceCatalog.LEASES, "kube-node-lease", object("{'metadata':{'name':'node-1'},"
                + "'spec':{'holderIdentity':'node-1','leaseDurationSeconds':40}}"), WRITE);
        assertTrue(log.get("/registry/leases/kube-node-lease/node-1").isPresent());
        assertFails(Reason.ALREADY_EXISTS, "leases.coordination.k8s.io \"node-1\" already exists",
                () -> store.create(ResourceCatalog.LEASES, "kube-node-lease",
                        object("{'metadata':{'name':'node-1'}}"), WRITE));
    }

    @Test
    void aDryRunStoresNothing() {
        long before = log.currentRevision();
        JsonObject result = store.create(ResourceCatalog.CONFIG_MAPS, "default", configMap("dry", ""),
                new WriteOptions(true));
        assertEquals("dry", ObjectMeta.name(result));
        assertEquals(before, log.currentRevision());
        assertTrue(store.find(ResourceCatalog.CONFIG_MAPS, "default", "dry").isEmpty());
    }

    @Test
    void systemNamespacesAreCreatedOnceAndActive() {
        long revision = log.currentRevision();
        store.ensureSystemNamespaces();
        assertEquals(revision, log.currentRevision());

        for (String name : ObjectStore.SYSTEM_NAMESPACES) {
            JsonObject namespace = store.get(ResourceCatalog.NAMESPACES, "", name, "");
            assertEquals("Active", JsonSupport.stringAt(namespace, "status", "phase").orElseThrow());
            assertEquals("[\"kubernetes\"]", JsonSupport.arrayAt(namespace, "spec", "finalizers").toString());
            assertEquals(name, ObjectMeta.labels(namespace).get("kubernetes.io/metadata.name"));
        }
    }

    @Test
    void pathUnsafeNamesAndNamespacesAreRefused() {
        assertFails(Reason.BAD_REQUEST, "invalid resource name \"a/b\": may not contain '/'",
                () -> store.get(ResourceCatalog.CONFIG_MAPS, "default", "a/b", ""));
        assertFails(Reason.BAD_REQUEST, () -> store.get(ResourceCatalog.CONFIG_MAPS, "../x", "a", ""));
        assertFails(Reason.NOT_FOUND, "configmaps \"absent\" not found",
                () -> store.get(ResourceCatalog.CONFIG_MAPS, "default", "absent", ""));
    }
}
