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
import io.k3j.server.api.status.Reason;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectStoreDeleteTest extends StoreTestBase {

    private DeleteResult delete(String name) {
        return store.delete(ResourceCatalog.CONFIG_MAPS, "default", name, DeleteOptions.defaults());
    }

    @Test
    void deleteRemovesTheObjectAndReturnsItsLastState() {
        JsonObject created = createConfigMap("a", "");
        DeleteResult result = delete("a");
        assertTrue(result.deleted());
        assertEquals(created, result.object());
        assertFails(Reason.NOT_FOUND, "configmaps \"a\" not found",
                () -> store.get(ResourceCatalog.CONFIG_MAPS, "default", "a", ""));
        assertFails(Reason.NOT_FOUND, () -> delete("a"));
    }

    @Test
    void preconditionsOnUidAndVersionAreChecked() {
        JsonObject created = createConfigMap("a", "");
        DeleteOptions wrongUid = DeleteOptions.defaults().withPreconditions(Optional.of("other"), Optional.empty());
        assertFails(Reason.CONFLICT, "Operation cannot be fulfilled on configmaps \"a\": Precondition failed: UID in "
                + "precondition: other, UID in object meta: " + ObjectMeta.uid(created),
                () -> store.delete(ResourceCatalog.CONFIG_MAPS, "default", "a", wrongUid));
        DeleteOptions staleVersion = DeleteOptions.defaults().withPreconditions(Optional.empty(), Optional.of("1"));
        assertFails(Reason.CONFLICT, () -> store.delete(ResourceCatalog.CONFIG_MAPS, "default", "a", staleVersion));

        DeleteOptions matching = DeleteOptions.defaults().withPreconditions(Optional.of(ObjectMeta.uid(created)),
                Optional.of(ObjectMeta.resourceVersion(created)));
        assertTrue(store.delete(ResourceCatalog.CONFIG_MAPS, "default", "a", matching).deleted());
    }

    @Test
    void finalizersHoldAnObjectUntilAnUpdateRemovesThem() {
        store.create(ResourceCatalog.CONFIG_MAPS, "default",
                object("{'metadata':{'name':'held','finalizers':['example.com/cleanup']}}"), WRITE);

        DeleteResult marked = delete("held");

        assertFalse(marked.deleted());
        assertEquals("2025-01-02T03:04:05Z", ObjectMeta.deletionTimestamp(marked.object()).orElseThrow());
        assertEquals(Optional.of(0L), ObjectMeta.deletionGracePeriodSeconds(marked.object()));
        assertEquals(2, ObjectMeta.generation(marked.object()));
        assertEquals(marked.object(), store.get(ResourceCatalog.CONFIG_MAPS, "default", "held", ""));
        assertEquals(marked.object(), delete("held").object(), "a second delete changes nothing");

        assertFails(Reason.INVALID, "ConfigMap \"held\" is invalid: metadata.finalizers: Forbidden: no new finalizers can "
                + "be added if the object is being deleted, found new finalizers [example.com/more]",
                () -> store.patch(ResourceCatalog.CONFIG_MAPS, "default", "held", "", PatchType.MERGE,
                        json("{'metadata':{'finalizers':['example.com/cleanup','example.com/more']}}"), WRITE));

        store.patch(ResourceCatalog.CONFIG_MAPS, "default", "held", "", PatchType.MERGE,
                json("{'metadata':{'finalizers':null}}"), WRITE);
        assertTrue(store.find(ResourceCatalog.CONFIG_MAPS, "default", "held").isEmpty());
    }

    @Test
    void podsOnANodeAreDeletedGracefully() {
        store.create(ResourceCatalog.PODS, "default", pod("running", "node-1"), WRITE);
        store.create(ResourceCatalog.PODS, "default", pod("pending", ""), WRITE);

        assertTrue(store.delete(ResourceCatalog.PODS, "default", "pending", DeleteOptions.defaults()).deleted());

        DeleteResult graceful = store.delete(ResourceCatalog.PODS, "default", "running", DeleteOptions.defaults());
        assertFalse(graceful.deleted());
        assertEquals("2025-01-02T03:04:35Z", ObjectMeta.deletionTimestamp(graceful.object()).orElseThrow());
        assertEquals(Optional.of(30L), ObjectMeta.deletionGracePeriodSeconds(graceful.object()));

        DeleteResult shorter = store.delete(ResourceCatalog.PODS, "default", "running",
                DeleteOptions.defaults().withGracePeriod(5));
        assertEquals(Optional.of(5L), ObjectMeta.deletionGracePeriodSeconds(shorter.object()));

        assertTrue(store.delete(ResourceCatalog.PODS, "default", "running",
                DeleteOptions.defaults().withGracePeriod(0)).deleted());
        assertTrue(store.find(ResourceCatalog.PODS, "default", "running").isEmpty());
    }

    @Test
    void deleteCollectionDeletesWhatTheSelectorSelects() {
        createConfigMap("web-1", "'app':'web'");
        createConfigMap("web-2", "'app':'web'");
        createConfigMap("db", "'app':'db'");

        ObjectList deleted = store.deleteCollection(ResourceCatalog.CONFIG_MAPS, "default",
                ListOptions.all().withLabelSelector("app=web"), DeleteOptions.defaults());

        assertEquals(List.of("web-1", "web-2"), deleted.items().stream().map(ObjectMeta::name).toList());
        assertEquals(List.of("db"), store.list(ResourceCatalog.CONFIG_MAPS, "default", ListOptions.all())
                .items().stream().map(ObjectMeta::name).toList());
    }

    @Test
    void namespacesCannotBeDeletedInBulkAndSystemOnesNotAtAll() {
        assertFails(Reason.METHOD_NOT_ALLOWED, () -> store.deleteCollection(ResourceCatalog.NAMESPACES, "",
                ListOptions.all(), DeleteOptions.defaults()));
        assertFails(Reason.FORBIDDEN, "namespaces \"kube-system\" is forbidden: this namespace may not be deleted",
                () -> store.delete(ResourceCatalog.NAMESPACES, "", "kube-system", DeleteOptions.defaults()));
    }

    @Test
    void aDryRunDeleteKeepsTheObject() {
        createConfigMap("a", "");
        DeleteOptions dryRun = DeleteOptions.fromRequest(JsonObject.EMPTY_JSON_OBJECT, null, null, "All");
        assertTrue(store.delete(ResourceCatalog.CONFIG_MAPS, "default", "a", dryRun).deleted());
        assertTrue(store.find(ResourceCatalog.CONFIG_MAPS, "default", "a").isPresent());
    }

    @Test
    void deleteOptionsAreReadFromTheBodyOverTheQuery() {
        DeleteOptions options = DeleteOptions.fromRequest(object("{'kind':'DeleteOptions','apiVersion':'v1',"
                + "'gracePeriodSeconds':0,'propagationPolicy':'Foreground','preconditions':{'uid':'u1'}}"),
                "10", "Background", null);
        assertEquals(Optional.of(0L), options.gracePeriodSeconds());
        assertEquals(Optional.of("Foreground"), options.propagationPolicy());
        assertEquals(Optional.of("u1"), options.uid());
        assertFalse(options.dryRun());

        assertFails(Reason.BAD_REQUEST, "propagationPolicy: Unsupported value: \"Sideways\": supported values: "
                + "\"Foreground\", \"Background\", \"Orphan\"",
                () -> DeleteOptions.fromRequest(JsonObject.EMPTY_JSON_OBJECT, null, "Sideways", null));
        assertFails(Reason.BAD_REQUEST, () -> DeleteOptions.fromRequest(JsonObject.EMPTY_JSON_OBJECT, "soon", null, null));
    }

    @Test
    void namespaceDeletionEmptiesAndRemovesTheNamespace() {
        store.create(ResourceCatalog.NAMESPACES, "", object("{'metadata':{'name':'team'}}"), WRITE);
        store.create(ResourceCatalog.CONFIG_MAPS, "team", configMap("c", ""), WRITE);
        store.create(ResourceCatalog.SECRETS, "team", object("{'metadata':{'name':'s'}}"), WRITE);
        store.create(ResourceCatalog.CONFIG_MAPS, "team", object("{'metadata':{'name':'held','finalizers':['x.io/f']}}"),
                WRITE);
        createConfigMap("elsewhere", "");
        NamespaceCleaner cleaner = new NamespaceCleaner(store, ResourceCatalog.builtIn());

        assertFalse(cleaner.clean("team"), "a live namespace is left alone");
        assertEquals(3, count("team"));

        DeleteResult marked = store.delete(ResourceCatalog.NAMESPACES, "", "team", DeleteOptions.defaults());
        assertFalse(marked.deleted());
        assertEquals("Terminating", JsonSupport.stringAt(marked.object(), "status", "phase").orElseThrow());

        assertEquals(List.of(), cleaner.cleanAll(), "the held config map keeps the namespace");
        assertEquals(1, count("team"));

        store.patch(ResourceCatalog.CONFIG_MAPS, "team", "held", "", PatchType.MERGE,
                json("{'metadata':{'finalizers':[]}}"), WRITE);
        assertEquals(List.of("team"), cleaner.cleanAll());
        assertTrue(store.find(ResourceCatalog.NAMESPACES, "", "team").isEmpty());
        assertTrue(store.find(ResourceCatalog.CONFIG_MAPS, "default", "elsewhere").isPresent());
    }

    private int count(String namespace) {
        return store.list(ResourceCatalog.CONFIG_MAPS, namespace, ListOptions.all()).items().size()
                + store.list(ResourceCatalog.SECRETS, namespace, ListOptions.all()).items().size();
    }
}
