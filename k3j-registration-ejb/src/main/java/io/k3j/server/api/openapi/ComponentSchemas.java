package io.k3j.server.api.openapi;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.patch.PatchSchema;
import io.k3j.server.api.schema.KubeMessages;
import io.k3j.server.api.schema.WellKnownType;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code components.schemas} of one OpenAPI document (or the {@code definitions} of a
 * Swagger one), generated from the protobuf
 * descriptors of the kinds it describes and of every message they reach, named as Kubernetes
 * names them ({@code io.k8s.api.core.v1.ConfigMap}). Fields carry the strategic merge tags of
 * the {@link PatchSchema}s; the kinds carry their group, version and kind.
 */
final class ComponentSchemas {

    static final String REF_PREFIX = "#/components/schemas/";

    /** How the document's version writes references and the special messages. */
    enum Dialect {
        /** OpenAPI 3.0, as under {@code /openapi/v3}. */
        V3(REF_PREFIX),
        /** Swagger 2.0, as under {@code /openapi/v2}, whose schemas are its {@code definitions}. */
        V2("#/definitions/");

        private final String refPrefix;

        Dialect(String refPrefix) {
            this.refPrefix = refPrefix;
        }

        /** A field's reference to a schema: wrapped in allOf in 3.0, which ignores what sits beside a $ref. */
        JsonObject reference(String schemaName) {
            JsonObject ref = JsonSupport.object().add("$ref", refPrefix + schemaName).build();
            return this == V3 ? JsonSupport.object().add("allOf", JsonSupport.array().add(ref)).build() : ref;
        }

        JsonObject special(WellKnownType type) {
            return this == V3 ? type.openApiSchema() : type.openApiV2Schema();
        }
    }

    private final Dialect dialect;
    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private final Map<String, JsonObject> extra = new LinkedHashMap<>();
    /** The strategic merge schema of each field, by message full name and JSON field name. */
    private final Map<String, Map<String, PatchSchema>> mergeTags = new HashMap<>();
    /** The pairs of message and patch schema walked, so that each is walked once. */
    private final Set<List<Object>> tagged = new HashSet<>();

