package io.k3j.server.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Coordination;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KubeMessagesTest {

    @Test
    void everyServedTypeHasItsMessage() {
        for (ResourceType type : ResourceCatalog.builtIn().all()) {
            Descriptor message = KubeMessages.of(type).orElseThrow(() -> new AssertionError("no message for " + type));
            assertEquals(type.kind(), message.getName());
            assertTrue(message.findFieldByName("metadata") != null, message.getFullName());
        }
    }

    @Test
    void theGroupNamesTheProtoPackage() {
        assertEquals("k8s.io.api.core.v1", KubeMessages.protoPackage("", "v1"));
        assertEquals("k8s.io.api.coordination.v1", KubeMessages.protoPackage("coordination.k8s.io", "v1"));
        assertEquals("k8s.io.api.coordination.v1", KubeMessages.of(ResourceCatalog.LEASES).orElseThrow().getFile().getPackage());
    }

    @Test
    void anApiVersionAndKindNameTheMessageOrAMetaKindOfThatGroupVersion() {
        assertEquals("k8s.io.api.core.v1.Binding", KubeMessages.of("v1", "Binding").orElseThrow().getFullName());
        assertEquals("k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions",
                KubeMessages.of("coordination.k8s.io/v1", "DeleteOptions").orElseThrow().getFullName());
        assertTrue(KubeMessages.of("apps/v1", "Deployment").isEmpty(), "a group version k3j does not serve");
        assertTrue(KubeMessages.of("apps/v1", "DeleteOptions").isEmpty(), "a group version k3j does not serve");
        assertTrue(KubeMessages.of("v1", "NoSuchKind").isEmpty());
    }

    @Test
    void everyInlineFieldNamesAMessageField() {
        List<FieldDescriptor> inline = Stream.of(V1.getDescriptor(), V1Coordination.getDescriptor())
                .flatMap(file -> file.getMessageTypes().stream())
                .flatMap(message -> message.getFields().stream())
                .filter(KubeMessages::isInline).toList();
        assertEquals(12, inline.size(), "each listed field exists: " + inline);
        inline.forEach(field -> assertEquals(FieldDescriptor.JavaType.MESSAGE, field.getJavaType(), field.getFullName()));
        assertFalse(KubeMessages.isInline(V1.Container.getDescriptor().findFieldByName("securityContext")));
    }

    @Test
    void theJsonFieldsOfAMessageHaveItsInlineFieldsInPlace() {
        Map<String, FieldDescriptor> volume = KubeMessages.jsonFields(V1.Volume.getDescriptor());
        assertEquals("name", volume.keySet().iterator().next());
        assertTrue(volume.keySet().containsAll(List.of("hostPath", "configMap", "secret", "emptyDir")), volume.keySet()::toString);
        assertFalse(volume.containsKey("volumeSource"));
        assertEquals(List.of("name", "key", "optional"),
                List.copyOf(KubeMessages.jsonFields(V1.ConfigMapKeySelector.getDescriptor()).keySet()));
        assertEquals("k8s.io.api.core.v1.HTTPGetAction",
                KubeMessages.jsonFields(V1.Probe.getDescriptor()).get("httpGet").getMessageType().getFullName());
    }

    @Test
    void theSpecialShapesAreRecognisedByFullName() {
        Descriptor meta = KubeMessages.of(ResourceCatalog.CONFIG_MAPS).orElseThrow()
                .findFieldByName("metadata").getMessageType();
        assertEquals(WellKnownType.TIME, WellKnownType.of(meta.findFieldByName("creationTimestamp").getMessageType()).orElseThrow());
        assertTrue(WellKnownType.of(meta).isEmpty());
    }
}
