package io.k3j.server.api.patch;

import java.util.Map;
import java.util.Objects;

/**
 * How a strategic merge patch merges the fields of one object type: the patchStrategy and
 * patchMergeKey tags of Kubernetes's Go types. A field the schema does not name merges as in a
 * JSON merge patch (objects recursively, lists replaced).
 *
 * <p>The schema of a list field describes both how the list merges and the fields of its
 * elements.
 */
public final class PatchSchema {

    /** How a list merges with the list it patches. */
    public enum ListMerge {
        /** The patch's list replaces the original. */
        REPLACE,
        /** Elements are objects matched by a merge key; matches merge, others are added. */
        BY_KEY,
        /** Elements are scalars; the result is the union, in original order then new values. */
        SET
    }

    /** The schema of a field nothing is known about. */
    public static final PatchSchema NONE = new PatchSchema(Map.of(), ListMerge.REPLACE, "");

    private final Map<String, PatchSchema> fields;
    private final ListMerge listMerge;
    private final String mergeKey;

    private PatchSchema(Map<String, PatchSchema> fields, ListMerge listMerge, String mergeKey) {
        this.fields = Map.copyOf(fields);
        this.listMerge = Objects.requireNonNull(listMerge, "listMerge");
        this.mergeKey = Objects.requireNonNull(mergeKey, "mergeKey");
    }

    /** An object whose named fields have schemas. */
    public static PatchSchema object(Map<String, PatchSchema> fields) {
        return new PatchSchema(fields, ListMerge.REPLACE, "");
    }

    /** A list of objects merged by a key, whose elements have the given fields. */
    public static PatchSchema mergeList(String mergeKey, Map<String, PatchSchema> elementFields) {
        return new PatchSchema(elementFields, ListMerge.BY_KEY, mergeKey);
    }

    public static PatchSchema mergeList(String mergeKey) {
        return mergeList(mergeKey, Map.of());
    }

    /** A list of scalars merged as a set, like metadata.finalizers. */
    public static PatchSchema set() {
        return new PatchSchema(Map.of(), ListMerge.SET, "");
    }

    /** The schema of a field of this object, or of this list's elements. */
    public PatchSchema field(String name) {
        return fields.getOrDefault(name, NONE);
    }

    public ListMerge listMerge() {
        return listMerge;
    }

    public String mergeKey() {
        return mergeKey;
    }
}
