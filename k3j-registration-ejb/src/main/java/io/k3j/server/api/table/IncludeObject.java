package io.k3j.server.api.table;

import io.k3j.server.api.status.ApiException;

/** What each row of a Table carries besides its cells: the {@code includeObject} query parameter. */
public enum IncludeObject {
    /** Nothing: {@code "object": null}. */
    NONE("None"),
    /** The object's metadata as a PartialObjectMetadata, the default. */
    METADATA("Metadata"),
    /** The whole object. */
    OBJECT("Object");

    private final String text;

    IncludeObject(String text) {
        this.text = text;
    }

    /**
     * Reads the query parameter; absent or empty means {@link #METADATA}.
     *
     * @throws ApiException 400 for any other value
     */
    public static IncludeObject fromQuery(String value) {
        if (value == null || value.isEmpty()) {
            return METADATA;
        }
        for (IncludeObject include : values()) {
            if (include.text.equals(value)) {
                return include;
            }
        }
        throw ApiException.badRequest("unrecognized includeObject value: \"" + value + "\"");
    }
}
