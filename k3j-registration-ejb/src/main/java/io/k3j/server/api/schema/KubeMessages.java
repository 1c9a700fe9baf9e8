package io.k3j.server.api.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.k3j.server.api.resource.ResourceType;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Coordination;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protobuf message descriptors of the Kubernetes types, from the generated classes of
 * client-java-proto: the one source of what fields each type has, for protobuf request bodies,
 * strict field validation and the OpenAPI documents. Proto field names equal the JSON names,
 * except for the few {@linkplain #isInline inline} fields.
 */
public final class KubeMessages {

    /** The generated files of the group versions k3j serves. */
    private static final List<FileDescriptor> FILES = List.of(V1.getDescriptor(), V1Coordination.getDescriptor());

    /** The kinds of meta/v1 that Kubernetes registers in every group version, such as a DELETE's options. */
    private static final Set<String> META_KINDS = Set.of("DeleteOptions", "CreateOptions", "UpdateOptions",
            "PatchOptions", "GetOptions", "ListOptions", "WatchEvent");

    /**
     * The fields of Go structs embedded with {@code json:",inline"}: protobuf nests them as a
     * message, JSON writes their fields into the parent's object ({@code configMapKeyRef.name},
     * not {@code configMapKeyRef.localObjectReference.name}).
     */
    private static final Set<String> INLINE_FIELDS = Set.of(
            "k8s.io.api.core.v1.Volume.volumeSource",
            "k8s.io.api.core.v1.PersistentVolumeSpec.persistentVolumeSource",
            "k8s.io.api.core.v1.Probe.handler",
            "k8s.io.api.core.v1.EphemeralContainer.ephemeralContainerCommon",
            "k8s.io.api.core.v1.VolumeMountStatus.volumeStatus",
            "k8s.io.api.core.v1.ConfigMapEnvSource.localObjectReference",
            "k8s.io.api.core.v1.ConfigMapKeySelector.localObjectReference",
            "k8s.io.api.core.v1.ConfigMapProjection.localObjectReference",
            "k8s.io.api.core.v1.ConfigMapVolumeSource.localObjectReference",
            "k8s.io.api.core.v1.SecretEnvSource.localObjectReference",
            "k8s.io.api.core.v1.SecretKeySelector.localObjectReference",
            "k8s.io.api.core.v1.SecretProjection.localObjectReference");

    /** The JSON fields of each message looked up so far; messages are fixed, so this only grows to their number. */
    private static final Map<String, Map<String, FieldDescriptor>> JSON_FIELDS = new ConcurrentHashMap<>();

    private KubeMessages() {
    }

    /** The message of a resource type, such as {@code k8s.io.api.core.v1.ConfigMap}. */
    public static Optional<Descriptor> of(ResourceType type) {
        return of(type.apiVersion(), type.kind());
    }

    /**
     * The message of a kind in a group version as an object's {@code apiVersion} names it
     * ({@code v1}, {@code coordination.k8s.io/v1}): a type of that group version, or one of the
     * meta/v1 kinds every group version has, such as {@code DeleteOptions}.
     */
    public static Optional<Descriptor> of(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String proto = protoPackage(slash < 0 ? "" : apiVersion.substring(0, slash), apiVersion.substring(slash + 1));
        return FILES.stream().filter(file -> file.getPackage().equals(proto)).findFirst()
                .map(file -> META_KINDS.contains(kind) ? Meta.getDescriptor() : file)
                .map(file -> file.findMessageTypeByName(kind));
    }

    /** Whether the JSON form writes this message field's own fields into the parent object. */
    public static boolean isInline(FieldDescriptor field) {
        return INLINE_FIELDS.contains(field.getFullName());
    }

    /**
     * The fields of a message's JSON object by their names, in message order, with the fields of
     * {@linkplain #isInline inline} fields in place of those fields: {@code Volume} has
     * {@code name}, {@code hostPath}, {@code configMap}... Without {@code apiVersion} and
     * {@code kind}, which only the top-level object of a kind has.
     */
    public static Map<String, FieldDescriptor> jsonFields(Descriptor message) {
        return JSON_FIELDS.computeIfAbsent(message.getFullName(), name -> {
            Map<String, FieldDescriptor> fields = new LinkedHashMap<>();
            addJsonFields(message, fields);
            return Collections.unmodifiableMap(fields);
        });
    }

    private static void addJsonFields(Descriptor message, Map<String, FieldDescriptor> fields) {
        for (FieldDescriptor field : message.getFields()) {
            if (isInline(field)) {
                addJsonFields(field.getMessageType(), fields);
            } else {
                fields.put(field.getName(), field);
            }
        }
    }

    /** The proto package of a group version: {@code k8s.io.api.<first label of the group, or core>.<version>}. */
    static String protoPackage(String group, String version) {
        String name = group.isEmpty() ? "core" : group.substring(0, group.indexOf('.') < 0 ? group.length() : group.indexOf('.'));
        return "k8s.io.api." + name + "." + version;
    }
}
