package io.k3j.server.api.patch;

import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

    private static final JsonObject POD = object("{'metadata':{'name':'p','labels':{'a':'1'},'finalizers':['x/a']},"
            + "'spec':{'containers':[{'name':'app','image':'nginx:1','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],"
            + "'ports':[{'containerPort':80,'name':'http'}]},{'name':'sidecar','image':'envoy:1'}],"
            + "'volumes':[{'name':'data','emptyDir':{}}],"
            + "'tolerations':[{'key':'k1','operator':'Exists'}]}}");

    private static String apply(JsonObject original, String patch, PatchSchema schema) {
        return StrategicMergePatch.apply(original, object(patch), schema).toString().replace('"', '\'');
    }

    private static String applyToPod(String patch) {
        return apply(POD, patch, PatchSchemas.POD);
    }

    @Test
    void mergesContainersByNameAndKeepsTheOthers() {
        String result = applyToPod("{'spec':{'containers':[{'name':'app','image':'nginx:2'},{'name':'new','image':'busybox'}]}}");
        assertEquals("{'metadata':{'name':'p','labels':{'a':'1'},'finalizers':['x/a']},'spec':{'containers':["
                + "{'name':'app','image':'nginx:2','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],"
                + "'ports':[{'containerPort':80,'name':'http'}]},{'name':'sidecar','image':'envoy:1'},"
                + "{'name':'new','image':'busybox'}],'volumes':[{'name':'data','emptyDir':{}}],"
                + "'tolerations':[{'key':'k1','operator':'Exists'}]}}", result);
    }

    @Test
    void mergesNestedListsByTheirOwnKeys() {
        JsonObject result = StrategicMergePatch.apply(POD, object("{'spec':{'containers':[{'name':'app',"
                + "'env':[{'name':'B','value':'changed'},{'name':'C','value':'3'}],'ports':[{'containerPort':80,'protocol':'TCP'}]}]}}"),
                PatchSchemas.POD);
        JsonObject app = result.getJsonObject("spec").getJsonArray("containers").getJsonObject(0);
        assertEquals("[{'name':'A','value':'1'},{'name':'B','value':'changed'},{'name':'C','value':'3'}]",
                app.getJsonArray("env").toString().replace('"', '\''));
        assertEquals("[{'containerPort':80,'name':'http','protocol':'TCP'}]",
                app.getJsonArray("ports").toString().replace('"', '\''));
    }

    @Test
    void atomicListsAreReplaced() {
        String result = applyToPod("{'spec':{'tolerations':[{'key':'k2','operator':'Exists'}]}}");
        assertEquals(true, result.contains("'tolerations':[{'key':'k2','operator':'Exists'}]"), result);
    }

    @Test
    void deleteDirectivesRemoveElementsAndFields() {
        String result = applyToPod("{'spec':{'containers':[{'name':'sidecar','$patch':'delete'},"
                + "{'name':'app','env':[{'name':'A','$patch':'delete'}]}],'volumes':null}}");
        assertEquals("{'metadata':{'name':'p','labels':{'a':'1'},'finalizers':['x/a']},'spec':{'containers':["
                + "{'name':'app','image':'nginx:1','env':[{'name':'B','value':'2'}],'ports':[{'containerPort':80,'name':'http'}]}],"
                + "'tolerations':[{'key':'k1','operator':'Exists'}]}}", result);
        assertEquals(false, applyToPod("{'metadata':{'labels':{'$patch':'delete'}}}").contains("labels"));
    }

    @Test
    void replaceDirectivesReplaceMapsAndLists() {
        assertEquals(true, applyToPod("{'metadata':{'labels':{'$patch':'replace','b':'2'}}}")
                .contains("'labels':{'b':'2'}"));
        String result = applyToPod("{'spec':{'containers':[{'$patch':'replace'},{'name':'only','image':'x'}]}}");
        assertEquals(true, result.contains("'containers':[{'name':'only','image':'x'}]"), result);
    }

    @Test
    void finalizersAreASetWithDeletionsFromThePrimitiveList() {
        assertEquals(true, applyToPod("{'metadata':{'finalizers':['x/b','x/a']}}").contains("'finalizers':['x/a','x/b']"));
        assertEquals(true, applyToPod("{'metadata':{'$deleteFromPrimitiveList/finalizers':['x/a'],'finalizers':['x/c']}}")
                .contains("'finalizers':['x/c']"));
    }

    @Test
    void setElementOrderReordersTheMergedList() {
        String result = applyToPod("{'spec':{'$setElementOrder/containers':[{'name':'sidecar'},{'name':'app'}],"
                + "'containers':[{'name':'app','image':'nginx:3'}]}}");
        assertEquals(true, result.indexOf("'name':'sidecar'") < result.indexOf("'name':'app'"), result);
        assertEquals(true, result.contains("'image':'nginx:3'"), result);
    }

    @Test
    void retainKeysDropsFieldsNotListed() {
        String result = applyToPod("{'spec':{'volumes':[{'name':'data','$retainKeys':['name','hostPath'],"
                + "'hostPath':{'path':'/srv'}}]}}");
        assertEquals(true, result.contains("'volumes':[{'name':'data','hostPath':{'path':'/srv'}}]"), result);
        assertThrows(PatchException.class, () -> applyToPod("{'spec':{'volumes':[{'name':'data','$retainKeys':['name'],"
                + "'hostPath':{'path':'/srv'}}]}}"));
    }

    @Test
    void unknownFieldsMergeLikeAMergePatch() {
        assertEquals("{'a':{'b':1,'c':2},'l':[3]}",
                apply(object("{'a':{'b':1,'d':0},'l':[1,2]}"), "{'a':{'c':2,'d':null},'l':[3]}", PatchSchema.NONE));
    }

    @Test
    void malformedPatchesSayWhatIsWrong() {
        assertEquals("an element of \"containers\" does not contain its merge key \"name\": {\"image\":\"x\"}",
                assertThrows(PatchException.class, () -> applyToPod("{'spec':{'containers':[{'image':'x'}]}}")).getMessage());
        assertThrows(PatchException.class, () -> applyToPod("{'spec':{'containers':['x']}}"));
        assertThrows(PatchException.class, () -> applyToPod("{'$patch':'delete'}"));
        assertThrows(PatchException.class, () -> applyToPod("{'spec':{'$unknown':1}}"));
        assertThrows(PatchException.class, () -> applyToPod("{'metadata':{'$deleteFromPrimitiveList/finalizers':'x'}}"));
    }
}
