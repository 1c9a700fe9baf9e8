package io.k3j.server.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.k3j.server.api.TestJson;
import io.k3j.server.api.json.JsonSupport;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The protobuf is read back field by field, with the numbers of gnostic's OpenAPIv2.proto. */
class SwaggerProtobufTest {

    private static final JsonObject SWAGGER = TestJson.object("""
            {'swagger':'2.0','info':{'title':'Kubernetes','version':'unversioned'},'paths':{},'definitions':{
              'io.k8s.api.core.v1.ConfigMap':{'type':'object','description':'d','properties':{
                'data':{'type':'object','additionalProperties':{'type':'string'}},
                'metadata':{'$ref':'#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'},
                'ports':{'type':'array','items':{'type':'integer','format':'int32'},
                  'x-kubernetes-patch-merge-key':'containerPort','x-kubernetes-patch-strategy':'merge'}},
               'x-kubernetes-group-version-kind':[{'group':'','kind':'ConfigMap','version':'v1'}]},
              'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta':{'type':'object','required':['name']}}}
            """);

    private static UnknownFieldSet parse(ByteString bytes) throws InvalidProtocolBufferException {
        return UnknownFieldSet.parseFrom(bytes);
    }

    private static String text(UnknownFieldSet message, int field) {
        return message.getField(field).getLengthDelimitedList().get(0).toStringUtf8();
    }

    private static UnknownFieldSet nested(UnknownFieldSet message, int field) throws InvalidProtocolBufferException {
        return parse(message.getField(field).getLengthDelimitedList().get(0));
    }

    /** The entries of a repeated NamedSchema or NamedAny field: name (1) to value (2). */
    private static Map<String, UnknownFieldSet> named(UnknownFieldSet message, int field)
            throws InvalidProtocolBufferException {
        Map<String, UnknownFieldSet> entries = new LinkedHashMap<>();
        for (ByteString entry : message.getField(field).getLengthDelimitedList()) {
            UnknownFieldSet pair = parse(entry);
            entries.put(text(pair, 1), nested(pair, 2));
        }
        return entries;
    }

    @Test
    void theDocumentHoldsItsVersionInfoAndDefinitions() throws Exception {
        UnknownFieldSet document = UnknownFieldSet.parseFrom(SwaggerProtobuf.encode(SWAGGER));
        assertEquals("2.0", text(document, 1));
        assertEquals("Kubernetes", text(nested(document, 2), 1));
        assertEquals("unversioned", text(nested(document, 2), 2));
        assertEquals(List.of("io.k8s.api.core.v1.ConfigMap", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"),
                List.copyOf(named(nested(document, 9), 1).keySet()));
    }

    @Test
    void aSchemaHasItsTypePropertiesMapsArraysReferencesAndExtensions() throws Exception {
        Map<String, UnknownFieldSet> definitions = named(nested(UnknownFieldSet.parseFrom(SwaggerProtobuf.encode(SWAGGER)), 9), 1);
        UnknownFieldSet configMap = definitions.get("io.k8s.api.core.v1.ConfigMap");
        assertEquals("object", text(nested(configMap, 22), 1));
        assertEquals("d", text(configMap, 4));
        Map<String, UnknownFieldSet> properties = named(nested(configMap, 25), 1);
        assertEquals(List.of("data", "metadata", "ports"), List.copyOf(properties.keySet()));
        assertEquals("string", text(nested(nested(nested(properties.get("data"), 21), 1), 22), 1));
        assertEquals("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", text(properties.get("metadata"), 1));
        UnknownFieldSet ports = properties.get("ports");
        assertEquals("int32", text(nested(nested(ports, 23), 1), 2));
        Map<String, UnknownFieldSet> extensions = named(ports, 31);
        assertEquals("\"containerPort\"", text(extensions.get("x-kubernetes-patch-merge-key"), 2));
        Map<String, UnknownFieldSet> kinds = named(configMap, 31);
        assertEquals(SWAGGER.getJsonObject("definitions").getJsonObject("io.k8s.api.core.v1.ConfigMap")
                .get("x-kubernetes-group-version-kind"), JsonSupport.parse(
                text(kinds.get("x-kubernetes-group-version-kind"), 2).getBytes(StandardCharsets.UTF_8)));
        assertEquals("name", text(definitions.get("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"), 19));
    }

    @Test
    void everyDefinitionOfTheServersDocumentIsEncoded() throws Exception {
        OpenApiDocument v2 = OpenApiDocuments.builtIn().v2(true);
        Map<String, UnknownFieldSet> definitions = named(nested(UnknownFieldSet.parseFrom(v2.body()), 9), 1);
        assertEquals(v2.json().getJsonObject("definitions").keySet(), definitions.keySet());
        assertTrue(definitions.size() > 150, "definitions: " + definitions.size());
    }
}
