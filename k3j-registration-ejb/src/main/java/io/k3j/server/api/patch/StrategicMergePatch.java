package io.k3j.server.api.patch;

import io.k3j.server.api.json.JsonSupport;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes's strategic merge patch, as far as kubectl apply, edit, label and annotate use it:
 * objects merge recursively and null removes a field; lists merge as the {@link PatchSchema}
 * says; and the directives {@code $patch} (merge, replace, delete) in objects and list
 * elements, {@code $retainKeys}, {@code $deleteFromPrimitiveList/<field>} and
 * {@code $setElementOrder/<field>} are honoured.
 */
public final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder/";

    private StrategicMergePatch() {
    }

    /**
     * Applies a patch to an object.
     *
     * @throws PatchException when a directive is unknown or malformed, or a merge-list element
     *     lacks its merge key
     */
    public static JsonObject apply(JsonObject original, JsonObject patch, PatchSchema schema) {
        JsonObject result = mergeObject(original, patch, schema);
        if (result == null) {
            throw new PatchException("a strategic merge patch cannot delete the whole object");
        }
        return result;
    }

    /** Merges a patch into an object; null when the patch deletes the object. */
    private static JsonObject mergeObject(JsonObject original, JsonObject patch, PatchSchema schema) {
        String directive = directive(patch);
        switch (directive) {
            case "delete":
                return null;
            case "replace":
                return mergeObject(JsonValue.EMPTY_JSON_OBJECT, JsonSupport.object(patch).remove(PATCH).build(), schema);
            case "merge":
                break;
            default:
                throw new PatchException("unknown patch directive \"$patch\": \"" + directive
                        + "\"; expected merge, replace or delete");
        }
        Map<String, JsonValue> result = new LinkedHashMap<>(original);
        if (patch.containsKey(RETAIN_KEYS)) {
            Set<String> retained = new HashSet<>(strings(patch.get(RETAIN_KEYS), RETAIN_KEYS));
            for (String key : patch.keySet()) {
                if (!key.startsWith("$") && !retained.contains(key)) {
                    throw new PatchException("field \"" + key + "\" is in the patch but not in its $retainKeys list "
                            + retained);
                }
            }
            result.keySet().retainAll(retained);
        }
        Map<String, JsonArray> deletions = new LinkedHashMap<>();
        Map<String, JsonArray> orders = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : patch.entrySet()) {
            String key = entry.getKey();
            JsonValue value = entry.getValue();
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                deletions.put(key.substring(DELETE_FROM_PRIMITIVE_LIST.length()), array(value, key));
            } else if (key.startsWith(SET_ELEMENT_ORDER)) {
                orders.put(key.substring(SET_ELEMENT_ORDER.length()), array(value, key));
            } else if (key.equals(PATCH) || key.equals(RETAIN_KEYS)) {
                continue;
            } else if (key.startsWith("$")) {
                throw new PatchException("unknown patch directive \"" + key + "\"");
            } else if (value == JsonValue.NULL) {
                result.remove(key);
            } else {
                JsonValue merged = mergeValue(result.get(key), value, schema.field(key), key);
                if (merged == null) {
                    result.remove(key);
                } else {
                    result.put(key, merged);
                }
            }
        }
        deletions.forEach((field, values) -> {
            if (result.get(field) instanceof JsonArray list) {
                result.put(field, without(list, values));
            }
        });
        orders.forEach((field, order) -> {
            if (result.get(field) instanceof JsonArray list) {
                result.put(field, reorder(list, order, schema.field(field)));
            }
        });
        JsonObjectBuilder out = JsonSupport.object();
        result.forEach(out::add);
        return out.build();
    }

    private static JsonValue mergeValue(JsonValue original, JsonValue patch, PatchSchema schema, String field) {
        if (patch instanceof JsonObject patchObject) {
            JsonObject base = original instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            return mergeObject(base, patchObject, schema);
        }
        if (patch instanceof JsonArray patchList) {
            JsonArray base = original instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
            return switch (schema.listMerge()) {
                case REPLACE -> patchList;
                case SET -> mergeSet(base, patchList);
                case BY_KEY -> mergeByKey(base, patchList, schema, field);
            };
        }
        return patch;
    }

    /** The union of two scalar lists; a {@code {"$patch": "replace"}} element makes the patch's list replace the original. */
    private static JsonArray mergeSet(JsonArray original, JsonArray patch) {
        boolean replace = patch.stream().anyMatch(v -> v instanceof JsonObject o && directive(o).equals("replace"));
        List<JsonValue> result = new ArrayList<>(replace ? List.of() : original);
        for (JsonValue value : patch) {
            if (!(value instanceof JsonObject) && !result.contains(value)) {
                result.add(value);
            }
        }
        return build(result);
    }

    private static JsonArray mergeByKey(JsonArray original, JsonArray patch, PatchSchema schema, String field) {
        String mergeKey = schema.mergeKey();
        boolean replace = patch.stream().anyMatch(v -> v instanceof JsonObject o && o.size() == 1 && directive(o).equals("replace"));
        List<JsonValue> result = new ArrayList<>(replace ? List.of() : original);
        for (JsonValue element : patch) {
            if (!(element instanceof JsonObject patchElement)) {
                throw new PatchException("the list \"" + field + "\" merges by \"" + mergeKey
                        + "\" and can only hold objects, found " + element);
            }
            String directive = directive(patchElement);
            if (replace && patchElement.size() == 1 && directive.equals("replace")) {
                continue;
            }
            JsonValue key = patchElement.get(mergeKey);
            if (key == null) {
                throw new PatchException("an element of \"" + field + "\" does not contain its merge key \"" + mergeKey
                        + "\": " + patchElement);
            }
            int index = indexOf(result, mergeKey, key);
            if (directive.equals("delete")) {
                result.removeIf(v -> v instanceof JsonObject o && key.equals(o.get(mergeKey)));
                continue;
            }
            JsonObject base = index >= 0 && result.get(index) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            JsonObject merged = mergeObject(base, patchElement, schema);
            if (index >= 0) {
                result.set(index, merged);
            } else {
                result.add(merged);
            }
        }
        return build(result);
    }

    /** The list with the elements named by {@code $setElementOrder} first, in its order, then the rest. */
    private static JsonArray reorder(JsonArray list, JsonArray order, PatchSchema schema) {
        List<JsonValue> ordered = new ArrayList<>();
        List<JsonValue> rest = new ArrayList<>(list);
        for (JsonValue wanted : order) {
            JsonValue identity = schema.listMerge() == PatchSchema.ListMerge.BY_KEY && wanted instanceof JsonObject o
                    ? o.get(schema.mergeKey()) : wanted;
            for (int i = 0; i < rest.size(); i++) {
                JsonValue candidate = rest.get(i);
                JsonValue candidateIdentity = schema.listMerge() == PatchSchema.ListMerge.BY_KEY
                        && candidate instanceof JsonObject c ? c.get(schema.mergeKey()) : candidate;
                if (identity != null && identity.equals(candidateIdentity)) {
                    ordered.add(rest.remove(i));
                    break;
                }
            }
        }
        ordered.addAll(rest);
        return build(ordered);
    }

    private static JsonArray without(JsonArray list, JsonArray values) {
        List<JsonValue> kept = new ArrayList<>(list);
        kept.removeAll(values);
        return build(kept);
    }

    private static int indexOf(List<JsonValue> list, String mergeKey, JsonValue key) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof JsonObject o && key.equals(o.get(mergeKey))) {
                return i;
            }
        }
        return -1;
    }

    private static String directive(JsonObject object) {
        JsonValue value = object.get(PATCH);
        if (value == null) {
            return "merge";
        }
        if (!(value instanceof JsonString s)) {
            throw new PatchException("the \"$patch\" directive must be a string, found " + value);
        }
        return s.getString();
    }

    private static JsonArray array(JsonValue value, String directive) {
        if (!(value instanceof JsonArray list)) {
            throw new PatchException("the \"" + directive + "\" directive must be a list, found " + value);
        }
        return list;
    }

    private static List<String> strings(JsonValue value, String directive) {
        List<String> strings = new ArrayList<>();
        for (JsonValue element : array(value, directive)) {
            if (!(element instanceof JsonString s)) {
                throw new PatchException("the \"" + directive + "\" directive must list strings, found " + element);
            }
            strings.add(s.getString());
        }
        return strings;
    }

    private static JsonArray build(List<JsonValue> values) {
        JsonArrayBuilder out = JsonSupport.array();
        values.forEach(out::add);
        return out.build();
    }
}
