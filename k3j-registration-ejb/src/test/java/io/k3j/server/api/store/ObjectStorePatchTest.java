package io.k3j.server.api.store;

import static io.k3j.server.api.ApiAssertions.assertFails;
import static io.k3j.server.api.TestJson.json;
import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.patch.PatchType;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ObjectStorePatchTest extends StoreTestBase {

    private JsonObject patchConfigMap(String name, PatchType type, String patch) {
        return store.patch(ResourceCatalog.CONFIG_MAPS, "default", name, "", type, json(patch), WRITE);
    }

    @Test
    void mergePatchChangesLabelsAsKubectlLabelDoes() {
        createConfigMap("a", "'old':'1','keep':'yes'");

        JsonObject patched = patchConfigMap("a", PatchType.MERGE, "{'metadata':{'labels':{'old':null,'new':'2'}}}");

        assertEquals("{\"keep\":\"yes\",\"new\":\"2\"}", ObjectMeta.of(patched).getJsonObject("labels").toString());
        assertEquals(1, ObjectMeta.generation(patched));
    }

    @Test
    void mergePatchReplacesLists() {
        store.create(ResourceCatalog.CONFIG_MAPS, "default",
                object("{'metadata':{'name':'a','finalizers':['x.io/a','x.io/b']}}"), WRITE);
        JsonObject patched = patchConfigMap("a", PatchType.MERGE, "{'metadata':{'finalizers':['x.io/c']}}");
        assertEquals("[\"x.io/c\"]", ObjectMeta.of(patched).getJsonArray("finalizers").toString());
    }

    @Test
    void jsonPatchAppliesOperations() {
        createConfigMap("a", "");
        JsonObject patched = patchConfigMap("a", PatchType.JSON,
                "[{'op':'add','path':'/data/extra','value':'x'},{'op':'replace','path':'/data/k','value':'w'}]");
        assertEquals("{\"k\":\"w\",\"extra\":\"x\"}", patched.getJsonObject("data").toString());
        assertEquals(2, ObjectMeta.generation(patched));
    }

    @Test
    void aFailedJsonPatchTestIsUnprocessable() {
        createConfigMap("a", "");
        ApiException e = assertFails(Reason.INVALID,
                () -> patchConfigMap("a", PatchType.JSON, "[{'op':'test','path':'/data/k','value':'other'}]"));
        assertTrue(e.getMessage().startsWith("the JSON patch cannot be applied"), e.getMessage());
        assertFails(Reason.INVALID, () -> patchConfigMap("a", PatchType.JSON, "{'op':'add'}"));
        assertFails(Reason.INVALID, () -> patchConfigMap("a", PatchType.JSON, "[{'op':'remove','path':'/nothing/here'}]"));
    }

    @Test
    void strategicMergeMergesPodContainersByName() {
        store.create(ResourceCatalog.PODS, "default", object("{'metadata':{'name':'p'},'spec':{'containers':["
                + "{'name':'app','image':'nginx:1.27'},{'name':'sidecar','image':'envoy:1'}]}}"), WRITE);

        JsonObject patched = store.patch(ResourceCatalog.PODS, "default", "p", "", PatchType.STRATEGIC,
                json("{'spec':{'containers':[{'name':'sidecar','image':'envoy:2'}]}}"), WRITE);

        JsonArray containers = JsonSupport.arrayAt(patched, "spec", "containers");
        assertEquals(2, containers.size());
        assertEquals("nginx:1.27", containers.getJsonObject(0).getString("image"));
        assertEquals("envoy:2", containers.getJsonObject(1).getString("image"));
        assertEquals("IfNotPresent", containers.getJsonObject(1).getString("imagePullPolicy"));
    }

    @Test
    void strategicMergeAsKubectlApplySendsIt() {
        String lastApplied = "{\\'apiVersion\\':\\'v1\\'}";
        createConfigMap("applied", "'a':'1','b':'1'");
        JsonObject patched = patchConfigMap("applied", PatchType.STRATEGIC, "{'data':{'k':'v2','n':'new'},"
                + "'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'" + lastApplied + "'},"
                + "'labels':{'a':null,'c':'3'}}}");

        assertEquals("{\"b\":\"1\",\"c\":\"3\"}", ObjectMeta.of(patched).getJsonObject("labels").toString());
        assertEquals("{\"k\":\"v2\",\"n\":\"new\"}", patched.getJsonObject("data").toString());
        assertTrue(ObjectMeta.annotations(patched).containsKey("kubectl.kubernetes.io/last-applied-configuration"));
    }

    @Test
    void strategicMergeOfFinalizersIsASetUnion() {
        store.create(ResourceCatalog.CONFIG_MAPS, "default",
                object("{'metadata':{'name':'a','finalizers':['x.io/a']}}"), WRITE);
        JsonObject patched = patchConfigMap("a", PatchType.STRATEGIC, "{'metadata':{'finalizers':['x.io/b','x.io/a']}}");
        assertEquals("[\"x.io/a\",\"x.io/b\"]", ObjectMeta.of(patched).getJsonArray("finalizers").toString());

        JsonObject removed = patchConfigMap("a", PatchType.STRATEGIC,
                "{'metadata':{'$deleteFromPrimitiveList/finalizers':['x.io/a']}}");
        assertEquals("[\"x.io/b\"]", ObjectMeta.of(removed).getJsonArray("finalizers").toString());
    }

    @Test
    void aBadDirectiveIsUnprocessable() {
        createConfigMap("a", "");
        assertFails(Reason.INVALID, "unknown patch directive \"$patch\": \"explode\"; expected merge, replace or delete",
                () -> patchConfigMap("a", PatchType.STRATEGIC, "{'data':{'$patch':'explode'}}"));
        assertFails(Reason.INVALID, () -> patchConfigMap("a", PatchType.STRATEGIC, "['not','an','object']"));
    }

    @Test
    void aPatchWithAStaleVersionIsAConflict() {
        JsonObject created = createConfigMap("a", "");
        patchConfigMap("a", PatchType.MERGE, "{'data':{'k':'v2'}}");
        assertFails(Reason.CONFLICT, () -> patchConfigMap("a", PatchType.MERGE,
                "{'metadata':{'resourceVersion':'" + ObjectMeta.resourceVersion(created) + "'},'data':{'k':'v3'}}"));
    }

    @Test
    void aPatchWithoutVersionIsRetriedAfterAConcurrentWrite() {
        InterferingLog interfering = new InterferingLog(log);
        ObjectStore racing = new ObjectStore(interfering, Clock.fixed(NOW, ZoneOffset.UTC));
        createConfigMap("a", "");
        interfering.beforeNextUpdate(raw -> racing.patch(ResourceCatalog.CONFIG_MAPS, "default", "a", "",
                PatchType.MERGE, json("{'data':{'other':'writer'}}"), WRITE));

        JsonObject patched = racing.patch(ResourceCatalog.CONFIG_MAPS, "default", "a", "", PatchType.MERGE,
                json("{'data':{'mine':'too'}}"), WRITE);

        assertEquals("writer", patched.getJsonObject("data").getString("other"));
        assertEquals("too", patched.getJsonObject("data").getString("mine"));
    }

    @Test
    void anUpdateWithAVersionIsNotRetriedAfterAConcurrentWrite() {
        InterferingLog interfering = new InterferingLog(log);
        ObjectStore racing = new ObjectStore(interfering, Clock.fixed(NOW, ZoneOffset.UTC));
        JsonObject created = createConfigMap("a", "");
        interfering.beforeNextUpdate(raw -> racing.patch(ResourceCatalog.CONFIG_MAPS, "default", "a", "",
                PatchType.MERGE, json("{'data':{'other':'writer'}}"), WRITE));

        assertFails(Reason.CONFLICT, () -> racing.update(ResourceCatalog.CONFIG_MAPS, "default", "a", "",
                JsonSupport.with(created, JsonSupport.object().add("k", "mine").build(), "data"), WRITE));
        assertEquals("writer", store.get(ResourceCatalog.CONFIG_MAPS, "default", "a", "")
                .getJsonObject("data").getString("other"));
    }

    @Test
    void concurrentPatchesWithoutVersionsAllLand() throws Exception {
        createConfigMap("shared", "");
        int writers = 4;
        int patches = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < patches; i++) {
                        patchConfigMap("shared", PatchType.MERGE, "{'data':{'w" + writer + "-" + i + "':'x'}}");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonObject data = store.get(ResourceCatalog.CONFIG_MAPS, "default", "shared", "").getJsonObject("data");
        assertEquals(writers * patches + 1, data.size());
    }

    @Test
    void statusPatchesChangeOnlyStatus() {
        store.create(ResourceCatalog.PODS, "default", pod("p", ""), WRITE);
        JsonObject patched = store.patch(ResourceCatalog.PODS, "default", "p", "status", PatchType.MERGE,
                json("{'status':{'phase':'Running','podIP':'10.42.0.5'},'metadata':{'labels':{'sneaky':'yes'}}}"), WRITE);
        assertEquals("Running", JsonSupport.stringAt(patched, "status", "phase").orElseThrow());
        assertFalse(ObjectMeta.labels(patched).containsKey("sneaky"));

        JsonObject mainPatch = store.patch(ResourceCatalog.PODS, "default", "p", "", PatchType.MERGE,
                json("{'status':{'phase':'Failed'},'metadata':{'labels':{'ok':'yes'}}}"), WRITE);
        assertEquals("Running", JsonSupport.stringAt(mainPatch, "status", "phase").orElseThrow());
        assertEquals("yes", ObjectMeta.labels(mainPatch).get("ok"));
    }

    @Test
    void patchingAMissingObjectIsNotFound() {
        assertFails(Reason.NOT_FOUND, "configmaps \"ghost\" not found",
                () -> patchConfigMap("ghost", PatchType.MERGE, "{'data':{}}"));
    }

    @Test
    void aPatchThatRenamesTheObjectIsRefused() {
        createConfigMap("a", "");
        assertFails(Reason.BAD_REQUEST, "the name of the object (b) does not match the name on the URL (a)",
                () -> patchConfigMap("a", PatchType.MERGE, "{'metadata':{'name':'b'}}"));
    }

    @Test
    void requestBodiesAreParsedWithBadRequests() {
        assertFails(Reason.BAD_REQUEST, () -> Bodies.parse("{nope".getBytes(StandardCharsets.UTF_8)));
        assertFails(Reason.BAD_REQUEST, "the request body must be a JSON object, not an array",
                () -> Bodies.parseObject("[1]".getBytes(StandardCharsets.UTF_8)));
        assertFails(Reason.BAD_REQUEST, "the request body is empty", () -> Bodies.parse(new byte[0]));
        assertEquals("v", Bodies.parseObject("{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8)).getString("k"));
    }
}
