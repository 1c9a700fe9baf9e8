package io.k3j.server.api.store;

import static io.k3j.server.api.ApiAssertions.assertFails;
import static io.k3j.server.api.TestJson.json;
import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class ObjectStoreUpdateTest extends StoreTestBase {

    private JsonObject update(JsonObject body) {
        return store.update(ResourceCatalog.CONFIG_MAPS, "default", ObjectMeta.name(body), "", body, WRITE);
    }

    @Test
    void anUpdateWithTheCurrentVersionWritesANewRevision() {
        JsonObject created = createConfigMap("a", "");
        JsonObject changed = JsonSupport.with(created, JsonSupport.object().add("k", "v2").build(), "data");

        JsonObject updated = update(changed);

        assertEquals(Long.toString(log.currentRevision()), ObjectMeta.resourceVersion(updated));
        assertTrue(Long.parseLong(ObjectMeta.resourceVersion(updated)) > Long.parseLong(ObjectMeta.resourceVersion(created)));
        assertEquals("v2", updated.getJsonObject("data").getString("k"));
        assertEquals(2, ObjectMeta.generation(updated));
        assertEquals(ObjectMeta.uid(created), ObjectMeta.uid(updated));
        assertEquals(ObjectMeta.string(created, "creationTimestamp"), ObjectMeta.string(updated, "creationTimestamp"));
    }

    @Test
    void aStaleVersionIsAConflictWithKubernetesMessage() {
        JsonObject created = createConfigMap("x", "");
        update(ObjectMeta.with(created, "labels", JsonSupport.object().add("a", "1").build()));

        ApiException e = assertFails(Reason.CONFLICT, "Operation cannot be fulfilled on configmaps \"x\": the object has "
                + "been modified; please apply your changes to the latest version and try again",
                () -> update(ObjectMeta.with(created, "labels", JsonSupport.object().add("a", "2").build())));
        assertEquals(409, e.status().toJson().getInt("code"));
    }

    @Test
    void anUpdateWithoutVersionIsUnconditional() {
        createConfigMap("a", "");
        createConfigMap("a2", "");
        JsonObject updated = update(object("{'metadata':{'name':'a'},'data':{'k':'replaced'}}"));
        assertEquals("replaced", updated.getJsonObject("data").getString("k"));
    }

    @Test
    void metadataOnlyChangesKeepTheGeneration() {
        JsonObject created = createConfigMap("a", "");
        JsonObject updated = update(ObjectMeta.with(created, "labels", JsonSupport.object().add("tier", "web").build()));
        assertEquals(1, ObjectMeta.generation(updated));
        assertEquals("web", ObjectMeta.labels(updated).get("tier"));
    }

    @Test
    void anUnchangedObjectIsNotWrittenAgain() {
        JsonObject created = createConfigMap("a", "'x':'y'");
        long revision = log.currentRevision();
        JsonObject same = update(created);
        assertEquals(revision, log.currentRevision());
        assertEquals(ObjectMeta.resourceVersion(created), ObjectMeta.resourceVersion(same));
    }

    @Test
    void updatingAMissingObjectIsNotFound() {
        assertFails(Reason.NOT_FOUND, "configmaps \"ghost\" not found", () -> update(configMap("ghost", "")));
    }

    @Test
    void leasesAndEventsAreCreatedByAnUpdate() {
        JsonObject lease = store.update(ResourceCatalog.LEASES, "kube-node-lease", "n1", "",
                object("{'metadata':{'name':'n1'},'spec':{'holderIdentity':'n1'}}"), WRITE);
        assertEquals(1, ObjectMeta.generation(lease));
        assertEquals("n1", store.get(ResourceCatalog.LEASES, "kube-node-lease", "n1", "")
                .getJsonObject("spec").getString("holderIdentity"));
    }

    @Test
    void theNameMustMatchTheUrl() {
        createConfigMap("a", "");
        assertFails(Reason.BAD_REQUEST, "the name of the object (b) does not match the name on the URL (a)",
                () -> store.update(ResourceCatalog.CONFIG_MAPS, "default", "a", "", configMap("b", ""), WRITE));
    }

    @Test
    void anotherUidIsAPreconditionFailure() {
        createConfigMap("a", "");
        assertFails(Reason.CONFLICT, () -> update(object("{'metadata':{'name':'a','uid':'someone-else'}}")));
    }

    @Test
    void theMainResourceIgnoresStatusAndTheStatusSubresourceChangesOnlyStatus() {
        JsonObject pod = store.create(ResourceCatalog.PODS, "default", pod("p", ""), WRITE);

        JsonObject viaMain = store.update(ResourceCatalog.PODS, "default", "p", "",
                JsonSupport.with(pod, JsonSupport.string("Running"), "status", "phase"), WRITE);
        assertEquals("Pending", JsonSupport.stringAt(viaMain, "status", "phase").orElseThrow());

        JsonObject statusBody = JsonSupport.with(JsonSupport.with(pod, JsonSupport.string("Running"), "status", "phase"),
                JsonSupport.string("other-scheduler"), "spec", "schedulerName");
        JsonObject viaStatus = store.update(ResourceCatalog.PODS, "default", "p", "status",
                ObjectMeta.without(statusBody, "resourceVersion"), WRITE);
        assertEquals("Running", JsonSupport.stringAt(viaStatus, "status", "phase").orElseThrow());
        assertEquals("default-scheduler", JsonSupport.stringAt(viaStatus, "spec", "schedulerName").orElseThrow());
        assertEquals(1, ObjectMeta.generation(viaStatus));
    }

    @Test
    void typesWithoutTheSubresourceRefuseIt() {
        createConfigMap("a", "");
        assertFails(Reason.NOT_FOUND, "the server could not find the requested resource",
                () -> store.update(ResourceCatalog.CONFIG_MAPS, "default", "a", "status", configMap("a", ""), WRITE));
    }

    @Test
    void podSpecsAreMostlyImmutable() {
        JsonObject pod = store.create(ResourceCatalog.PODS, "default", pod("p", ""), WRITE);
        JsonObject newImage = store.update(ResourceCatalog.PODS, "default", "p", "", JsonSupport.with(pod,
                json("[{'name':'app','image':'nginx:1.28'}]"), "spec", "containers"), WRITE);
        assertEquals(2, ObjectMeta.generation(newImage));

        ApiException e = assertFails(Reason.INVALID, () -> store.update(ResourceCatalog.PODS, "default", "p", "",
                JsonSupport.with(ObjectMeta.without(newImage, "resourceVersion"), JsonSupport.string("node-9"),
                        "spec", "nodeName"), WRITE));
        assertTrue(e.getMessage().startsWith("Pod \"p\" is invalid: spec: Forbidden: pod updates may not change fields"),
                e.getMessage());
    }

    @Test
    void immutableConfigMapsKeepTheirData() {
        store.create(ResourceCatalog.CONFIG_MAPS, "default",
                object("{'metadata':{'name':'frozen'},'immutable':true,'data':{'k':'v'}}"), WRITE);
        assertFails(Reason.INVALID, "ConfigMap \"frozen\" is invalid: data: Forbidden: field is immutable when "
                + "`immutable` is set", () -> update(object("{'metadata':{'name':'frozen'},'immutable':true,'data':{'k':'w'}}")));
    }

    @Test
    void aSecretKeepsItsType() {
        store.create(ResourceCatalog.SECRETS, "default", object("{'metadata':{'name':'s'},'type':'Opaque'}"), WRITE);
        assertFails(Reason.INVALID, "Secret \"s\" is invalid: type: Invalid value: \"kubernetes.io/basic-auth\": "
                + "field is immutable", () -> store.update(ResourceCatalog.SECRETS, "default", "s", "",
                        object("{'metadata':{'name':'s'},'type':'kubernetes.io/basic-auth'}"), WRITE));
    }

    @Test
    void namespaceFinalizersChangeOnlyThroughFinalize() {
        JsonObject ns = store.create(ResourceCatalog.NAMESPACES, "", object("{'metadata':{'name':'team'}}"), WRITE);
        JsonObject cleared = JsonSupport.with(ObjectMeta.without(ns, "resourceVersion"), JsonSupport.array().build(),
                "spec", "finalizers");

        JsonObject viaMain = store.update(ResourceCatalog.NAMESPACES, "", "team", "", cleared, WRITE);
        assertEquals(1, JsonSupport.arrayAt(viaMain, "spec", "finalizers").size());

        JsonObject viaFinalize = store.update(ResourceCatalog.NAMESPACES, "", "team", "finalize", cleared, WRITE);
        assertTrue(JsonSupport.arrayAt(viaFinalize, "spec", "finalizers").isEmpty());
    }

    @Test
    void bindingAssignsAPodOnce() {
        store.create(ResourceCatalog.PODS, "default", pod("p", ""), WRITE);
        JsonObject binding = object("{'apiVersion':'v1','kind':'Binding','metadata':{'name':'p'},"
                + "'target':{'apiVersion':'v1','kind':'Node','name':'node-1'}}");

        JsonObject bound = store.bind("default", "p", binding, WRITE);

        assertEquals("node-1", JsonSupport.stringAt(bound, "spec", "nodeName").orElseThrow());
        JsonObject condition = JsonSupport.arrayAt(bound, "status", "conditions").getJsonObject(0);
        assertEquals("PodScheduled", condition.getString("type"));
        assertEquals("True", condition.getString("status"));
        assertFails(Reason.CONFLICT, "Operation cannot be fulfilled on pods/binding \"p\": pod p is already assigned to "
                + "node \"node-1\"", () -> store.bind("default", "p", binding, WRITE));
    }
}
