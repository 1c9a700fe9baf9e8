package io.k3j.server.api.json;

import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonSupportTest {

    private static final JsonObject POD = object("{'metadata':{'name':'p','labels':{'a':'1','n':2},'finalizers':['f',3],"
            + "'generation':4,'deletionGracePeriodSeconds':0},'spec':{'nodeName':'n1'}}");

    @Test
    void readsAlongPaths() {
        assertEquals(Optional.of("n1"), JsonSupport.stringAt(POD, "spec", "nodeName"));
        assertEquals(Optional.empty(), JsonSupport.stringAt(POD, "spec", "nodeName", "deeper"));
        assertEquals(Optional.empty(), JsonSupport.at(POD, "status"));
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, JsonSupport.objectAt(POD, "spec", "nodeName"));
        assertEquals(0, JsonSupport.arrayAt(POD, "spec").size());
    }

    @Test
    void editsCopies() {
        JsonObject edited = JsonSupport.with(POD, JsonSupport.string("Running"), "status", "phase");
        assertEquals("{\"phase\":\"Running\"}", edited.getJsonObject("status").toString());
        assertEquals(Optional.empty(), JsonSupport.at(POD, "status"));
        assertEquals(Optional.empty(), JsonSupport.at(JsonSupport.without(edited, "status", "phase"), "status", "phase"));
        assertSame(POD, JsonSupport.without(POD, "status", "phase"));
        assertThrows(IllegalArgumentException.class, () -> JsonSupport.with(POD, JsonSupport.string("x")));
    }

    @Test
    void parsesAndEncodes() {
        byte[] bytes = JsonSupport.toBytes(POD);
        assertEquals(POD, JsonSupport.parse(bytes));
        assertEquals(new String(bytes, StandardCharsets.UTF_8), JsonSupport.toText(POD));
        assertThrows(JsonException.class, () -> JsonSupport.parse("{oops"));
    }

    @Test
    void readsMetadataAsKubernetesTreatsIt() {
        assertEquals("p", ObjectMeta.name(POD));
        assertEquals("", ObjectMeta.namespace(POD));
        assertEquals(Map.of("a", "1"), ObjectMeta.labels(POD));
        assertEquals(List.of("f"), ObjectMeta.finalizers(POD));
        assertEquals(4, ObjectMeta.generation(POD));
        assertEquals(Optional.of(0L), ObjectMeta.deletionGracePeriodSeconds(POD));
        assertEquals(Optional.empty(), ObjectMeta.deletionTimestamp(POD));
        assertEquals("ns", ObjectMeta.namespace(ObjectMeta.with(POD, "namespace", "ns")));
    }
}
