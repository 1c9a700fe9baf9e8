package io.k3j.server.api.schema;

import static io.k3j.server.api.ApiAssertions.assertFails;
import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.patch.PatchType;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FieldValidatorTest {

    /** A body as a client sends it: JSON written with single quotes, as bytes. */
    private static byte[] body(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static FieldValidator.Decoded decode(ResourceType type, String text) {
        return FieldValidator.of(type).decode(body(text));
    }

    @Test
    void aPodWithUnknownFieldsAtEveryDepthLosesThemAndNamesThemInDocumentOrder() {
        FieldValidator.Decoded pod = decode(ResourceCatalog.PODS, """
                {'apiVersion':'v1','kind':'Pod','foo':1,
                 'metadata':{'name':'web','labels':{'app':'web'},'nmae':'typo'},
                 'spec':{'containers':[
                    {'name':'app','image':'nginx','imagePullPolice':'Always',
                     'ports':[{'containerPort':80,'protocol':'TCP','hostPorts':1}],
                     'env':[{'name':'A','valueFrom':{'configMapKeyRef':{'name':'cm','key':'k','optinal':true}}}],
                     'resources':{'limits':{'cpu':'100m','memory':'1Gi'}},
                     'livenessProbe':{'httpGet':{'port':'http','path':'/'},'periodSeconds':5}},
                    {'name':'side','image':'busybox','stdin':true,'bogus':{'deep':[1,2]}}],
                  'volumes':[{'name':'v','configMap':{'name':'cm','defaultMode':420,'itmes':[]}}]},
                 'status':{'phase':'Pending','phaze':'x'}}
                """);

        assertEquals(List.of(
                "unknown field \"foo\"",
                "unknown field \"metadata.nmae\"",
                "unknown field \"spec.containers[0].imagePullPolice\"",
                "unknown field \"spec.containers[0].ports[0].hostPorts\"",
                "unknown field \"spec.containers[0].env[0].valueFrom.configMapKeyRef.optinal\"",
                "unknown field \"spec.containers[1].bogus\"",
                "unknown field \"spec.volumes[0].configMap.itmes\"",
                "unknown field \"status.phaze\""), pod.problems());
        assertEquals(object("""
                {'apiVersion':'v1','kind':'Pod',
                 'metadata':{'name':'web','labels':{'app':'web'}},
                 'spec':{'containers':[
                    {'name':'app','image':'nginx',
                     'ports':[{'containerPort':80,'protocol':'TCP'}],
                     'env':[{'name':'A','valueFrom':{'configMapKeyRef':{'name':'cm','key':'k'}}}],
                     'resources':{'limits':{'cpu':'100m','memory':'1Gi'}},
                     'livenessProbe':{'httpGet':{'port':'http','path':'/'},'periodSeconds':5}},
                    {'name':'side','image':'busybox','stdin':true}],
                  'volumes':[{'name':'v','configMap':{'name':'cm','defaultMode':420}}]},
                 'status':{'phase':'Pending'}}
                """), pod.value());
    }

    @Test
    void inlineFieldsAndSpecialMessagesAreKnownAndNotLookedInto() {
        // configMapKeyRef.name comes from the inline LocalObjectReference, httpGet from the inline
        // ProbeHandler; times, quantities, int-or-strings and managed fields are leaves
        FieldValidator.Decoded pod = decode(ResourceCatalog.PODS, """
                {'metadata':{'name':'p','creationTimestamp':'2025-01-01T00:00:00Z',
                   'managedFields':[{'manager':'kubectl','operation':'Update','time':'2025-01-01T00:00:00Z',
                     'fieldsType':'FieldsV1','fieldsV1':{'f:metadata':{'f:labels':{'.':{}}},'f:whatever':{}}}]},
                 'spec':{'containers':[{'name':'c','readinessProbe':{'tcpSocket':{'port':8080}},
                    'resources':{'requests':{'cpu':1}}}],
                  'overhead':{'memory':'1Mi'}}}
                """);
        assertEquals(List.of(), pod.problems());
    }

    @Test
    void duplicateFieldsOfObjectsAndMapsAreNamedAndTheLastOneWins() {
        FieldValidator.Decoded configMap = decode(ResourceCatalog.CONFIG_MAPS, """
                {'metadata':{'name':'a','name':'b','labels':{'x':'1','x':'2'}},
                 'data':{'x':'1','y':'2','x':'3'},'tpyo':1,'tpyo':2}
                """);
        assertEquals(List.of(
                "duplicate field \"metadata.name\"",
                "duplicate field \"metadata.labels.x\"",
                "duplicate field \"data.x\"",
                "unknown field \"tpyo\""), configMap.problems());
        assertEquals(object("{'metadata':{'name':'b','labels':{'x':'2'}},'data':{'x':'3','y':'2'}}"), configMap.value());
    }

    @Test
    void aNodeIsCheckedThroughItsStatusMapsAndLists() {
        FieldValidator.Decoded node = decode(ResourceCatalog.NODES, """
                {'kind':'Node','metadata':{'name':'n1'},
                 'spec':{'podCIDR':'10.42.0.0/24','taints':[{'key':'k','effect':'NoSchedule','timeAdded':null,'vaule':'x'}]},
                 'status':{'capacity':{'cpu':'4','pods':'110'},
                   'addresses':[{'type':'InternalIP','address':'10.0.0.1','port':1}],
                   'conditions':[{'type':'Ready','status':'True','lastHeartbeatTime':'2025-01-01T00:00:00Z'}],
                   'nodeInfo':{'kubeletVersion':'v1.32.0','kernel':'6'}}}
                """);
        assertEquals(List.of(
                "unknown field \"spec.taints[0].vaule\"",
                "unknown field \"status.addresses[0].port\"",
                "unknown field \"status.nodeInfo.kernel\""), node.problems());
        assertEquals("{\"kubeletVersion\":\"v1.32.0\"}",
                node.value().asJsonObject().getJsonObject("status").getJsonObject("nodeInfo").toString());
    }

    @Test
    void aSecretAndALeaseHaveTheirOwnFields() {
        assertEquals(List.of("unknown field \"datas\""), decode(ResourceCatalog.SECRETS,
                "{'metadata':{'name':'s'},'type':'Opaque','data':{'k':'dg=='},'stringData':{'p':'w'},'datas':{}}")
                .problems());
        assertEquals(List.of("unknown field \"spec.holder\""), decode(ResourceCatalog.LEASES, """
                {'apiVersion':'coordination.k8s.io/v1','kind':'Lease','metadata':{'name':'n1'},
                 'spec':{'holderIdentity':'n1','leaseDurationSeconds':40,
                   'renewTime':'2025-01-01T00:00:00.000000Z','holder':'n1'}}
                """).problems());
    }

    @Test
    void onlyTheTopLevelObjectHasTypeFields() {
        assertEquals(List.of("unknown field \"spec.kind\""),
                decode(ResourceCatalog.PODS, "{'kind':'Pod','apiVersion':'v1','spec':{'kind':'x'}}").problems());
        assertEquals(List.of(), FieldValidator.of(ResourceCatalog.PODS, "Binding")
                .decode(body("{'kind':'Binding','metadata':{'name':'p'},'target':{'kind':'Node','name':'n1'}}"))
                .problems());
    }

    @Test
    void anUnknownFieldSentTwiceIsNamedOnceAndAtMostAHundredProblemsAreKept() {
        assertEquals(List.of("unknown field \"x\""), decode(ResourceCatalog.CONFIG_MAPS, "{'x':1,'x':2}").problems());
        String many = IntStream.range(0, 150).mapToObj(i -> "'f" + i + "':" + i).collect(Collectors.joining(","));
        List<String> problems = decode(ResourceCatalog.CONFIG_MAPS, "{" + many + "}").problems();
        assertEquals(FieldValidator.MAX_PROBLEMS, problems.size());
        assertEquals("unknown field \"f99\"", problems.get(99));
    }

    @Test
    void valuesOfAnotherShapeThanTheFieldsAreLeftForTheTypesChecks() {
        FieldValidator.Decoded pod = decode(ResourceCatalog.PODS, "{'metadata':'x','spec':{'containers':{'a':1}}}");
        assertEquals(List.of(), pod.problems());
        assertEquals(object("{'metadata':'x','spec':{'containers':{'a':1}}}"), pod.value());
        assertEquals(JsonSupport.parse("[1]"), decode(ResourceCatalog.PODS, "[1]").value());
    }

    @Test
    void aBodyThatIsNotOneJsonValueFails() {
        FieldValidator pods = FieldValidator.of(ResourceCatalog.PODS);
        assertThrows(JsonException.class, () -> pods.decode(body("{'metadata':")));
        assertThrows(JsonException.class, () -> pods.decode(body("{} {}")));
        assertThrows(JsonException.class, () -> pods.decode(body("  ")));
    }

    @Test
    void strictRefusesWithKubernetesWordingWarnWarnsIgnoreIsSilentAndAllDrop() {
        FieldValidator pods = FieldValidator.of(ResourceCatalog.PODS);
        FieldValidator.Decoded pod = pods.decode(body(
                "{'metadata':{'name':'p'},'spec':{'foo':1,'containers':[{'name':'c','bar':2}]}}"));

        ApiException strict = assertFails(Reason.BAD_REQUEST, () -> pods.enforce(pod, FieldValidation.STRICT, w -> { }));
        assertEquals("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: "
                + "unknown field \"spec.foo\", unknown field \"spec.containers[0].bar\"", strict.getMessage());

        List<String> warnings = new ArrayList<>();
        JsonObject warned = pods.enforce(pod, FieldValidation.WARN, warnings::add);
        assertEquals(List.of("unknown field \"spec.foo\"", "unknown field \"spec.containers[0].bar\""), warnings);
        assertEquals(object("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'c'}]}}"), warned);

        JsonObject ignored = pods.enforce(pod, FieldValidation.IGNORE, warnings::add);
        assertEquals(warned, ignored);
        assertEquals(2, warnings.size(), "Ignore adds no warning");
    }

    @Test
    void aBindingFailsAsABinding() {
        FieldValidator bindings = FieldValidator.of(ResourceCatalog.PODS, "Binding");
        ApiException e = assertFails(Reason.BAD_REQUEST, () -> bindings.enforce(
                bindings.decode(body("{'target':{'name':'n','node':'n'}}")), FieldValidation.STRICT, w -> { }));
        assertEquals("Binding in version \"v1\" cannot be handled as a Binding: strict decoding error: "
                + "unknown field \"target.node\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FieldValidator.of(ResourceCatalog.PODS, "Deployment"));
    }

    @Test
    void aJsonPatchHasKnownOperationFieldsAndAnyValue() {
        FieldValidator.Decoded patch = FieldValidator.decodePatch(PatchType.JSON, body("""
                [{'op':'add','path':'/data/a','value':{'x':1,'x':2,'y':{'z':[{'q':1,'q':2}]}}},
                 {'op':'replace','path':'/data/b','valu':'1','op':'replace'}]
                """));
        assertEquals(List.of(
                "json patch duplicate field \"[0].value.x\"",
                "json patch duplicate field \"[0].value.y.z[0].q\"",
                "json patch unknown field \"[1].valu\"",
                "json patch duplicate field \"[1].op\""), patch.problems());
    }

    @Test
    void aMergePatchMayHoldAnyFieldButNoneTwice() {
        FieldValidator.Decoded patch = FieldValidator.decodePatch(PatchType.STRATEGIC,
                body("{'spec':{'anything':1},'metadata':{'labels':{'a':'1','a':null}}}"));
        assertEquals(List.of("duplicate field \"metadata.labels.a\""), patch.problems());
        assertEquals(object("{'spec':{'anything':1},'metadata':{'labels':{'a':null}}}"), patch.value());
    }

    @Test
    void aPatchBodyFailsStrictValidationAsAnInvalidPatch() {
        FieldValidator configMaps = FieldValidator.of(ResourceCatalog.CONFIG_MAPS);
        FieldValidator.Decoded patch = FieldValidator.decodePatch(PatchType.MERGE, body("{'data':{'a':'1','a':'2'}}"));
        ApiException e = assertFails(Reason.INVALID,
                () -> configMaps.enforcePatch(patch, "cm", FieldValidation.STRICT, w -> { }));
        assertEquals("ConfigMap \"cm\" is invalid: patch: Invalid value: \"{\\\"data\\\":{\\\"a\\\":\\\"2\\\"}}\": "
                + "strict decoding error: duplicate field \"data.a\"", e.getMessage());
        assertEquals("patch", e.status().details().orElseThrow().causes().get(0).field());
    }

    @Test
    void aPatchedObjectIsCheckedForWhatThePatchAddedAndLosesEveryUnknownField() {
        FieldValidator pods = FieldValidator.of(ResourceCatalog.PODS);
        JsonObject current = object("{'metadata':{'name':'p','legacy':1},'spec':{'containers':[{'name':'c'}]}}");
        JsonObject patched = object("{'metadata':{'name':'p','legacy':1},'spec':{'containers':[{'name':'c'}],'foo':2}}");
        JsonObject patch = object("{'spec':{'foo':2}}");

        ApiException e = assertFails(Reason.INVALID, () ->
                pods.checkPatched(patched, current, "p", patch, FieldValidation.STRICT, w -> { }));
        assertTrue(e.getMessage().endsWith(": strict decoding error: unknown field \"spec.foo\""), e.getMessage());

        List<String> warnings = new ArrayList<>();
        JsonObject stored = pods.checkPatched(patched, current, "p", patch, FieldValidation.WARN, warnings::add);
        assertEquals(List.of("unknown field \"spec.foo\""), warnings);
        assertEquals(object("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'c'}]}}"), stored);
    }

    @Test
    void pathsAreQuotedAsGoQuotesThem() {
        assertEquals("\"data.a\\\"b\\\\c\\n\\x01é\"", FieldValidator.goQuote("data.a\"b\\c\n\u0001é"));
    }
}
