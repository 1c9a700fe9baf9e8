package io.k3j.server.api.table;

import io.k3j.server.api.json.JsonSupport;
import jakarta.json.JsonObject;
import java.util.Objects;

/**
 * One column of a Table, as a {@code TableColumnDefinition}.
 *
 * @param name the header; kubectl prints it in capitals
 * @param type the cell type: {@code string}, {@code integer}, {@code date} ...
 * @param format a hint such as {@code name}; empty for none
 * @param description what the column shows
 * @param priority 0 for the default columns, 1 for those only {@code -o wide} shows
 */
public record Column(String name, String type, String format, String description, int priority) {

    private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when "
            + "creating resources, although some resources may allow a client to request the generation of an "
            + "appropriate name automatically. Name is primarily intended for creation idempotence and configuration "
            + "definition. Cannot be updated. More info: "
            + "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    private static final String CREATION_DESCRIPTION = "CreationTimestamp is a timestamp representing the server "
            + "time when this object was created. It is not guaranteed to be set in happens-before order across "
            + "separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\n"
            + "Populated by the system. Read-only. Null for lists. More info: "
            + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(description, "description");
    }

    /** A default string column. */
    static Column string(String name, String description) {
        return new Column(name, "string", "", description, 0);
    }

    /** A string column that only {@code -o wide} shows. */
    static Column wide(String name, String description) {
        return new Column(name, "string", "", description, 1);
    }

    /** The object's name, the first column of most types. */
    static Column objectName() {
        return new Column("Name", "string", "name", NAME_DESCRIPTION, 0);
    }

    /** How long ago the object was created. */
    static Column age() {
        return string("Age", CREATION_DESCRIPTION);
    }

    /** This column shown only with {@code -o wide}. */
    Column wideOnly() {
        return new Column(name, type, format, description, 1);
    }

    public JsonObject toJson() {
        return JsonSupport.object()
                .add("name", name)
                .add("type", type)
                .add("format", format)
                .add("description", description)
                .add("priority", priority)
                .build();
    }
}
