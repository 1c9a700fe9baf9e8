package io.k3j.server.api.selector;

import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.resource.ResourceCatalog;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class ObjectSelectorTest {

    private static final JsonObject POD = object("{'metadata':{'name':'p','namespace':'default','labels':{'app':'web'}},"
            + "'spec':{'nodeName':'n1'},'status':{'phase':'Running'}}");

    private static ObjectSelector pods(String labels, String fields) {
        return new ObjectSelector(ResourceCatalog.PODS, LabelSelector.parse(labels), FieldSelector.parse(fields));
    }

    @Test
    void appliesLabelsAndFieldsTogether() {
        assertTrue(pods("", "").isEverything());
        assertTrue(pods("app=web", "spec.nodeName=n1,metadata.namespace=default").matches(POD));
        assertFalse(pods("app=web", "status.phase=Pending").matches(POD));
        assertFalse(pods("app=db", "").matches(POD));
        assertTrue(pods("", "status.podIP=").matches(POD));
    }

    @Test
    void readsNestedAndNonStringFields() {
        ObjectSelector events = new ObjectSelector(ResourceCatalog.EVENTS, LabelSelector.everything(),
                FieldSelector.parse("source=kubelet,involvedObject.name=p"));
        assertTrue(events.matches(object("{'metadata':{'name':'e'},'source':{'component':'kubelet'},"
                + "'involvedObject':{'name':'p'}}")));
    }

    @Test
    void selectsEventsByEveryFieldKubernetesSupportsForThem() {
        JsonObject event = object("{'metadata':{'name':'e','namespace':'default'},'type':'Warning','reason':'BackOff',"
                + "'reportingComponent':'kubelet','involvedObject':{'kind':'Pod','namespace':'default','name':'p',"
                + "'uid':'u-1','apiVersion':'v1','resourceVersion':'7','fieldPath':'spec.containers{a}'}}");
        String all = "involvedObject.kind=Pod,involvedObject.namespace=default,involvedObject.name=p,"
                + "involvedObject.uid=u-1,involvedObject.apiVersion=v1,involvedObject.resourceVersion=7,"
                + "involvedObject.fieldPath=spec.containers{a},reason=BackOff,reportingComponent=kubelet,type=Warning,"
                + "metadata.name=e,metadata.namespace=default";
        assertTrue(events(all).matches(event));
        assertFalse(events("involvedObject.uid=u-2").matches(event));
        // source is the source component, else the reporting controller, as Kubernetes reads it
        assertTrue(events("source=kubelet").matches(event));
        JsonObject both = object("{'metadata':{'name':'e'},'source':{'component':'scheduler'},"
                + "'reportingComponent':'kubelet'}");
        assertTrue(events("source=scheduler").matches(both));
        assertFalse(events("source=kubelet").matches(both));
    }

    private static ObjectSelector events(String fields) {
        return new ObjectSelector(ResourceCatalog.EVENTS, LabelSelector.everything(), FieldSelector.parse(fields));
    }

    @Test
    void refusesFieldsTheTypeDoesNotHave() {
        assertThrows(SelectorException.class, () -> new ObjectSelector(ResourceCatalog.CONFIG_MAPS,
                LabelSelector.everything(), FieldSelector.parse("spec.nodeName=n1")));
    }
}
