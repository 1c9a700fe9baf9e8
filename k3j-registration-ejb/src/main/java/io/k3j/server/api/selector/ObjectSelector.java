package io.k3j.server.api.selector;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceType;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A label and a field selector applied to objects of one type, as list, watch and
 * deletecollection apply them.
 */
public final class ObjectSelector {

    /** Separates alternative paths of one selectable field. */
    private static final Pattern ALTERNATIVES = Pattern.compile("\\|");

    private final ResourceType type;
    private final LabelSelector labels;
    private final FieldSelector fields;

    /**
     * @throws SelectorException when the field selector names a field the type does not support
     */
    public ObjectSelector(ResourceType type, LabelSelector labels, FieldSelector fields) {
        this.type = Objects.requireNonNull(type, "type");
        this.labels = Objects.requireNonNull(labels, "labels");
        Set<String> supported = new LinkedHashSet<>(ResourceType.METADATA_FIELDS);
        supported.addAll(type.selectableFields().keySet());
        this.fields = Objects.requireNonNull(fields, "fields").requireSupported(supported);
    }

    public boolean isEverything() {
        return labels.isEverything() && fields.isEverything();
    }

    public boolean matches(JsonObject object) {
        return labels.matches(ObjectMeta.labels(object)) && fields.matches(field -> fieldValue(object, field));
    }

    /**
     * A field's value as a selector compares it: strings as they are, other scalars as JSON text,
     * "" when absent; of alternative paths ({@code a.b|c}) the first non-empty value.
     */
    private String fieldValue(JsonObject object, String field) {
        if (field.equals("metadata.name")) {
            return ObjectMeta.name(object);
        }
        if (field.equals("metadata.namespace")) {
            return ObjectMeta.namespace(object);
        }
        for (String path : ALTERNATIVES.split(type.selectableFields().get(field))) {
            String value = valueAt(object, path);
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    private static String valueAt(JsonObject object, String path) {
        JsonValue value = JsonSupport.at(object, path.split("\\.")).orElse(JsonValue.NULL);
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER, TRUE, FALSE -> value.toString();
            default -> "";
        };
    }
}