    ComponentSchemas(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Adds a kind: a message whose JSON object also has apiVersion and kind (unless it is a
     * {@code WatchEvent}), with the group versions it belongs to.
     *
     * @param patch how a strategic merge patch merges its fields
     */
    ComponentSchemas kind(Descriptor message, PatchSchema patch, boolean typeMeta, List<GroupVersionKind> gvks) {
        kinds.computeIfAbsent(message.getFullName(), name -> new Kind(message, typeMeta, new ArrayList<>()))
                .gvks().addAll(gvks);
        collectMergeTags(message, patch);
        return this;
    }

    /** Adds a schema no message describes. */
    ComponentSchemas schema(String name, JsonObject schema) {
        extra.put(name, schema);
        return this;
    }

    /** The schema name Kubernetes gives a message: {@code k8s.io.api...} becomes {@code io.k8s.api...}. */
    static String name(Descriptor message) {
        return "io." + message.getFullName().replaceFirst("^k8s\\.io\\.", "k8s.");
    }

    static JsonObject ref(String schemaName) {
        return JsonSupport.object().add("$ref", REF_PREFIX + schemaName).build();
    }

    /** Every schema, by name, in name order. */
    JsonObject build() {
        Map<String, JsonObject> schemas = new TreeMap<>(extra);
        kinds.values().forEach(kind -> define(kind.message(), schemas));
        JsonObjectBuilder out = JsonSupport.object();
        schemas.forEach(out::add);
        return out.build();
    }

    /** Records the merge tags a patch schema gives the fields of a message and of what it reaches. */
    private void collectMergeTags(Descriptor message, PatchSchema patch) {
        if (patch == PatchSchema.NONE || !tagged.add(List.of(message.getFullName(), patch))) {
            return;
        }
        KubeMessages.jsonFields(message).forEach((name, field) -> {
            PatchSchema fieldPatch = patch.field(name);
            if (fieldPatch == PatchSchema.NONE) {
                return;
            }
            mergeTags.computeIfAbsent(message.getFullName(), m -> new HashMap<>()).put(name, fieldPatch);
            objectMessage(elementField(field)).ifPresent(fieldMessage -> collectMergeTags(fieldMessage, fieldPatch));
        });
    }

    private void define(Descriptor message, Map<String, JsonObject> schemas) {
        String name = name(message);
        if (schemas.containsKey(name)) {
            return;
        }
        Optional<WellKnownType> special = WellKnownType.of(message);
        if (special.isPresent()) {
            schemas.put(name, dialect.special(special.get()));
            return;
        }
        schemas.put(name, JsonValue.EMPTY_JSON_OBJECT); // a cycle back to this message stops here
        Kind kind = kinds.get(message.getFullName());
        JsonObjectBuilder properties = JsonSupport.object();
        if (kind != null && kind.typeMeta()) {
            properties.add("apiVersion", JsonSupport.object().add("type", "string")
                    .add("description", "The versioned schema of this object, such as v1."));
            properties.add("kind", JsonSupport.object().add("type", "string")
                    .add("description", "The kind of this object, such as " + message.getName() + "."));
        }
        Map<String, PatchSchema> tags = mergeTags.getOrDefault(message.getFullName(), Map.of());
        KubeMessages.jsonFields(message).forEach((fieldName, field) ->
                properties.add(fieldName, property(field, tags.getOrDefault(fieldName, PatchSchema.NONE), schemas)));
        JsonObjectBuilder schema = JsonSupport.object().add("type", "object").add("properties", properties);
        if (kind != null && !kind.gvks().isEmpty()) {
            JsonArrayBuilder gvks = JsonSupport.array();
            kind.gvks().stream().distinct().forEach(gvk -> gvks.add(gvk.toJson()));
            schema.add("x-kubernetes-group-version-kind", gvks);
        }
        schemas.put(name, schema.build());
    }

    private JsonObject property(FieldDescriptor field, PatchSchema patch, Map<String, JsonObject> schemas) {
        if (field.isMapField()) {
            return JsonSupport.object().add("type", "object")
                    .add("additionalProperties", element(field.getMessageType().findFieldByName("value"), schemas))
                    .build();
        }
        if (!field.isRepeated()) {
            return element(field, schemas);
        }
        JsonObjectBuilder list = JsonSupport.object().add("type", "array").add("items", element(field, schemas));
        switch (patch.listMerge()) {
            case BY_KEY -> list.add("x-kubernetes-patch-merge-key", patch.mergeKey())
                    .add("x-kubernetes-patch-strategy", "merge");
            case SET -> list.add("x-kubernetes-patch-strategy", "merge").add("x-kubernetes-list-type", "set");
            case REPLACE -> {
                // atomic: the default of a list without tags
            }
        }
        return list.build();
    }

    /** The schema of one value of a field: a reference to its message's schema, or a scalar. */
    private JsonObject element(FieldDescriptor field, Map<String, JsonObject> schemas) {
        return switch (field.getJavaType()) {
            case MESSAGE -> {
                define(field.getMessageType(), schemas);
                yield dialect.reference(name(field.getMessageType()));
            }
            case STRING, ENUM -> scalar("string", "");
            case BYTE_STRING -> scalar("string", "byte");
            case BOOLEAN -> scalar("boolean", "");
            case INT -> scalar("integer", "int32");
            case LONG -> scalar("integer", "int64");
            case FLOAT, DOUBLE -> scalar("number", "double");
        };
    }

    private static JsonObject scalar(String type, String format) {
        JsonObjectBuilder scalar = JsonSupport.object().add("type", type);
        if (!format.isEmpty()) {
            scalar.add("format", format);
        }
        return scalar.build();
    }

    /** The field that holds one value: a map's value field, or the field itself. */
    private static FieldDescriptor elementField(FieldDescriptor field) {
        return field.isMapField() ? field.getMessageType().findFieldByName("value") : field;
    }

    /** The message of an object-valued field, unless it is a special message. */
    private static Optional<Descriptor> objectMessage(FieldDescriptor field) {
        return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && WellKnownType.of(field.getMessageType()).isEmpty()
                ? Optional.of(field.getMessageType()) : Optional.empty();
    }

    /** A group, version and kind, as the x-kubernetes-group-version-kind extension writes one. */
    record GroupVersionKind(String group, String version, String kind) {

        JsonObject toJson() {
            return JsonSupport.object().add("group", group).add("kind", kind).add("version", version).build();
        }
    }

    private record Kind(Descriptor message, boolean typeMeta, List<GroupVersionKind> gvks) {
    }
}
