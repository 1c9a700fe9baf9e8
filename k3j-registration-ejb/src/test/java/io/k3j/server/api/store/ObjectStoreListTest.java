package io.k3j.server.api.store;

import static io.k3j.server.api.ApiAssertions.assertFails;
import static io.k3j.server.api.TestJson.json;
import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.TestLogs;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.patch.PatchType;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectStoreListTest extends StoreTestBase {

    private List<String> names(ObjectList list) {
        return list.items().stream().map(ObjectMeta::name).toList();
    }

    private ObjectList list(String namespace, ListOptions options) {
        return store.list(ResourceCatalog.CONFIG_MAPS, namespace, options);
    }

    @Test
    void listsOneNamespaceOrAllInKeyOrder() {
        createConfigMap("b", "");
        createConfigMap("a", "");
        store.create(ResourceCatalog.CONFIG_MAPS, "kube-system", configMap("c", ""), WRITE);

        ObjectList inDefault = list("default", ListOptions.all());
        assertEquals(List.of("a", "b"), names(inDefault));
        assertEquals(Long.toString(log.currentRevision()), inDefault.resourceVersion());
        assertEquals(List.of("a", "b", "c"), names(list("", ListOptions.all())));

        JsonObject json = inDefault.toJson();
        assertEquals("ConfigMapList", json.getString("kind"));
        assertEquals(inDefault.resourceVersion(), json.getJsonObject("metadata").getString("resourceVersion"));
        assertEquals(2, json.getJsonArray("items").size());
    }

    @Test
    void labelSelectorsFilter() {
        createConfigMap("web", "'app':'web','tier':'front'");
        createConfigMap("api", "'app':'api','tier':'front'");
        createConfigMap("db", "'app':'db'");

        assertEquals(List.of("api", "web"), names(list("default", ListOptions.all().withLabelSelector("tier=front"))));
        assertEquals(List.of("db"), names(list("default", ListOptions.all().withLabelSelector("!tier"))));
        assertEquals(List.of("api", "db"), names(list("default", ListOptions.all().withLabelSelector("app notin (web)"))));
        assertEquals(List.of("api"), names(list("default", ListOptions.all().withLabelSelector("app in (api,db),tier"))));
    }

    @Test
    void fieldSelectorsFilterByTheTypesFields() {
        createConfigMap("a", "");
        createConfigMap("b", "");
        assertEquals(List.of("b"), names(list("", ListOptions.all().withFieldSelector("metadata.name=b"))));
        assertEquals(List.of("a"), names(list("", ListOptions.all().withFieldSelector(
                "metadata.namespace==default,metadata.name!=b"))));

        store.create(ResourceCatalog.PODS, "default", pod("on-node", "node-1"), WRITE);
        store.create(ResourceCatalog.PODS, "default", pod("unscheduled", ""), WRITE);
        store.patch(ResourceCatalog.PODS, "default", "on-node", "status", PatchType.MERGE,
                json("{'status':{'phase':'Running'}}"), WRITE);
        assertEquals(List.of("on-node"), names(store.list(ResourceCatalog.PODS, "",
                ListOptions.all().withFieldSelector("spec.nodeName=node-1"))));
        assertEquals(List.of("unscheduled"), names(store.list(ResourceCatalog.PODS, "",
                ListOptions.all().withFieldSelector("spec.nodeName="))));
        assertEquals(List.of("unscheduled"), names(store.list(ResourceCatalog.PODS, "",
                ListOptions.all().withFieldSelector("status.phase!=Running"))));

        store.create(ResourceCatalog.SECRETS, "default", object("{'metadata':{'name':'tls'},'type':'kubernetes.io/tls',"
                + "'data':{'tls.crt':'','tls.key':''}}"), WRITE);
        store.create(ResourceCatalog.SECRETS, "default", object("{'metadata':{'name':'plain'}}"), WRITE);
        assertEquals(List.of("tls"), names(store.list(ResourceCatalog.SECRETS, "default",
                ListOptions.all().withFieldSelector("type=kubernetes.io/tls"))));
    }

    @Test
    void eventsSelectByInvolvedObject() {
        store.create(ResourceCatalog.EVENTS, "default", object("{'metadata':{'name':'e1'},'involvedObject':"
                + "{'kind':'Pod','name':'p1'},'reason':'Scheduled','source':{'component':'scheduler'}}"), WRITE);
        store.create(ResourceCatalog.EVENTS, "default", object("{'metadata':{'name':'e2'},'involvedObject':"
                + "{'kind':'Node','name':'n1'},'reason':'Ready'}"), WRITE);
        assertEquals(List.of("e1"), names(store.list(ResourceCatalog.EVENTS, "default",
                ListOptions.all().withFieldSelector("involvedObject.kind=Pod,source=scheduler"))));
    }

    @Test
    void unsupportedFieldsAndMalformedSelectorsAreBadRequests() {
        assertFails(Reason.BAD_REQUEST, "field label not supported: spec.nodeName",
                () -> list("", ListOptions.all().withFieldSelector("spec.nodeName=x")));
        ApiException e = assertFails(Reason.BAD_REQUEST,
                () -> ListOptions.fromQuery("app in (web", null, null, null, null, null));
        assertTrue(e.getMessage().startsWith("unable to parse requirement"), e.getMessage());
        assertFails(Reason.BAD_REQUEST, () -> ListOptions.fromQuery(null, "nonsense", null, null, null, null));
        assertFails(Reason.BAD_REQUEST, () -> ListOptions.fromQuery(null, null, "ten", null, null, null));
    }

    @Test
    void pagesReadOneSnapshotWhateverIsWrittenMeanwhile() {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            createConfigMap(name, "");
        }
        ObjectList first = list("default", ListOptions.all().withLimit(2));
        assertEquals(List.of("a", "b"), names(first));
        assertTrue(first.continueToken().isPresent());

        store.delete(ResourceCatalog.CONFIG_MAPS, "default", "c", DeleteOptions.defaults());
        createConfigMap("cc", "");
        store.patch(ResourceCatalog.CONFIG_MAPS, "default", "d", "", PatchType.MERGE, json("{'data':{'k':'new'}}"), WRITE);

        List<String> seen = new ArrayList<>(names(first));
        ObjectList page = first;
        while (page.continueToken().isPresent()) {
            page = list("default", ListOptions.all().withLimit(2).withContinue(page.continueToken().get()));
            assertEquals(first.resourceVersion(), page.resourceVersion());
            seen.addAll(names(page));
            page.items().stream().filter(o -> ObjectMeta.name(o).equals("d"))
                    .forEach(d -> assertEquals("v", d.getJsonObject("data").getString("k")));
        }
        assertEquals(List.of("a", "b", "c", "d", "e"), seen);
        assertEquals(List.of("a", "b", "cc", "d", "e"), names(list("default", ListOptions.all())));
    }

    @Test
    void aLimitWithASelectorFillsPagesAcrossChunks() {
        for (int i = 0; i < 12; i++) {
            createConfigMap("cm-" + (char) ('a' + i), i % 3 == 0 ? "'pick':'yes'" : "");
        }
        ObjectList first = list("default", ListOptions.all().withLabelSelector("pick").withLimit(3));
        assertEquals(List.of("cm-a", "cm-d", "cm-g"), names(first));
        ObjectList second = list("default", ListOptions.all().withLabelSelector("pick").withLimit(3)
                .withContinue(first.continueToken().orElseThrow()));
        assertEquals(List.of("cm-j"), names(second));
        assertTrue(second.continueToken().isEmpty());
    }

    @Test
    void aCompactedContinueTokenOrVersionIsGone() {
        try (var small = TestLogs.open(1)) {
            ObjectStore compacting = new ObjectStore(small);
            compacting.ensureSystemNamespaces();
            for (String name : List.of("a", "b", "c")) {
                compacting.create(ResourceCatalog.CONFIG_MAPS, "default", configMap(name, ""), WRITE);
            }
            ObjectList first = compacting.list(ResourceCatalog.CONFIG_MAPS, "default", ListOptions.all().withLimit(1));
            String oldVersion = first.resourceVersion();
            compacting.patch(ResourceCatalog.CONFIG_MAPS, "default", "b", "", PatchType.MERGE, json("{'data':{'k':'2'}}"), WRITE);
            small.compact(small.currentRevision());

            ApiException expired = assertFails(Reason.EXPIRED, () -> compacting.list(ResourceCatalog.CONFIG_MAPS, "default",
                    ListOptions.all().withLimit(1).withContinue(first.continueToken().orElseThrow())));
            assertEquals(410, expired.status().toJson().getInt("code"));
            assertTrue(expired.getMessage().startsWith("The provided continue parameter is too old"), expired.getMessage());

            assertFails(Reason.EXPIRED, "too old resource version: " + oldVersion + " (" + small.compactRevision() + ")",
                    () -> compacting.list(ResourceCatalog.CONFIG_MAPS, "default",
                            ListOptions.all().withResourceVersion(oldVersion, ListOptions.EXACT)));
            assertEquals(3, compacting.list(ResourceCatalog.CONFIG_MAPS, "default",
                    ListOptions.all().withResourceVersion(oldVersion, ListOptions.NOT_OLDER_THAN)).items().size());
        }
    }

    @Test
    void anExactVersionReadsThePast() {
        JsonObject created = createConfigMap("a", "");
        createConfigMap("b", "");
        ObjectList past = list("default", ListOptions.all().withResourceVersion(ObjectMeta.resourceVersion(created),
                ListOptions.EXACT));
        assertEquals(List.of("a"), names(past));
        assertEquals(ObjectMeta.resourceVersion(created), past.resourceVersion());
    }

    @Test
    void versionZeroMeansAnyAndAFutureVersionTimesOut() {
        createConfigMap("a", "");
        assertEquals(List.of("a"), names(list("default", ListOptions.all().withResourceVersion("0", ""))));
        long future = log.currentRevision() + 100;
        assertFails(Reason.TIMEOUT, "Timeout: Too large resource version: " + future + ", current: " + log.currentRevision(),
                () -> list("default", ListOptions.all().withResourceVersion(Long.toString(future), "")));
        assertFails(Reason.BAD_REQUEST, () -> list("default", ListOptions.all().withResourceVersion("abc", "")));
    }

    @Test
    void malformedContinueTokensAreBadRequests() {
        assertFails(Reason.BAD_REQUEST, () -> list("default", ListOptions.all().withContinue("!!!")));
        assertFails(Reason.BAD_REQUEST, () -> list("default", ListOptions.all().withContinue("e30")));
        assertFails(Reason.BAD_REQUEST, "specifying resource version is not allowed when using continue",
                () -> ListOptions.fromQuery(null, null, "1", "abc", "5", null));
    }

    @Test
    void queryParametersBecomeOptions() {
        ListOptions options = ListOptions.fromQuery("app=web", "metadata.name=a", "10", null, "0", null);
        assertEquals("app=web", options.labelSelector().toString());
        assertEquals("metadata.name=a", options.fieldSelector().toString());
        assertEquals(10, options.limit());
        assertEquals("0", options.resourceVersion());
        assertFails(Reason.BAD_REQUEST, () -> ListOptions.fromQuery(null, null, null, null, "", "Exact"));
        assertFails(Reason.BAD_REQUEST, () -> ListOptions.fromQuery(null, null, null, null, "0", "Exact"));
        assertFails(Reason.BAD_REQUEST, () -> ListOptions.fromQuery(null, null, null, null, "5", "Sometimes"));
    }
}
