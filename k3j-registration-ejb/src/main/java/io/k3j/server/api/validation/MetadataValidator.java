package io.k3j.server.api.validation;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.resource.ResourceType.NameFormat;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks the metadata of an object as Kubernetes's ValidateObjectMeta does. */
public final class MetadataValidator {

    /** The most that all annotations of an object may hold, keys and values together. */
    public static final long ANNOTATIONS_MAX_BYTES = 256 * 1024;

    private static final Set<String> STRING_FIELDS = Set.of("name", "generateName", "namespace", "uid",
            "resourceVersion", "creationTimestamp", "deletionTimestamp", "selfLink");
    private static final Set<String> INTEGER_FIELDS = Set.of("generation", "deletionGracePeriodSeconds");

    private MetadataValidator() {
    }

    /**
     * Finds a metadata field of the wrong JSON type, which Kubernetes cannot even decode (a 400,
     * not a 422).
     */
    public static Optional<String> decodeProblem(JsonObject object) {
        JsonValue metadata = object.get(ObjectMeta.METADATA);
        if (metadata == null || metadata == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(metadata instanceof JsonObject meta)) {
            return Optional.of("metadata: expected an object, found " + describe(metadata));
        }
        for (Map.Entry<String, JsonValue> field : meta.entrySet()) {
            String name = field.getKey();
            JsonValue value = field.getValue();
            if (value == JsonValue.NULL) {
                continue;
            }
            Optional<String> expected = Optional.empty();
            if (STRING_FIELDS.contains(name) && !(value instanceof JsonString)) {
                expected = Optional.of("a string");
            } else if (INTEGER_FIELDS.contains(name) && !(value instanceof JsonNumber n && n.isIntegral())) {
                expected = Optional.of("an integer");
            } else if ((name.equals("labels") || name.equals("annotations")) && !isStringMap(value)) {
                expected = Optional.of("an object of strings");
            } else if (name.equals("finalizers") && !isArrayOf(value, JsonValue.ValueType.STRING)) {
                expected = Optional.of("an array of strings");
            } else if (name.equals("ownerReferences") && !isArrayOf(value, JsonValue.ValueType.OBJECT)) {
                expected = Optional.of("an array of objects");
            }
            if (expected.isPresent()) {
                return Optional.of("metadata." + name + ": expected " + expected.get() + ", found " + describe(value));
            }
        }
        return Optional.empty();
    }

    /** The problems of an object's metadata: names, namespace, labels, annotations, finalizers, owners. */
    public static List<FieldError> validate(JsonObject object, ResourceType type) {
        List<FieldError> errors = new ArrayList<>();
        String name = ObjectMeta.name(object);
        String generateName = ObjectMeta.string(object, "generateName");
        if (!generateName.isEmpty()) {
            // a generated suffix follows, so the prefix may end with a dash
            String masked = generateName.endsWith("-")
                    ? generateName.substring(0, generateName.length() - 1) + "a" : generateName;
            nameProblems(masked, type.nameFormat())
                    .forEach(m -> errors.add(FieldError.invalid("metadata.generateName", generateName, m)));
        }
        if (name.isEmpty()) {
            errors.add(FieldError.required("metadata.name", "name or generateName is required"));
        } else {
            nameProblems(name, type.nameFormat()).forEach(m -> errors.add(FieldError.invalid("metadata.name", name, m)));
        }
        String namespace = ObjectMeta.namespace(object);
        if (type.namespaced()) {
            if (namespace.isEmpty()) {
                errors.add(FieldError.required("metadata.namespace", ""));
            } else {
                NameRules.dns1123Label(namespace)
                        .forEach(m -> errors.add(FieldError.invalid("metadata.namespace", namespace, m)));
            }
        } else if (!namespace.isEmpty()) {
            errors.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
        }
        validateLabels(ObjectMeta.labels(object), "metadata.labels", errors);
        validateAnnotations(ObjectMeta.annotations(object), errors);
        for (String finalizer : ObjectMeta.finalizers(object)) {
            NameRules.qualifiedName(finalizer)
                    .forEach(m -> errors.add(FieldError.invalid("metadata.finalizers", finalizer, m)));
        }
        validateOwnerReferences(JsonSupport.arrayAt(object, ObjectMeta.METADATA, "ownerReferences"), errors);
        return errors;
    }

    /** The problems of a name under a naming rule, as messages. */
    public static List<String> nameProblems(String name, NameFormat format) {
        return switch (format) {
            case DNS1123_LABEL -> NameRules.dns1123Label(name);
            case DNS1123_SUBDOMAIN -> NameRules.dns1123Subdomain(name);
        };
    }

    /** Label keys and values; also used for selectors' keys and values. */
    public static void validateLabels(Map<String, String> labels, String field, List<FieldError> errors) {
        labels.forEach((key, value) -> {
            NameRules.qualifiedName(key).forEach(m -> errors.add(FieldError.invalid(field, key, m)));
            NameRules.labelValue(value).forEach(m -> errors.add(FieldError.invalid(field, value, m)));
        });
    }

    private static void validateAnnotations(Map<String, String> annotations, List<FieldError> errors) {
        long total = 0;
        for (Map.Entry<String, String> annotation : annotations.entrySet()) {
            String key = annotation.getKey();
            // Kubernetes checks annotation keys in lower case
            NameRules.qualifiedName(key.toLowerCase(Locale.ROOT))
                    .forEach(m -> errors.add(FieldError.invalid("metadata.annotations", key, m)));
            total += key.getBytes(StandardCharsets.UTF_8).length
                    + annotation.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > ANNOTATIONS_MAX_BYTES) {
            errors.add(FieldError.tooLong("metadata.annotations", ANNOTATIONS_MAX_BYTES));
        }
    }

    private static void validateOwnerReferences(List<JsonValue> references, List<FieldError> errors) {
        for (int i = 0; i < references.size(); i++) {
            JsonObject reference = references.get(i).asJsonObject();
            String field = "metadata.ownerReferences[" + i + "]";
            for (String required : List.of("apiVersion", "kind", "name", "uid")) {
                if (JsonSupport.stringAt(reference, required).orElse("").isEmpty()) {
                    errors.add(FieldError.required(field + "." + required, ""));
                }
            }
        }
    }

    private static boolean isStringMap(JsonValue value) {
        return value instanceof JsonObject o && o.values().stream().allMatch(v -> v instanceof JsonString);
    }

    private static boolean isArrayOf(JsonValue value, JsonValue.ValueType elementType) {
        return value.getValueType() == JsonValue.ValueType.ARRAY
                && value.asJsonArray().stream().allMatch(v -> v.getValueType() == elementType);
    }

    private static String describe(JsonValue value) {
        return value.getValueType().name().toLowerCase(Locale.ROOT);
    }
}
